import { App, Switch, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { permissions } from '../../../shared/permissions';

interface Role {
  code: string;
  name: string;
  permissions: string[];
  totpRequired: boolean;
}

export function RolesPage() {
  const { message } = App.useApp();
  const { data, refetch, isFetching } = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles') });
  const toggle = async (r: Role, totpRequired: boolean) => {
    try {
      await api.patch(`/api/roles/${r.code}`, { totpRequired });
      message.success(`${r.name}：${totpRequired ? '已要求' : '不再要求'}动态口令`);
      void refetch();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <div>
      <h2 className="page-title">角色权限</h2>
      <Table<Role>
        rowKey="code"
        size="small"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '角色', dataIndex: 'name', fixed: 'left' },
          { title: '要求动态口令', key: 'totp', render: (_, r) => <Switch checked={r.totpRequired} onChange={(v) => toggle(r, v)} /> },
          ...Object.entries(permissions).map(([code, name]) => ({
            title: name,
            key: code,
            align: 'center' as const,
            render: (_: unknown, r: Role) => (r.permissions.includes(code) ? '✓' : ''),
          })),
        ]}
      />
    </div>
  );
}
