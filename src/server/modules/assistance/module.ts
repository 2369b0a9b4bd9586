/** Social assistance (社会救助): cases, entitlements, checks, payments and policy (docs/architecture.md "Social assistance"). */
import { assistanceAudit } from '../../../shared/assistance/audit-actions.js';
import { assistancePermissions } from '../../../shared/assistance/permissions.js';
import { defineModule } from '../../platform/module.js';
import { FACTS_CHANGED } from '../registry/facts-changed.js';
import { IMPORT_ENTITLEMENTS, entitlementImportHandler } from './entitlements/migrate.js';
import { RECOMPUTE, recomputeHandler } from './entitlements/recompute.js';
import { refreshHandler } from './entitlements/refresh.js';
import { seedPolicy } from './policy/policy.js';
import { assistanceRoutes } from './routes.js';
import { CASE_NOTICE, endCaseNotice } from './cases/notices.js';
import { endStopNotice, STOP_NOTICE } from './entitlements/stop-notice.js';
import { registerAssistancePolicy } from './policy/register.js';
import { registerAssistancePayees } from './entitlements/account.js';
import { registerAssistanceProgramme } from './payments/programme.js';
import * as tables from './schema.js';

export const assistanceModule = defineModule({
  name: 'assistance',
  tables,
  routes: assistanceRoutes,
  permissions: assistancePermissions,
  jobs: [
    { kind: RECOMPUTE, handler: recomputeHandler },
    { kind: IMPORT_ENTITLEMENTS, handler: entitlementImportHandler },
    // Social assistance recomputes what it derived from registry facts that changed.
    { kind: FACTS_CHANGED, handler: refreshHandler },
  ],
  seeds: [(deps) => seedPolicy(deps.database.db)],
  auditActions: assistanceAudit.actions,
  notices: [
    { kind: CASE_NOTICE, onEnd: endCaseNotice },
    { kind: STOP_NOTICE, onEnd: () => endStopNotice },
  ],
  // Its standards and parameters, the payees' accounts, the monthly roll of 低保 and 特困.
  services: [registerAssistancePolicy, registerAssistancePayees, registerAssistanceProgramme],
});
