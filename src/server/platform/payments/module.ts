/**
 * Payment programmes (docs/rules.md "Payments"): the monthly rolls of every programme, their job and
 * routes, and the banks' file formats (docs/bank-files.md) with their permission and audit actions.
 */
import { paymentsAudit } from '../../../shared/payments/audit-actions.js';
import { paymentsPermissions } from '../../../shared/payments/permissions.js';
import { defineModule } from '../module.js';
import { BUILD_ROLL, buildRollHandler } from './rolls.js';
import { paymentRoutes } from './routes.js';
import * as tables from './schema.js';

export const paymentsModule = defineModule({
  name: 'payments',
  tables,
  // An approved roll is final: its county and its lines' villages stay as approved (docs/decisions.md 40).
  frozen: [tables.paymentRolls, tables.paymentRollLines],
  routes: paymentRoutes,
  permissions: paymentsPermissions,
  jobs: [{ kind: BUILD_ROLL, handler: buildRollHandler }],
  auditActions: paymentsAudit.actions,
});
