/** Social assistance (社会救助): cases, entitlements, checks, payments and policy (docs/architecture.md "Social assistance"). */
import { assistanceAudit } from '../../../shared/assistance/audit-actions.js';
import { assistancePermissions } from '../../../shared/assistance/permissions.js';
import { defineModule } from '../../platform/module.js';
import { FACTS_CHANGED, PERSON_DIED } from '../registry/events.js';
import { IMPORT_ENTITLEMENTS, entitlementImportHandler } from './entitlements/migrate.js';
import { RECOMPUTE, recomputeHandler } from './entitlements/recompute.js';
import { refreshHandler } from './entitlements/refresh.js';
import { deathHandler } from './entitlements/death.js';
import { seedPolicy } from './policy/policy.js';
import { assistanceRoutes } from './routes.js';
import { CASE_NOTICE, endCaseNotice } from './cases/notices.js';
import { endStopNotice, STOP_NOTICE } from './entitlements/stop-notice.js';
import { registerAssistancePolicy } from './policy/register.js';
import { registerAssistancePayees } from './entitlements/account.js';
import { registerAssistanceProgramme } from './payments/programme.js';
import { registerTekunVisits } from './visits/programme.js';
import * as tables from './schema.js';

export const assistanceModule = defineModule({
  name: 'assistance',
  tables,
  routes: assistanceRoutes,
  permissions: assistancePermissions,
  jobs: [
    { kind: RECOMPUTE, handler: recomputeHandler },
    { kind: IMPORT_ENTITLEMENTS, handler: entitlementImportHandler },
  ],
  // It recomputes what it derived from registry facts that changed, and answers a recipient's death.
  listens: [
    { event: FACTS_CHANGED, handler: refreshHandler },
    { event: PERSON_DIED, handler: deathHandler },
  ],
  seeds: [(deps) => seedPolicy(deps.database.db)],
  auditActions: assistanceAudit.actions,
  notices: [
    { kind: CASE_NOTICE, onEnd: endCaseNotice },
    { kind: STOP_NOTICE, onEnd: () => endStopNotice },
  ],
  // Its standards and parameters, the payees' accounts, the monthly roll of 低保 and 特困, the visits of 分散供养 特困 people.
  services: [registerAssistancePolicy, registerAssistancePayees, registerAssistanceProgramme, registerTekunVisits],
});
