import { Alert, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { yuan } from '../../../shared/money';
import { relationName, sexes } from '../../../shared/registry-codes';
import type { BenefitRow as Benefit } from '../../../shared/registry/benefits';
import type { PersonRow } from '../../../shared/registry/persons';
import type { MyRecord } from '../../../shared/portal/my-record';
import { isRunning } from '../registry/BenefitTable';
import { PortalLayout } from './PortalLayout';
import { Records, type RecordColumn } from './Records';

const memberColumns: RecordColumn<PersonRow>[] = [
  { key: 'name', title: '姓名', render: (m) => m.name },
  { key: 'relation', title: '与户主关系', render: (m) => relationName(m.relation) },
  { key: 'sex', title: '性别', render: (m) => (m.sex ? sexes[m.sex] : '') },
  { key: 'birth', title: '出生日期', render: (m) => m.birthDate },
];

const benefitColumns = (showPerson: boolean): RecordColumn<Benefit>[] => [
  ...(showPerson ? [{ key: 'person', title: '人员', render: (b: Benefit) => b.personName }] : []),
  { key: 'type', title: '待遇类别', render: (b) => b.typeName },
  { key: 'amount', title: '月金额（元）', align: 'right', render: (b) => <span className="money">{yuan(b.monthlyAmountFen)}</span> },
  { key: 'start', title: '起始月份', render: (b) => b.startMonth },
  { key: 'end', title: '截止月份', render: (b) => b.endMonth ?? '—' },
  {
    key: 'state',
    title: '状态',
    render: (b) =>
      isRunning(b) ? (
        <span className="portal-badge portal-badge-green">享受中</span>
      ) : (
        <span className="portal-badge portal-badge-grey">已终止</span>
      ),
  },
  { key: 'source', title: '来源', render: (b) => b.sourceName },
  { key: 'note', title: '备注', render: (b) => b.note ?? '—' },
];

/** 居民服务: the resident's own record, household members and benefits (GET /api/portal/me), nothing else. */
export function PortalHome() {
  const { data, isLoading, error } = useQuery({ queryKey: ['portal-me'], queryFn: () => api.get<MyRecord>('/api/portal/me') });
  const navigate = useNavigate();
  return (
    <PortalLayout>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error, '信息加载失败')} />
      ) : isLoading || !data ? (
        <Spin style={{ display: 'block', margin: 60 }} />
      ) : (
        <>
          <Card size="small" title="我的信息" data-testid="portal-person">
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'n', label: '姓名', children: data.person.name },
                { key: 'id', label: '身份证号', children: data.person.idNumberMasked ?? '' },
                { key: 's', label: '性别', children: data.person.sex ? sexes[data.person.sex] : '' },
                { key: 'b', label: '出生日期', children: data.person.birthDate },
                {
                  key: 'h',
                  label: '户籍地',
                  children: (
                    <span>
                      {data.person.hukouDivisionName}
                      {data.person.hukouUnverified && (
                        <>
                          {' '}
                          <span className="portal-badge portal-badge-orange" data-testid="portal-hukou-unverified">
                            待核实
                          </span>
                        </>
                      )}
                    </span>
                  ),
                },
                { key: 'p', label: '联系电话', children: data.person.phoneMasked ?? '' },
              ]}
            />
          </Card>
          <Card size="small" title="我的家庭" className="section-gap" data-testid="portal-household">
            {data.household ? (
              <Descriptions
                column={{ xs: 1, md: 2 }}
                size="small"
                style={{ marginBottom: 12 }}
                items={[
                  { key: 'no', label: '户编号', children: data.household.householdNo },
                  { key: 'head', label: '户主', children: data.household.headName },
                  { key: 'div', label: '所在地', children: data.household.divisionName },
                  { key: 'addr', label: '住址', children: data.household.address },
                ]}
              />
            ) : null}
            <Records
              rows={data.members}
              rowKey={(m) => m.id}
              columns={memberColumns}
              testId="portal-member"
              empty="尚未登记家庭信息。申请救助时可以一并填写家庭成员，由乡镇（街道）核实后登记；也可到户籍所在地乡镇（街道）便民服务中心或村（居）委会办理。"
            />
          </Card>
          <Card
            size="small"
            title={data.household ? '全家享受的待遇' : '我享受的待遇'}
            className="section-gap"
            data-testid="portal-benefits"
          >
            <Records
              rows={data.benefits}
              rowKey={(b) => b.id}
              columns={benefitColumns(Boolean(data.household))}
              testId="benefit-row"
              empty="暂无待遇记录"
            />
          </Card>
          <Card size="small" title="社会救助" className="section-gap">
            <Space wrap>
              <Button type="primary" onClick={() => navigate('/portal/assistance/apply')} data-testid="portal-apply">
                申请救助
              </Button>
              <Button onClick={() => navigate('/portal/assistance')}>我的申请</Button>
              <Button onClick={() => navigate('/notices')}>公示查询</Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              家庭生活困难的，可在网上申请低保、特困供养、临时救助或低保边缘家庭认定，也可到户籍所在地乡镇（街道）便民服务中心窗口申请。
            </Typography.Paragraph>
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            信息有误或有疑问，请联系户籍所在地乡镇（街道）民政工作人员。本页只显示您本人及家庭的信息。
          </Typography.Paragraph>
        </>
      )}
    </PortalLayout>
  );
}
