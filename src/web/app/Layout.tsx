import { Suspense, useState } from 'react';
import { Button, Dropdown, Layout, Menu, Space, Spin, Tag, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { webModules } from '../features';
import { menuGroups, type MenuEntry } from './module';
import { useLogout, useMe } from './auth';
import { ErrorBoundary } from './Results';
import { brand } from './theme';

/** The left menu, grouped by area, from the web modules' pages (src/web/features/index.ts); an entry shows only with its permission. */
const groups = menuGroups(webModules);

export function AppLayout() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const allowed = (e: MenuEntry) => !e.perm || Boolean(me?.permissions.includes(e.perm));
  const items: MenuProps['items'] = groups
    .map((g) => ({ g, entries: g.items.filter(allowed) }))
    .filter(({ entries }) => entries.length)
    .map(({ g, entries }) => ({
      type: 'group' as const,
      key: g.label,
      label: g.label,
      children: entries.map((e) => ({ key: e.key, label: e.label })),
    }));
  const selected = groups
    .flatMap((g) => g.items)
    .filter((e) => (e.key === '/' ? location.pathname === '/' : location.pathname === e.key || location.pathname.startsWith(`${e.key}/`)))
    .map((e) => e.key);
  const jurisdiction = me?.organisationName ? `${me.organisationName}（${me.divisionName}）` : me?.divisionName;
  // Below antd's lg breakpoint (992 px: tablets, the village workers' phones) the menu folds away
  // behind a button in the header and opens over the page.
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const go = (key: string) => {
    void navigate(key);
    if (narrow) setCollapsed(true);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <div className="app-header-start">
          {narrow && (
            <Button
              type="text"
              className="app-menu-toggle no-print"
              aria-label="菜单"
              aria-expanded={!collapsed}
              onClick={() => setCollapsed(!collapsed)}
              data-testid="menu-toggle"
            >
              ☰
            </Button>
          )}
          <div className="app-brand" onClick={() => navigate('/')} role="link">
            <span className="app-emblem" style={{ background: brand.red }}>
              民
            </span>
            <span className="app-name">
              济民<span className="app-name-rest"> · 民政业务一体化平台</span>
            </span>
          </div>
        </div>
        <Space size={narrow ? 4 : 16} className="app-header-end">
          <Tooltip title="管辖范围：您能看到和办理的人员、家庭都在此范围内">
            <Tag color="gold" data-testid="jurisdiction" className="app-jurisdiction" style={{ marginInlineEnd: 0 }}>
              {jurisdiction}
            </Tag>
          </Tooltip>
          <Dropdown
            menu={{
              items: [
                { key: 'account', label: '账号与安全', onClick: () => void navigate('/account') },
                { key: 'password', label: '修改密码', onClick: () => void navigate('/change-password') },
                { key: 'logout', label: '退出登录', onClick: () => void logout() },
              ],
            }}
          >
            <Button type="text" className="app-user" data-testid="user-menu">
              {me?.displayName}
            </Button>
          </Dropdown>
          <Button size="small" ghost className="app-logout" onClick={() => void logout()} data-testid="logout">
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          theme="light"
          className="app-sider no-print"
          breakpoint="lg"
          collapsedWidth={0}
          collapsed={collapsed}
          onCollapse={setCollapsed}
          onBreakpoint={setNarrow}
          trigger={null}
        >
          <Menu mode="inline" selectedKeys={selected} items={items} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 0 }} />
        </Layout.Sider>
        {narrow && !collapsed && <div className="app-sider-mask no-print" onClick={() => setCollapsed(true)} />}
        <Layout.Content className="app-content">
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: 80 }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
