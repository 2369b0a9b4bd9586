import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, Select, Spin, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage, type Page } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useSubmit } from '../../../app/forms';
import { PageHeader, rowTestId } from '../../../app/list';
import { NotFoundResult } from '../../../app/Results';
import { today } from '../../../app/today';
import { FormDialog } from '../../../components/FormDialog';
import { organisationRoleKinds, organisationStatuses, reportingPartnerKinds } from '../../../../shared/registry/organisation-codes';
import type {
  FosterFamilyRow,
  OrganisationDetail,
  OrganisationEventRow,
  OrganisationRoleRow,
} from '../../../../shared/registry/organisations';
import type { HouseholdRow } from '../../../../shared/registry/households';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 组织详情: registration, roles, sub-organisations, foster families and the history of every change. */
export function OrganisationDetailPage() {
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const manage = can('organisation.manage');
  const [dialog, setDialog] = useState<
    'status' | 'role' | 'foster' | { endRole: OrganisationRoleRow } | { endFoster: FosterFamilyRow } | null
  >(null);
  const {
    data: o,
    error,
    refetch,
  } = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => api.get<OrganisationDetail>(`/api/organisations/${id}`),
  });
  const history = useQuery({
    queryKey: ['organisation', id, 'history'],
    queryFn: () => api.get<OrganisationEventRow[]>(`/api/organisations/${id}/history`),
  });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/organisations" backLabel="返回组织机构" />;
  if (!o) return <Spin style={{ display: 'block', margin: 60 }} />;
  const reload = () => {
    void refetch();
    void history.refetch();
  };
  const welfare = o.roles.some((r) => r.role === 'children_welfare' && r.toDate === null);
  return (
    <div>
      <PageHeader
        title={o.name}
        sub={`${o.creditCode ? `统一社会信用代码 ${o.creditCode}` : `平台编号 ${o.platformNo ?? ''}（未登记团队）`} · ${o.statusName}`}
        extra={
          <>
            {manage && (
              <>
                <Button onClick={() => navigate(`/organisations/${o.id}/edit`)} data-testid="org-edit">
                  修改
                </Button>
                <Button onClick={() => setDialog('status')} data-testid="org-status">
                  变更状态
                </Button>
              </>
            )}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'legal', label: '法人类型', children: o.legalTypeName ?? '未登记团队' },
          { key: 'auth', label: '登记管理机关', children: o.registrationAuthority },
          { key: 'rep', label: '法定代表人', children: o.legalRepName },
          { key: 'div', label: '所在区划', children: o.divisionName },
          { key: 'addr', label: '地址', children: o.address },
          {
            key: 'parent',
            label: '上级组织',
            children: o.parentId ? <Link to={`/organisations/${o.parentId}`}>{o.parentName}</Link> : '无',
          },
          {
            key: 'status',
            label: '状态',
            children: (
              <span data-testid="org-status-name">
                {o.statusName}
                {o.statusOn ? `（${o.statusOn}）` : ''}
              </span>
            ),
          },
        ]}
      />
      <Card
        size="small"
        title="平台角色"
        className="section-gap"
        extra={
          manage && o.status === 'active' ? (
            <Button size="small" onClick={() => setDialog('role')} data-testid="org-role-add">
              增加角色
            </Button>
          ) : null
        }
      >
        <Table<OrganisationRoleRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.roles}
          onRow={rowTestId('org-role-row')}
          locale={{ emptyText: <Empty description="还没有平台角色。点击“增加角色”登记其为志愿服务组织、养老机构、强制报告责任单位等。" /> }}
          columns={[
            { title: '角色', key: 'role', render: (_, r) => `${r.roleName}${r.partnerKindName ? `（${r.partnerKindName}）` : ''}` },
            { title: '起始日期', dataIndex: 'fromDate' },
            { title: '终止日期', dataIndex: 'toDate', render: (v: string | null) => v ?? <Tag color="green">至今</Tag> },
            ...(manage
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, r: OrganisationRoleRow) =>
                      r.toDate ? null : (
                        <Button type="link" size="small" onClick={() => setDialog({ endRole: r })}>
                          终止
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title="下级组织" className="section-gap">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.children}
          locale={{ emptyText: <Empty description="没有下级组织。登记未登记的团队时选择本组织为上级组织，即会列在这里。" /> }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (v: string, c) => <Link to={`/organisations/${c.id}`}>{v}</Link> },
            { title: '统一社会信用代码 / 平台编号', key: 'code', render: (_, c) => c.creditCode ?? c.platformNo },
            { title: '状态', dataIndex: 'statusName' },
          ]}
        />
      </Card>
      {(welfare || o.fosterFamilies.length > 0) && (
        <Card
          size="small"
          title="寄养家庭"
          className="section-gap"
          extra={
            manage && welfare ? (
              <Button size="small" onClick={() => setDialog('foster')} data-testid="org-foster-add">
                签约寄养家庭
              </Button>
            ) : null
          }
        >
          <Table<FosterFamilyRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.fosterFamilies}
            onRow={rowTestId('org-foster-row')}
            locale={{ emptyText: <Empty description="还没有寄养家庭。点击“签约寄养家庭”从家庭档案中选择。" /> }}
            columns={[
              { title: '户编号', dataIndex: 'householdNo', render: (v: string, f) => <Link to={`/households/${f.householdId}`}>{v}</Link> },
              { title: '户主', dataIndex: 'headName' },
              { title: '所在地', dataIndex: 'divisionName' },
              { title: '签约日期', dataIndex: 'fromDate' },
              { title: '终止日期', dataIndex: 'toDate', render: (v: string | null) => v ?? <Tag color="green">寄养中</Tag> },
              ...(manage
                ? [
                    {
                      title: '操作',
                      key: 'op',
                      render: (_: unknown, f: FosterFamilyRow) =>
                        f.toDate ? null : (
                          <Button type="link" size="small" onClick={() => setDialog({ endFoster: f })}>
                            终止
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      <Card size="small" title="变更历史" className="section-gap">
        <Table<OrganisationEventRow>
          rowKey="id"
          size="small"
          loading={history.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={history.data}
          onRow={rowTestId('org-history-row')}
          locale={{ emptyText: <Empty description="没有变更记录。" /> }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: '事项', dataIndex: 'whatName' },
            { title: '原值', dataIndex: 'oldValue' },
            { title: '新值', dataIndex: 'newValue' },
            { title: '操作人', dataIndex: 'username' },
          ]}
        />
      </Card>
      {dialog === 'status' && <StatusDialog org={o} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'role' && <RoleDialog org={o} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'foster' && <FosterDialog org={o} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog && typeof dialog === 'object' && (
        <EndDialog
          title={'endRole' in dialog ? `终止角色：${dialog.endRole.roleName}` : `终止家庭寄养：${dialog.endFoster.householdNo}`}
          url={
            'endRole' in dialog
              ? `/api/organisations/${o.id}/roles/${dialog.endRole.id}/end`
              : `/api/organisations/${o.id}/foster-families/${dialog.endFoster.id}/end`
          }
          onClose={() => setDialog(null)}
          onDone={reload}
        />
      )}
    </div>
  );
}

interface Dialog {
  org: OrganisationDetail;
  onClose: () => void;
  onDone: () => void;
}

function StatusDialog({ org, onClose, onDone }: Dialog) {
  const [form] = Form.useForm<{ status: string; on: Dayjs; reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="变更组织状态"
      testId="org-status-dialog"
      confirm="确定"
      busy={busy}
      error={error}
      intro="注销：组织依申请终止；撤销：登记管理机关撤销其登记。变更记入变更历史。"
      onClose={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: today() }}
        onFinish={(v) =>
          run(
            form,
            () =>
              api.post(`/api/organisations/${org.id}/status`, { status: v.status, on: day(v.on), reason: v.reason, version: org.version }),
            '已变更状态',
          )
        }
      >
        <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择新状态' }]}>
          <Select options={options(organisationStatuses).filter((s) => s.value !== org.status)} data-testid="org-status-select" />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写变更原因' }]}>
          <Input.TextArea maxLength={200} rows={2} data-testid="org-status-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function RoleDialog({ org, onClose, onDone }: Dialog) {
  const [form] = Form.useForm<{ role: string; partnerKind?: string; fromDate: Dayjs }>();
  const role = Form.useWatch('role', form);
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="增加平台角色"
      testId="org-role-dialog"
      confirm="增加"
      busy={busy}
      error={error}
      intro="角色自起始日起生效。强制报告责任单位须选择是学校、医院还是派出所。"
      onClose={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fromDate: today() }}
        onFinish={(v) =>
          run(
            form,
            () =>
              api.post(`/api/organisations/${org.id}/roles`, {
                role: v.role,
                partnerKind: v.partnerKind ?? null,
                fromDate: day(v.fromDate),
              }),
            '已增加角色',
          )
        }
      >
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={options(organisationRoleKinds)} data-testid="org-role-select" />
        </Form.Item>
        {role === 'reporting_partner' && (
          <Form.Item name="partnerKind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
            <Select options={options(reportingPartnerKinds)} />
          </Form.Item>
        )}
        <Form.Item name="fromDate" label="起始日期" rules={[{ required: true, message: '请选择起始日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function FosterDialog({ org, onClose, onDone }: Dialog) {
  const [form] = Form.useForm<{ householdId: number; fromDate: Dayjs }>();
  const [search, setSearch] = useState('');
  const { error, busy, run } = useSubmit(onDone, onClose);
  const found = useQuery({
    queryKey: ['households', 'foster', search],
    queryFn: () => api.get<Page<HouseholdRow>>(`/api/households?pageSize=20${search ? `&headName=${encodeURIComponent(search)}` : ''}`),
  });
  return (
    <FormDialog
      title="签约寄养家庭"
      testId="org-foster-dialog"
      confirm="签约"
      busy={busy}
      error={error}
      intro="寄养家庭是家庭档案中的家庭，在此关联而不复制。只有具有“儿童福利机构”角色的组织才能签约。"
      onClose={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fromDate: today() }}
        onFinish={(v) =>
          run(
            form,
            () => api.post(`/api/organisations/${org.id}/foster-families`, { householdId: v.householdId, fromDate: day(v.fromDate) }),
            '已签约',
          )
        }
      >
        <Form.Item name="householdId" label="家庭" rules={[{ required: true, message: '请选择寄养家庭' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入户主姓名查找"
            options={(found.data?.items ?? []).map((h) => ({
              value: h.id,
              label: `${h.householdNo} ${h.headName ?? ''}（${h.divisionName ?? ''}）`,
            }))}
            data-testid="org-foster-household"
          />
        </Form.Item>
        <Form.Item name="fromDate" label="签约日期" rules={[{ required: true, message: '请选择签约日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function EndDialog({ title, url, onClose, onDone }: { title: string; url: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ toDate: Dayjs }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title={title}
      testId="org-end-dialog"
      confirm="终止"
      danger
      busy={busy}
      error={error}
      intro="终止后记入变更历史，不能撤回。"
      onClose={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ toDate: today() }}
        onFinish={(v) => run(form, () => api.post(url, { toDate: day(v.toDate) }), '已终止')}
      >
        <Form.Item name="toDate" label="终止日期" rules={[{ required: true, message: '请选择终止日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
