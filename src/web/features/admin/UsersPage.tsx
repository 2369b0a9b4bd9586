import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { InitialPasswordModal } from './InitialPasswordModal';
import { UserFormModal } from './UserFormModal';
import type { OrganisationRow } from '../../../shared/registry/organisations';
import type { Role } from '../../../shared/admin/roles';
import type { ResetPasswordAnswer, UserRow } from '../../../shared/admin/users';

type Filter = { q?: string; role?: string; divisionCode?: string };

/** 用户管理: staff accounts in the administrator's jurisdiction. */
export function UsersPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [shown, setShown] = useState<{ username: string; displayName: string; password: string; reset: boolean } | null>(null);
  const { message } = App.useApp();
  const { data: me } = useMe();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles') });
  const orgs = useQuery({ queryKey: ['orgs', 'all'], queryFn: () => api.get<Page<OrganisationRow>>('/api/organisations?pageSize=200') });
  const users = useQuery({ queryKey: ['users', list.query], queryFn: () => api.get<Page<UserRow>>(`/api/users${list.query}`) });
  const roleName = (c: string) => roles.data?.find((r) => r.code === c)?.name ?? c;

  const reset = async (u: UserRow) => {
    try {
      const r = await api.post<ResetPasswordAnswer>(`/api/users/${u.id}/reset-password`);
      setShown({ username: u.username, displayName: u.displayName, password: r.initialPassword, reset: true });
      void users.refetch();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div>
      <PageHeader title="用户管理" sub="工作人员账号。新建或重置密码后显示一次初始密码，本人首次登录时须修改。" />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        actions={
          <>
            <ExportButton url="/api/users/export" filter={list.filter} filename="用户名单.xlsx" />
            <Button type="primary" onClick={() => setEditing('new')} data-testid="user-new">
              新建用户
            </Button>
          </>
        }
      >
        <Form.Item name="q" label="用户名/姓名">
          <Input allowClear maxLength={64} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder="全部"
            options={roles.data?.map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label="区划">
          <DivisionPicker anyLevel />
        </Form.Item>
      </FilterForm>
      <ListError error={users.error} form={form} />
      <ListTable<UserRow>
        list={list}
        page={users.data}
        loading={users.isFetching}
        unit="个"
        rowId="user-row"
        empty={{ filtered: '没有符合条件的用户。', none: '还没有工作人员账号。点击“新建用户”为工作人员开设账号。' }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
          { title: '管辖范围', dataIndex: 'divisionName' },
          { title: '所属组织', dataIndex: 'organisationName', render: (v: string | null) => v ?? '' },
          {
            title: '状态',
            key: 'state',
            render: (_, u) =>
              u.disabled ? (
                <Tag>已停用</Tag>
              ) : u.lockedUntil ? (
                <Tooltip title={`锁定至 ${dateTime(u.lockedUntil)}`}>
                  <Tag color="red">已锁定</Tag>
                </Tooltip>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          {
            title: '动态口令',
            dataIndex: 'totpEnabled',
            render: (v: boolean) => (v ? <Tag color="blue">已启用</Tag> : <span className="hint">未启用</span>),
          },
          {
            title: '最近登录',
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => (v ? dateTime(v) : <span className="hint">从未登录</span>),
          },
          {
            title: '操作',
            key: 'op',
            fixed: 'right',
            render: (_, u) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(u)} data-testid="user-edit">
                  编辑
                </Button>
                <Popconfirm
                  title={`重置 ${u.displayName} 的密码？`}
                  description="原密码立即失效，本人须用新的初始密码登录并修改。"
                  onConfirm={() => reset(u)}
                  okText="重置"
                  cancelText="取消"
                >
                  <Button size="small" type="link" data-testid="user-reset-password">
                    重置密码
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          self={editing !== 'new' && editing.id === me?.id}
          roles={roles.data ?? []}
          orgs={orgs.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            void users.refetch();
            if (created)
              setShown({
                username: created.user.username,
                displayName: created.user.displayName,
                password: created.initialPassword,
                reset: false,
              });
            else message.success('已保存');
          }}
        />
      )}
      <InitialPasswordModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
