/**
 * The administrative divisions (行政区划) of the city, loaded at the first start, and their dated
 * changes (区划变更, docs/rules.md "Dated divisions (区划变更)"): recorded by an administrator, applied
 * on their date by a durable job that re-codes the live rows.
 */
import { divisionsAudit } from '../../../shared/divisions/audit-actions.js';
import { divisionsPermissions } from '../../../shared/divisions/permissions.js';
import { defineModule } from '../../platform/module.js';
import { loadDivisions } from './load.js';
import { divisionRoutes } from './routes.js';
import { applyChangeHandler } from './changes/apply.js';
import { APPLY_CHANGE, enqueueDueChanges } from './changes/due.js';

export const divisionsModule = defineModule({
  name: 'divisions',
  routes: divisionRoutes,
  permissions: divisionsPermissions,
  auditActions: divisionsAudit.actions,
  jobs: [{ kind: APPLY_CHANGE, handler: applyChangeHandler }],
  timers: [
    {
      name: 'division-changes-due',
      everyMs: 10 * 60_000,
      atStart: true,
      run: (deps) => enqueueDueChanges(deps),
      failure: '区划变更到期检查失败，将在下次重试',
    },
  ],
  seeds: [
    async (deps, log) => {
      const loaded = await loadDivisions(deps.database, deps.config.JIMIN_CITY);
      if (loaded) log(`已载入行政区划 ${loaded} 条`);
    },
  ],
});
