/** System administration: users, roles, the notification outbox (organisations are the registry's: modules/registry/organisations). */
import { adminAudit } from '../../../shared/admin/audit-actions.js';
import { adminPermissions } from '../../../shared/admin/permissions.js';
import { defineModule } from '../../platform/module.js';
import { seedRoles } from './roles.js';
import { adminRoutes } from './routes.js';

export const adminModule = defineModule({
  name: 'admin',
  routes: adminRoutes,
  permissions: adminPermissions,
  seeds: [(deps) => seedRoles(deps.database.db)],
  auditActions: adminAudit.actions,
});
