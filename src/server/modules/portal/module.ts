/** The resident portal: sign-up and a resident's own record. */
import { portalAudit } from '../../../shared/portal/audit-actions.js';
import { defineModule } from '../../platform/module.js';
import { portalRoutes } from './routes.js';

export const portalModule = defineModule({
  name: 'portal',
  routes: portalRoutes,
  auditActions: portalAudit.actions,
});
