import { Alert, App, Switch, Table, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { PageHeader } from '../../app/list';
import { permissions, type Permission } from '../../../shared/permissions';
import type { Role } from '../../../shared/admin/roles';

/**
 * 角色权限: roles × permissions as a read-only matrix (the permission list is fixed in code; roles
 * are data). Only the TOTP requirement is switched here.
 */
export function RolesPage() {
  const { message } = App.useApp();
  const { data, refetch, isFetching, error } = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles') });
  const toggle = async (r: Role, totpRequired: boolean) => {
    try {
      await api.patch(`/api/roles/${r.code}`, { totpRequired });
      message.success(`${r.name}：${totpRequired ? '已要求' : '不再要求'}动态口令`);
      void refetch();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <div>
      <PageHeader
        title="角色权限"
        sub="每个角色拥有的权限（✓）。管辖范围不是权限：它决定权限作用到哪些人员和家庭，在用户管理中为每个账号设置。"
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<Role>
        rowKey="code"
        size="small"
        bordered
        loading={isFetching}
        dataSource={data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="roles-matrix"
        columns={[
          { title: '角色', dataIndex: 'name', fixed: 'left', render: (v: string, r) => <Tooltip title={r.code}>{v}</Tooltip> },
          {
            title: <Tooltip title="打开后，该角色的账号登录时必须输入手机验证器上的动态口令">要求动态口令</Tooltip>,
            key: 'totp',
            align: 'center',
            render: (_, r) => (
              <Switch size="small" checked={r.totpRequired} onChange={(v) => toggle(r, v)} data-testid={`role-totp-${r.code}`} />
            ),
          },
          ...(Object.entries(permissions) as [Permission, string][]).map(([code, name]) => ({
            title: <Tooltip title={code}>{name}</Tooltip>,
            key: code,
            align: 'center' as const,
            width: 88,
            render: (_: unknown, r: Role) =>
              r.permissions.includes(code) ? <span style={{ color: '#389e0d', fontWeight: 700 }}>✓</span> : '',
          })),
        ]}
      />
    </div>
  );
}
