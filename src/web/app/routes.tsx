import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './Layout';
import { RequireAuth } from './auth';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { AccountPage } from '../features/auth/AccountPage';
import { HomePage } from '../features/home/HomePage';
import { PersonsPage } from '../features/registry/PersonsPage';
import { PersonNewPage } from '../features/registry/PersonNewPage';
import { PersonDetailPage } from '../features/registry/PersonDetailPage';
import { PersonEditPage } from '../features/registry/PersonEditPage';
import { HouseholdsPage } from '../features/registry/HouseholdsPage';
import { HouseholdNewPage } from '../features/registry/HouseholdNewPage';
import { HouseholdDetailPage } from '../features/registry/HouseholdDetailPage';
import { ImportPage } from '../features/imports/ImportPage';
import { DivisionsPage } from '../features/divisions/DivisionsPage';
import { UsersPage } from '../features/admin/UsersPage';
import { RolesPage } from '../features/admin/RolesPage';
import { OrganisationsPage } from '../features/admin/OrganisationsPage';
import { OutboxPage } from '../features/admin/OutboxPage';
import { AuditPage } from '../features/audit/AuditPage';
import { SignupPage } from '../features/portal/SignupPage';
import { PortalHome } from '../features/portal/PortalHome';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/portal/login" element={<LoginPage resident />} />
      <Route path="/portal/signup" element={<SignupPage />} />
      <Route path="/portal" element={<RequireAuth resident><PortalHome /></RequireAuth>} />
      <Route path="/change-password" element={<RequireAuth><ChangePasswordPage /></RequireAuth>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route path="/" element={<HomePage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/persons" element={<PersonsPage />} />
        <Route path="/persons/new" element={<PersonNewPage />} />
        <Route path="/persons/:id" element={<PersonDetailPage />} />
        <Route path="/persons/:id/edit" element={<PersonEditPage />} />
        <Route path="/households" element={<HouseholdsPage />} />
        <Route path="/households/new" element={<HouseholdNewPage />} />
        <Route path="/households/:id" element={<HouseholdDetailPage />} />
        <Route path="/imports" element={<ImportPage />} />
        <Route path="/divisions" element={<DivisionsPage />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/roles" element={<RolesPage />} />
        <Route path="/admin/organisations" element={<OrganisationsPage />} />
        <Route path="/admin/outbox" element={<OutboxPage />} />
        <Route path="/audit" element={<AuditPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
