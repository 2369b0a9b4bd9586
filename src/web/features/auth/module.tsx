/** Signing in and the account's own pages (password, second factor). */
import { authAudit } from '../../../shared/auth/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const authModule: WebModule = {
  name: 'auth',
  pages: [
    { path: '/login', page: lazyPage(() => import('./LoginPage'), 'LoginPage'), permission: null, shell: 'public' },
    {
      path: '/change-password',
      page: lazyPage(() => import('./ChangePasswordPage'), 'ChangePasswordPage'),
      permission: null,
      shell: 'signed-in',
    },
    { path: '/account', page: lazyPage(() => import('./AccountPage'), 'AccountPage'), permission: null },
  ],
  auditLabels: authAudit,
};
