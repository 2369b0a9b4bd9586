import { useState, type ReactNode } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Spin,
  Table,
  Tag,
  type FormInstance,
  type TableProps,
} from 'antd';
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
      <Section<OrganisationRoleRow>
        title="平台角色"
        add={manage && o.status === 'active' && { label: '增加角色', testId: 'org-role-add', onClick: () => setDialog('role') }}
        dataSource={o.roles}
        testId="org-role-row"
        empty="还没有平台角色。点击“增加角色”登记其为志愿服务组织、养老机构、强制报告责任单位等。"
        columns={[
          { title: '角色', key: 'role', render: (_, r) => `${r.roleName}${r.partnerKindName ? `（${r.partnerKindName}）` : ''}` },
          { title: '起始日期', dataIndex: 'fromDate' },
          { title: '终止日期', dataIndex: 'toDate', render: (v: string | null) => v ?? <Tag color="green">至今</Tag> },
          ...(manage ? [endColumn<OrganisationRoleRow>((r) => setDialog({ endRole: r }))] : []),
        ]}
      />
      <Section<OrganisationDetail['children'][number]>
        title="下级组织"
        dataSource={o.children}
        empty="没有下级组织。登记未登记的团队时选择本组织为上级组织，即会列在这里。"
        columns={[
          { title: '名称', dataIndex: 'name', render: (v: string, c) => <Link to={`/organisations/${c.id}`}>{v}</Link> },
          { title: '统一社会信用代码 / 平台编号', key: 'code', render: (_, c) => c.creditCode ?? c.platformNo },
          { title: '状态', dataIndex: 'statusName' },
        ]}
      />
      {(welfare || o.fosterFamilies.length > 0) && (
        <Section<FosterFamilyRow>
          title="寄养家庭"
          add={manage && welfare && { label: '签约寄养家庭', testId: 'org-foster-add', onClick: () => setDialog('foster') }}
          dataSource={o.fosterFamilies}
          testId="org-foster-row"
          empty="还没有寄养家庭。点击“签约寄养家庭”从家庭档案中选择。"
          columns={[
            { title: '户编号', dataIndex: 'householdNo', render: (v: string, f) => <Link to={`/households/${f.householdId}`}>{v}</Link> },
            { title: '户主', dataIndex: 'headName' },
            { title: '所在地', dataIndex: 'divisionName' },
            { title: '签约日期', dataIndex: 'fromDate' },
            { title: '终止日期', dataIndex: 'toDate', render: (v: string | null) => v ?? <Tag color="green">寄养中</Tag> },
            ...(manage ? [endColumn<FosterFamilyRow>((f) => setDialog({ endFoster: f }))] : []),
          ]}
        />
      )}
      <Section<OrganisationEventRow>
        title="变更历史"
        loading={history.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={history.data}
        testId="org-history-row"
        empty="没有变更记录。"
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
          { title: '事项', dataIndex: 'whatName' },
          { title: '原值', dataIndex: 'oldValue' },
          { title: '新值', dataIndex: 'newValue' },
          { title: '操作人', dataIndex: 'username' },
        ]}
      />
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

/**
 * A section of the page: a card holding one table of rows, with what it says when there are none
 * and, where the user may add a row, the button that does.
 */
function Section<T extends { id: number }>({
  title,
  add,
  testId,
  empty,
  ...table
}: {
  title: string;
  add?: { label: string; testId: string; onClick: () => void } | false;
  testId?: string;
  empty: string;
} & Pick<TableProps<T>, 'dataSource' | 'columns' | 'loading' | 'pagination'>) {
  const extra = add ? (
    <Button size="small" onClick={add.onClick} data-testid={add.testId}>
      {add.label}
    </Button>
  ) : null;
  return (
    <Card size="small" title={title} className="section-gap" extra={extra}>
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        onRow={testId ? rowTestId(testId) : undefined}
        locale={{ emptyText: <Empty description={empty} /> }}
        {...table}
      />
    </Card>
  );
}

/** The 操作 column of a dated link (a role, a foster family): 终止 while it runs. */
function endColumn<T extends { toDate: string | null }>(onEnd: (row: T) => void) {
  return {
    title: '操作',
    key: 'op',
    render: (_: unknown, row: T) =>
      row.toDate ? null : (
        <Button type="link" size="small" onClick={() => onEnd(row)}>
          终止
        </Button>
      ),
  };
}

/** A required date field; it asks 请选择 + its label. */
const dateItem = (name: string, label: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker style={{ width: '100%' }} />
  </Form.Item>
);

