import { Layout, Menu, Button, Space, Typography, Dropdown } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { useMe } from './auth';

const items = [
  { key: '/', label: '首页', perm: null },
  { key: '/persons', label: '人员查询', perm: 'registry.read' },
  { key: '/households', label: '家庭档案', perm: 'registry.read' },
  { key: '/imports', label: '花名册导入', perm: 'registry.import' },
  { key: '/divisions', label: '行政区划', perm: null },
  { key: '/admin/users', label: '用户管理', perm: 'user.manage' },
  { key: '/admin/roles', label: '角色权限', perm: 'user.manage' },
  { key: '/admin/organisations', label: '组织机构', perm: 'user.manage' },
  { key: '/admin/outbox', label: '通知发件箱', perm: 'outbox.read' },
  { key: '/audit', label: '审计日志', perm: 'audit.read' },
];

export function AppLayout() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const visible = items.filter((i) => !i.perm || me?.permissions.includes(i.perm));
  const selected = visible.filter((i) => i.key !== '/' && location.pathname.startsWith(i.key)).map((i) => i.key);
  const logout = async () => {
    await api.post('/api/auth/logout');
    client.setQueryData(['me'], null);
    navigate('/login');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 20px', fontSize: 18, fontWeight: 700, color: '#b4232a' }}>济民 · 民政</div>
        <Menu mode="inline" selectedKeys={selected.length ? selected : [location.pathname === '/' ? '/' : '']} items={visible.map((i) => ({ key: i.key, label: i.label }))} onClick={(e) => navigate(e.key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #eee', display: 'flex', justifyContent: 'flex-end' }}>
          <Space>
            <Typography.Text type="secondary" data-testid="jurisdiction">{me?.organisationName ?? me?.divisionName}</Typography.Text>
            <Dropdown
              menu={{
                items: [
                  { key: 'account', label: '账号与安全', onClick: () => navigate('/account') },
                  { key: 'logout', label: '退出登录', onClick: logout },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">{me?.displayName}</Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16, padding: 20, background: '#fff' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
