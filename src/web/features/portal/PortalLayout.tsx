import type { ReactNode } from 'react';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../../app/auth';
import { brand } from '../../app/theme';

const entries = [
  { key: '/portal', label: '我的信息' },
  { key: '/portal/assistance/apply', label: '申请救助' },
  { key: '/portal/assistance', label: '我的申请' },
];

/** The resident portal's frame: brand, the three things a resident does here, the account. */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  // The longest entry the address starts with (申请救助 is under 我的申请's path).
  const selected = entries.filter((e) => location.pathname === e.key || location.pathname.startsWith(`${e.key}/`)).sort((a, b) => b.key.length - a.key.length)[0]?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Space>
          <span className="app-emblem" style={{ background: brand.red }}>民</span>
          <Typography.Text style={{ color: '#fff', fontSize: 17 }}>济民 · 居民服务</Typography.Text>
        </Space>
        <Space>
          <Typography.Text style={{ color: '#fff' }}>{me?.displayName}</Typography.Text>
          <Button size="small" ghost onClick={() => navigate('/change-password')}>修改密码</Button>
          <Button size="small" ghost onClick={() => void logout('/portal/login')} data-testid="logout">退出</Button>
        </Space>
      </Layout.Header>
      <div style={{ background: '#fff', borderBottom: '1px solid #e5e8ed' }}>
        <Menu
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={entries.map((e) => ({ key: e.key, label: e.label }))}
          onClick={(e) => navigate(e.key)}
          style={{ maxWidth: 1000, margin: '0 auto', borderBottom: 0 }}
          data-testid="portal-menu"
        />
      </div>
      <Layout.Content style={{ padding: 16, maxWidth: 1000, margin: '0 auto', width: '100%' }}>{children}</Layout.Content>
    </Layout>
  );
}
