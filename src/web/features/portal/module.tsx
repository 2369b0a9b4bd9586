/** The resident portal (居民服务) and the public 公示 page. */
import { portalAudit } from '../../../shared/portal/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const portalModule: WebModule = {
  name: 'portal',
  pages: [
    { path: '/portal/login', page: lazyPage(() => import('./PortalLoginPage'), 'PortalLoginPage'), permission: null, shell: 'public' },
    { path: '/portal/signup', page: lazyPage(() => import('./SignupPage'), 'SignupPage'), permission: null, shell: 'public' },
    { path: '/notices', page: lazyPage(() => import('./NoticesPage'), 'NoticesPage'), permission: null, shell: 'public' },
    { path: '/portal', page: lazyPage(() => import('./PortalHome'), 'PortalHome'), permission: null, shell: 'resident' },
    {
      path: '/portal/assistance',
      page: lazyPage(() => import('./MyApplicationsPage'), 'MyApplicationsPage'),
      permission: null,
      shell: 'resident',
    },
    {
      path: '/portal/assistance/apply',
      page: lazyPage(() => import('./PortalApplyPage'), 'PortalApplyPage'),
      permission: null,
      shell: 'resident',
    },
  ],
  auditLabels: portalAudit,
};
