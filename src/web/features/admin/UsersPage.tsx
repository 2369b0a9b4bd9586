import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography, Empty } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, download, qs, type Page } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { DivisionPicker } from '../../components/DivisionPicker';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
  divisionName: string | null;
  organisationId: number | null;
  organisationName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  totpEnabled: boolean;
}
interface Role {
  code: string;
  name: string;
}
interface Org {
  id: number;
  name: string;
}

export function UsersPage() {
  const [filter, setFilter] = useState<{ q?: string; role?: string; divisionCode?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [shownPassword, setShownPassword] = useState<{ username: string; password: string } | null>(null);
  const { message } = App.useApp();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles') });
  const orgs = useQuery({ queryKey: ['orgs-all'], queryFn: () => api.get<Page<Org>>('/api/organisations?pageSize=200') });
  const users = useQuery({ queryKey: ['users', filter, page], queryFn: () => api.get<Page<UserRow>>(`/api/users${qs({ ...filter, ...page })}`) });
  const roleName = (c: string) => roles.data?.find((r) => r.code === c)?.name ?? c;
  const reset = async (u: UserRow) => {
    try {
      const r = await api.post<{ initialPassword: string }>(`/api/users/${u.id}/reset-password`);
      setShownPassword({ username: u.username, password: r.initialPassword });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <div>
      <h2 className="page-title">用户管理</h2>
      <Form layout="inline" onFinish={(v) => { setFilter(v); setPage((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="q" label="用户名/姓名"><Input allowClear /></Form.Item>
        <Form.Item name="role" label="角色"><Select allowClear style={{ width: 160 }} options={roles.data?.map((r) => ({ value: r.code, label: r.name }))} /></Form.Item>
        <Form.Item name="divisionCode" label="区划"><DivisionPicker anyLevel /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">查询</Button>
          <Button onClick={() => download(`/api/users/export${qs(filter)}`, '用户名单.xlsx').catch((e) => message.error(e instanceof ApiError ? e.message : '导出失败'))}>导出 Excel</Button>
          <Button onClick={() => setEditing('new')} data-testid="user-new">新建用户</Button>
        </Space>
      </Form>
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items}
        locale={{ emptyText: <Empty description="没有符合条件的用户。点击“新建用户”为工作人员开设账号。" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: users.data?.total, showTotal: (t) => `共 ${t} 个`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
          { title: '管辖范围', dataIndex: 'divisionName' },
          { title: '组织', dataIndex: 'organisationName' },
          { title: '状态', key: 'state', render: (_, u) => (u.disabled ? <Tag color="default">已停用</Tag> : u.lockedUntil ? <Tag color="red">已锁定</Tag> : <Tag color="green">正常</Tag>) },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? new Date(v).toLocaleString('zh-CN') : '从未') },
          { title: '操作', key: 'op', render: (_, u) => <Space><Button size="small" type="link" onClick={() => setEditing(u)}>编辑</Button><Button size="small" type="link" onClick={() => reset(u)}>重置密码</Button></Space> },
        ]}
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          roles={roles.data ?? []}
          orgs={orgs.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            void users.refetch();
            if (created) setShownPassword(created);
          }}
        />
      )}
      <Modal open={!!shownPassword} title="初始密码（只显示这一次）" onOk={() => setShownPassword(null)} onCancel={() => setShownPassword(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <p>请将以下初始密码告知 {shownPassword?.username} 本人。首次登录时须修改密码。</p>
        <Typography.Paragraph copyable code style={{ fontSize: 18 }} data-testid="initial-password">{shownPassword?.password}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

function UserForm({ user, roles, orgs, onClose, onSaved }: { user: UserRow | null; roles: Role[]; orgs: Org[]; onClose: () => void; onSaved: (created?: { username: string; password: string }) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { username: string; displayName: string; roles: string[]; divisionCode: string; organisationId?: number; disabled?: boolean; unlock?: boolean }) => {
    setError(null);
    try {
      if (user) {
        await api.patch(`/api/users/${user.id}`, { displayName: v.displayName, roles: v.roles, divisionCode: v.divisionCode, organisationId: v.organisationId ?? null, disabled: v.disabled ?? false, unlock: v.unlock || undefined });
        onSaved();
      } else {
        const r = await api.post<{ user: UserRow; initialPassword: string }>('/api/users', { username: v.username, displayName: v.displayName, roles: v.roles, divisionCode: v.divisionCode, organisationId: v.organisationId ?? null });
        onSaved({ username: r.user.username, password: r.initialPassword });
      }
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal open title={user ? `编辑用户 ${user.username}` : '新建用户'} onCancel={onClose} onOk={() => form.submit()} okText="保存" okButtonProps={{ 'data-testid': 'user-save' } as never} width={560}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={user ?? { roles: [] }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、下划线、点或短横线' }]}>
          <Input disabled={!!user} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input data-testid="user-displayName" /></Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: r.name }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="divisionCode" label="管辖范围" rules={[{ required: true, message: '请选择管辖范围' }]}><DivisionPicker anyLevel testId="user-division" /></Form.Item>
        <Form.Item name="organisationId" label="所属组织（组织的工作人员只能看到本组织服务的人员）">
          <Select allowClear options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        {user && (
          <Space size={32}>
            <Form.Item name="disabled" label="停用" valuePropName="checked"><Switch /></Form.Item>
            {user.lockedUntil && <Form.Item name="unlock" label="解除锁定" valuePropName="checked"><Switch /></Form.Item>}
          </Space>
        )}
      </Form>
    </Modal>
  );
}
