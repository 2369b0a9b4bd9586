/** Reading the audit log (auditors only): list, export, verify the chain. */
import { auditAudit } from '../../../shared/audit/audit-actions.js';
import { auditPermissions } from '../../../shared/audit/permissions.js';
import { defineModule } from '../../platform/module.js';
import { auditRoutes } from './routes.js';

export const auditModule = defineModule({
  name: 'audit',
  routes: auditRoutes,
  permissions: auditPermissions,
  auditActions: auditAudit.actions,
});