interface Dialog {
  org: OrganisationDetail;
  onClose: () => void;
  onDone: () => void;
}

/** A dialog of this page: one vertical form; on OK it sends, then the organisation is read again. */
function OrgDialog<V>({
  form,
  initialValues,
  send,
  done,
  onClose,
  onDone,
  children,
  ...frame
}: Omit<Dialog, 'org'> & {
  title: string;
  testId: string;
  confirm: string;
  danger?: boolean;
  intro: ReactNode;
  form: FormInstance<V>;
  initialValues: Partial<V>;
  send: (v: V) => Promise<unknown>;
  done: string;
  children: ReactNode;
}) {
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog {...frame} busy={busy} error={error} onClose={onClose} onOk={() => form.submit()}>
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => run(form, () => send(v), done)}>
        {children}
      </Form>
    </FormDialog>
  );
}

function StatusDialog({ org, ...dialog }: Dialog) {
  const [form] = Form.useForm<{ status: string; on: Dayjs; reason: string }>();
  return (
    <OrgDialog
      {...dialog}
      title="变更组织状态"
      testId="org-status-dialog"
      confirm="确定"
      intro="注销：组织依申请终止；撤销：登记管理机关撤销其登记。变更记入变更历史。"
      form={form}
      initialValues={{ on: today() }}
      send={(v) =>
        api.post(`/api/organisations/${org.id}/status`, { status: v.status, on: day(v.on), reason: v.reason, version: org.version })
      }
      done="已变更状态"
    >
      <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择新状态' }]}>
        <Select options={options(organisationStatuses).filter((s) => s.value !== org.status)} data-testid="org-status-select" />
      </Form.Item>
      {dateItem('on', '日期')}
      <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写变更原因' }]}>
        <Input.TextArea maxLength={200} rows={2} data-testid="org-status-reason" />
      </Form.Item>
    </OrgDialog>
  );
}

function RoleDialog({ org, ...dialog }: Dialog) {
  const [form] = Form.useForm<{ role: string; partnerKind?: string; fromDate: Dayjs }>();
  const role = Form.useWatch('role', form);
  return (
    <OrgDialog
      {...dialog}
      title="增加平台角色"
      testId="org-role-dialog"
      confirm="增加"
      intro="角色自起始日起生效。强制报告责任单位须选择是学校、医院还是派出所。"
      form={form}
      initialValues={{ fromDate: today() }}
      send={(v) =>
        api.post(`/api/organisations/${org.id}/roles`, { role: v.role, partnerKind: v.partnerKind ?? null, fromDate: day(v.fromDate) })
      }
      done="已增加角色"
    >
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={options(organisationRoleKinds)} data-testid="org-role-select" />
      </Form.Item>
      {role === 'reporting_partner' && (
        <Form.Item name="partnerKind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
          <Select options={options(reportingPartnerKinds)} />
        </Form.Item>
      )}
      {dateItem('fromDate', '起始日期')}
    </OrgDialog>
  );
}

function FosterDialog({ org, ...dialog }: Dialog) {
  const [form] = Form.useForm<{ householdId: number; fromDate: Dayjs }>();
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['households', 'foster', search],
    queryFn: () => api.get<Page<HouseholdRow>>(`/api/households?pageSize=20${search ? `&headName=${encodeURIComponent(search)}` : ''}`),
  });
  return (
    <OrgDialog
      {...dialog}
      title="签约寄养家庭"
      testId="org-foster-dialog"
      confirm="签约"
      intro="寄养家庭是家庭档案中的家庭，在此关联而不复制。只有具有“儿童福利机构”角色的组织才能签约。"
      form={form}
      initialValues={{ fromDate: today() }}
      send={(v) => api.post(`/api/organisations/${org.id}/foster-families`, { householdId: v.householdId, fromDate: day(v.fromDate) })}
      done="已签约"
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
      {dateItem('fromDate', '签约日期')}
    </OrgDialog>
  );
}

function EndDialog({ title, url, ...dialog }: Omit<Dialog, 'org'> & { title: string; url: string }) {
  const [form] = Form.useForm<{ toDate: Dayjs }>();
  return (
    <OrgDialog
      {...dialog}
      title={title}
      testId="org-end-dialog"
      confirm="终止"
      danger
      intro="终止后记入变更历史，不能撤回。"
      form={form}
      initialValues={{ toDate: today() }}
      send={(v) => api.post(url, { toDate: day(v.toDate) })}
      done="已终止"
    >
      {dateItem('toDate', '终止日期')}
    </OrgDialog>
  );
}
