/**
 * Visits (探访, docs/rules.md "Visits (探访)"): the assignments and visits of every registered visit
 * programme, their routes, permissions and audit actions. The programmes themselves are registered by
 * their modules (`services`, `deps.visits.register`).
 */
import { visitsAudit } from '../../../shared/visits/audit-actions.js';
import { visitsPermissions } from '../../../shared/visits/permissions.js';
import { defineModule } from '../module.js';
import { visitRoutes } from './routes.js';
import * as tables from './schema.js';

export const visitsModule = defineModule({
  name: 'visits',
  tables,
  routes: visitRoutes,
  permissions: visitsPermissions,
  auditActions: visitsAudit.actions,
});
