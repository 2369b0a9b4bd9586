import { App, Button, Card, Descriptions, Popconfirm, Spin, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { PageHeader, rowTestId } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { FieldValue } from '../../components/FieldValue';
import type { HouseholdDetail } from '../../../shared/registry/households';
import type { PersonRow } from '../../../shared/registry/persons';
import { BenefitTable } from './BenefitTable';
import { AddBenefitButton } from './AddBenefitButton';
import { AddMemberButton } from './AddMemberButton';
import { HouseholdPrintSheet } from './HouseholdPrintSheet';
import { disabilityText, hukouTypes, relationName, sexes } from '../../../shared/registry-codes';

/** 家庭详情: members with their relation, the benefits of all members, and a printable sheet. */
export function HouseholdDetailPage() {
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const {
    data: h,
    error,
    refetch,
  } = useQuery({ queryKey: ['household', id], queryFn: () => api.get<HouseholdDetail>(`/api/households/${id}`) });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/households" backLabel="返回家庭档案" />;
  if (!h) return <Spin style={{ display: 'block', margin: 60 }} />;
  const remove = async (p: PersonRow) => {
    try {
      await api.delete(`/api/households/${h.id}/members/${p.id}`);
      message.success(`已将 ${p.name} 移出本户`);
      void refetch();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <div>
      <div className="screen-only">
        <PageHeader
          title={`家庭 ${h.householdNo}`}
          sub={`户主 ${h.headName ?? '未指定'} · ${h.memberCount} 人`}
          extra={
            <>
              <Button type="primary" onClick={() => window.print()} data-testid="household-print">
                打印登记表
              </Button>
              <Button onClick={() => navigate(-1)}>返回</Button>
            </>
          }
        />
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'no', label: '户编号', children: h.householdNo },
            { key: 'head', label: '户主', children: h.headName },
            { key: 'count', label: '人数', children: h.memberCount },
            { key: 'div', label: '所在地', span: { xs: 1, md: 2 }, children: h.divisionName },
            { key: 'addr', label: '住址', children: h.address },
          ]}
        />
        <Card
          size="small"
          title="家庭成员"
          className="section-gap"
          extra={can('registry.write') ? <AddMemberButton household={h} onSaved={() => void refetch()} /> : null}
        >
          <Table<PersonRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={h.members}
            onRow={rowTestId('member-row')}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                render: (v: string, r) => (
                  <Link to={`/persons/${r.id}`} data-testid="member-link">
                    {v}
                  </Link>
                ),
              },
              { title: '与户主关系', dataIndex: 'relation', render: relationName },
              { title: '性别', dataIndex: 'sex', render: (v: PersonRow['sex']) => (v ? sexes[v] : '') },
              { title: '出生日期', dataIndex: 'birthDate' },
              {
                title: '身份证号',
                dataIndex: 'idNumberMasked',
                render: (v: string | null) => (
                  <span data-testid="member-id-masked">
                    <FieldValue value={v} empty="无" />
                  </span>
                ),
              },
              { title: '联系电话', dataIndex: 'phoneMasked', render: (v: string | null) => <FieldValue value={v} /> },
              { title: '户籍地', dataIndex: 'hukouDivisionName' },
              {
                title: '城乡类别',
                dataIndex: 'hukouType',
                render: (v: PersonRow['hukouType']) => <span data-testid="member-hukou-type">{hukouTypes[v]}</span>,
              },
              { title: '残疾', key: 'dis', render: (_: unknown, r) => disabilityText(r) },
              ...(can('registry.write')
                ? [
                    {
                      title: '操作',
                      key: 'op',
                      fixed: 'right' as const,
                      render: (_: unknown, r: PersonRow) =>
                        r.relation !== 'head' ? (
                          <Popconfirm
                            title={`将 ${r.name} 移出本户？`}
                            description="此人仍保留在人口库中。"
                            onConfirm={() => remove(r)}
                            okText="移出"
                            cancelText="取消"
                          >
                            <Button type="link" size="small" danger>
                              移出
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card
          size="small"
          title="待遇记录（全体成员）"
          className="section-gap"
          extra={
            can('benefit.write') ? (
              <AddBenefitButton persons={h.members.map((m) => ({ id: m.id, name: m.name }))} onSaved={() => void refetch()} />
            ) : null
          }
        >
          <BenefitTable benefits={h.benefits} showPerson onChanged={() => void refetch()} />
        </Card>
      </div>
      <HouseholdPrintSheet household={h} />
    </div>
  );
}
