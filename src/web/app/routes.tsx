import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Spin } from 'antd';
import type { Permission } from '../../shared/permissions';
import { AppLayout } from './Layout';
import { RequireAuth, RequirePermission } from './auth';
import { NotFoundResult } from './Results';

/** Each area is its own chunk: the login page does not wait for ECharts or the admin pages. */
function page<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const ResidentLoginPage = page(() => import('../features/portal/PortalLoginPage'), 'PortalLoginPage');
const ChangePasswordPage = page(() => import('../features/auth/ChangePasswordPage'), 'ChangePasswordPage');
const AccountPage = page(() => import('../features/auth/AccountPage'), 'AccountPage');
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const PersonsPage = page(() => import('../features/registry/PersonsPage'), 'PersonsPage');
const PersonNewPage = page(() => import('../features/registry/PersonNewPage'), 'PersonNewPage');
const PersonDetailPage = page(() => import('../features/registry/PersonDetailPage'), 'PersonDetailPage');
const PersonEditPage = page(() => import('../features/registry/PersonEditPage'), 'PersonEditPage');
const HouseholdsPage = page(() => import('../features/registry/HouseholdsPage'), 'HouseholdsPage');
const HouseholdNewPage = page(() => import('../features/registry/HouseholdNewPage'), 'HouseholdNewPage');
const HouseholdDetailPage = page(() => import('../features/registry/HouseholdDetailPage'), 'HouseholdDetailPage');
const ImportPage = page(() => import('../features/imports/ImportPage'), 'ImportPage');
const DivisionsPage = page(() => import('../features/divisions/DivisionsPage'), 'DivisionsPage');
const UsersPage = page(() => import('../features/admin/UsersPage'), 'UsersPage');
const RolesPage = page(() => import('../features/admin/RolesPage'), 'RolesPage');
const OrganisationsPage = page(() => import('../features/admin/OrganisationsPage'), 'OrganisationsPage');
const OutboxPage = page(() => import('../features/admin/OutboxPage'), 'OutboxPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const SignupPage = page(() => import('../features/portal/SignupPage'), 'SignupPage');
const PortalHome = page(() => import('../features/portal/PortalHome'), 'PortalHome');
const PortalApplyPage = page(() => import('../features/portal/PortalApplyPage'), 'PortalApplyPage');
const MyApplicationsPage = page(() => import('../features/portal/MyApplicationsPage'), 'MyApplicationsPage');
const NoticesPage = page(() => import('../features/portal/NoticesPage'), 'NoticesPage');
const WorklistPage = page(() => import('../features/assistance/cases/WorklistPage'), 'WorklistPage');
const CasesPage = page(() => import('../features/assistance/cases/CasesPage'), 'CasesPage');
const CasePage = page(() => import('../features/assistance/cases/CasePage'), 'CasePage');
const ApplyPage = page(() => import('../features/assistance/cases/ApplyPage'), 'ApplyPage');
const RollsPage = page(() => import('../features/assistance/payments/RollsPage'), 'RollsPage');
const RollPage = page(() => import('../features/assistance/payments/RollPage'), 'RollPage');
const StandardsPage = page(() => import('../features/assistance/policy/StandardsPage'), 'StandardsPage');
const StatsPage = page(() => import('../features/assistance/stats/StatsPage'), 'StatsPage');
const CalendarPage = page(() => import('../features/assistance/policy/CalendarPage'), 'CalendarPage');
const EntitlementsPage = page(() => import('../features/assistance/entitlements/EntitlementsPage'), 'EntitlementsPage');
const EntitlementPage = page(() => import('../features/assistance/entitlements/EntitlementPage'), 'EntitlementPage');
const ChecksPage = page(() => import('../features/assistance/checks/ChecksPage'), 'ChecksPage');
const MigratePage = page(() => import('../features/assistance/entitlements/MigratePage'), 'MigratePage');

const guard = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

export function AppRoutes() {
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/portal/login" element={<ResidentLoginPage />} />
        <Route path="/portal/signup" element={<SignupPage />} />
        <Route path="/notices" element={<NoticesPage />} />
        <Route
          path="/portal"
          element={
            <RequireAuth resident>
              <PortalHome />
            </RequireAuth>
          }
        />
        <Route
          path="/portal/assistance"
          element={
            <RequireAuth resident>
              <MyApplicationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/portal/assistance/apply"
          element={
            <RequireAuth resident>
              <PortalApplyPage />
            </RequireAuth>
          }
        />
        <Route
          path="/change-password"
          element={
            <RequireAuth>
              <ChangePasswordPage />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route path="/" element={<HomePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/persons" element={guard('registry.read', <PersonsPage />)} />
          <Route path="/persons/new" element={guard('registry.write', <PersonNewPage />)} />
          <Route path="/persons/:id" element={guard('registry.read', <PersonDetailPage />)} />
          <Route path="/persons/:id/edit" element={guard('registry.write', <PersonEditPage />)} />
          <Route path="/households" element={guard('registry.read', <HouseholdsPage />)} />
          <Route path="/households/new" element={guard('registry.write', <HouseholdNewPage />)} />
          <Route path="/households/:id" element={guard('registry.read', <HouseholdDetailPage />)} />
          <Route path="/imports" element={guard('registry.import', <ImportPage />)} />
          <Route path="/assistance/worklist" element={guard('assistance.read', <WorklistPage />)} />
          <Route path="/assistance/cases" element={guard('assistance.read', <CasesPage />)} />
          <Route path="/assistance/cases/:id" element={guard('assistance.read', <CasePage />)} />
          <Route path="/assistance/apply" element={guard('assistance.apply', <ApplyPage />)} />
          <Route path="/assistance/rolls" element={guard('assistance.read', <RollsPage />)} />
          <Route path="/assistance/rolls/:id" element={guard('assistance.read', <RollPage />)} />
          <Route path="/assistance/standards" element={guard('assistance.read', <StandardsPage />)} />
          <Route path="/assistance/entitlements" element={guard('assistance.read', <EntitlementsPage />)} />
          <Route path="/assistance/entitlements/:id" element={guard('assistance.read', <EntitlementPage />)} />
          <Route path="/assistance/checks" element={guard('assistance.handle', <ChecksPage />)} />
          <Route path="/assistance/import" element={guard('assistance.handle', <MigratePage />)} />
          <Route path="/assistance/stats" element={guard('stats.read', <StatsPage />)} />
          <Route path="/divisions" element={<DivisionsPage />} />
          <Route path="/admin/calendar" element={guard('calendar.manage', <CalendarPage />)} />
          <Route path="/admin/users" element={guard('user.manage', <UsersPage />)} />
          <Route path="/admin/roles" element={guard('user.manage', <RolesPage />)} />
          <Route path="/admin/organisations" element={guard('user.manage', <OrganisationsPage />)} />
          <Route path="/admin/outbox" element={guard('outbox.read', <OutboxPage />)} />
          <Route path="/audit" element={guard('audit.read', <AuditPage />)} />
          <Route path="*" element={<NotFoundResult />} />
        </Route>
        <Route path="/portal/*" element={<Navigate to="/portal" replace />} />
      </Routes>
    </Suspense>
  );
}
