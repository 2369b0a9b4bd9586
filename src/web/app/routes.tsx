import { Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { webModules } from '../features';
import type { WebPage } from './module';
import { AppLayout } from './Layout';
import { RequireAuth, RequirePermission } from './auth';
import { NotFoundResult } from './Results';

const pages = webModules.flatMap((m) => m.pages);
const onShell = (shell: WebPage['shell']) => pages.filter((p) => (p.shell ?? 'staff') === shell);

/** A staff page, shown only to holders of its permission. */
function staff({ page: Page, permission }: WebPage) {
  return permission ? (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );
}

/** A page on its own behind the login: the resident portal's, or any signed-in user's (修改密码). */
function signedIn(Page: ComponentType, resident: boolean) {
  return (
    <RequireAuth resident={resident}>
      <Page />
    </RequireAuth>
  );
}

/** The router, built from the web modules' pages (src/web/features/index.ts). */
export function AppRoutes() {
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
      <Routes>
        {onShell('public').map(({ path, page: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        {onShell('resident').map(({ path, page }) => (
          <Route key={path} path={path} element={signedIn(page, true)} />
        ))}
        {onShell('signed-in').map(({ path, page }) => (
          <Route key={path} path={path} element={signedIn(page, false)} />
        ))}
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {onShell('staff').map((p) => (
            <Route key={p.path} path={p.path} element={staff(p)} />
          ))}
          <Route path="*" element={<NotFoundResult />} />
        </Route>
        <Route path="/portal/*" element={<Navigate to="/portal" replace />} />
      </Routes>
    </Suspense>
  );
}
