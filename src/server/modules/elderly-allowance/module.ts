/**
 * 高龄津贴 (old-age allowance), written only against the kernel (docs/adding-a-module.md): residents of
 * the registry aged 80 and over, amounts by age band as dated policy, the township's confirmation of the
 * first payment as a kernel workflow, a payment programme with its payees, the registry's death event and
 * its hukou moves out of the city and back.
 */
import { elderlyAllowanceAudit } from '../../../shared/elderly-allowance/audit-actions.js';
import { elderlyAllowancePermissions } from '../../../shared/elderly-allowance/permissions.js';
import { defineModule } from '../../platform/module.js';
import { FACTS_CHANGED, PERSON_DIED } from '../registry/events.js';
import { deathHandler } from './death.js';
import { hukouHandler } from './hukou.js';
import { openNewlyEligible } from './intake.js';
import { registerElderlyPolicy, seedElderlyPolicy } from './policy.js';
import { registerElderlyPayees, registerElderlyProgramme } from './programme.js';
import { elderlyAllowanceRoutes } from './routes.js';
import * as tables from './schema.js';

export const elderlyAllowanceModule = defineModule({
  name: 'elderly_allowance',
  tables,
  routes: elderlyAllowanceRoutes,
  permissions: elderlyAllowancePermissions,
  listens: [
    { event: PERSON_DIED, handler: deathHandler },
    // A hukou moved out of the city (or back in) is one of the facts the registry announces as changed.
    { event: FACTS_CHANGED, handler: hukouHandler },
  ],
  // Every day (and at start) the newly 80 of the whole city are put on their township's worklist.
  timers: [
    {
      name: 'elderly_allowance.intake',
      everyMs: 24 * 60 * 60 * 1000,
      atStart: true,
      run: (deps) => openNewlyEligible(deps, { actor: null, ip: '' }, ''),
      failure: '高龄津贴待确认名单生成失败',
    },
  ],
  seeds: [(deps) => seedElderlyPolicy(deps.database.db)],
  auditActions: elderlyAllowanceAudit.actions,
  services: [registerElderlyPolicy, registerElderlyPayees, registerElderlyProgramme],
});
