import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { App, Button, ConfigProvider, Switch } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../../app/auth';
import { useElderMode } from './elderMode';
import { portalLook, portalTheme, type PortalLook } from './portalTheme';
import './portal.css';

const entries = [
  { key: '/portal', label: '我的信息' },
  { key: '/portal/assistance/apply', label: '申请救助' },
  { key: '/portal/assistance', label: '我的申请' },
  { key: '/portal/volunteer', label: '志愿服务' },
];

const LookContext = createContext<PortalLook>(portalLook(false));

/** The portal's look in force (长辈版 or not), for what a page draws itself. */
export const usePortalLook = () => useContext(LookContext);

/**
 * Every page of the resident portal, signed in or not (sign-up, 公示): the portal's theme (16 px
 * text, or 长辈版: 18 px, contrast ≥ 7:1, 44 px tap targets), and a header that never clips on a
 * phone: the brand and the 长辈版 switch, which is remembered on the device.
 */
export function PortalFrame({ children, title = '居民服务', bar }: { children: ReactNode; title?: string; bar?: ReactNode }) {
  const [elder, setElder] = useElderMode();
  const look = portalLook(elder);
  const vars = {
    '--portal-font-size': `${look.fontSize}px`,
    '--portal-text': look.text,
    '--portal-secondary': look.secondary,
    '--portal-target': `${look.target}px`,
  } as CSSProperties;
  return (
    <ConfigProvider theme={portalTheme(look)}>
      <App component={false}>
        <LookContext.Provider value={look}>
          <div
            className={`portal-root${elder ? ' portal-elder' : ''}`}
            style={vars}
            data-testid="portal-root"
            data-elder={elder ? 'on' : 'off'}
          >
            <header className="portal-header" style={{ background: look.header }}>
              <div className="portal-header-inner">
                <div className="portal-brand">
                  <span className="app-emblem" style={{ background: look.emblem }} aria-hidden>
                    民
                  </span>
                  <span className="portal-brand-name">济民 · {title}</span>
                </div>
                <label className="portal-elder-toggle">
                  <Switch checked={elder} onChange={setElder} aria-label="长辈版（大字体）" data-testid="elder-toggle" />
                  <span>长辈版</span>
                </label>
              </div>
            </header>
            {bar}
            <main className="portal-content">{children}</main>
          </div>
        </LookContext.Provider>
      </App>
    </ConfigProvider>
  );
}

/** The signed-in resident's frame: who is signed in, the three things a resident does here. */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  // The longest entry the address starts with (申请救助 is under 我的申请's path).
  const selected = entries
    .filter((e) => location.pathname === e.key || location.pathname.startsWith(`${e.key}/`))
    .sort((a, b) => b.key.length - a.key.length)[0]?.key;
  const bar = (
    <div className="portal-bar">
      <div className="portal-bar-inner">
        <nav className="portal-nav" data-testid="portal-menu" aria-label="居民服务">
          {entries.map((e) => (
            <Button
              key={e.key}
              type={selected === e.key ? 'primary' : 'default'}
              aria-current={selected === e.key ? 'page' : undefined}
              onClick={() => navigate(e.key)}
            >
              {e.label}
            </Button>
          ))}
        </nav>
        <div className="portal-user">
          <span className="portal-user-name" data-testid="portal-user-name">
            您好，{me?.displayName}
          </span>
          <Button onClick={() => navigate('/change-password')}>修改密码</Button>
          <Button onClick={() => void logout('/portal/login')} data-testid="logout">
            退出
          </Button>
        </div>
      </div>
    </div>
  );
  return <PortalFrame bar={bar}>{children}</PortalFrame>;
}
