/**
 * 志愿服务 (volunteers), slice 1: registration. A volunteer is a registry person with a platform
 * volunteer number, registered by staff at a window or by the resident on the portal (a minor of 14–18
 * with a guardian's recorded consent), listed, exported, corrected and 注销 inside the viewer's scope
 * (a team's staff: their team and its sub-teams). Stations, activities, hours, stars, points and the
 * certificate build on these records (docs/decisions.md). The registry's death and hukou move out of
 * the city (and their undoing) reach the record (life.ts); staff import a roster of walk-ins (import.ts).
 */
import { volunteersAudit } from '../../../shared/volunteers/audit-actions.js';
import { volunteersPermissions } from '../../../shared/volunteers/permissions.js';
import { defineModule } from '../../platform/module.js';
import { FACTS_CHANGED, PERSON_DIED } from '../registry/events.js';
import { volunteerDeathHandler, volunteerHukouHandler } from './life.js';
import { volunteersRoutes } from './routes.js';
import * as tables from './schema.js';

export const volunteersModule = defineModule({
  name: 'volunteers',
  tables,
  routes: volunteersRoutes,
  permissions: volunteersPermissions,
  listens: [
    { event: PERSON_DIED, handler: volunteerDeathHandler },
    // A hukou moved out of the city (or back in) is one of the facts the registry announces as changed.
    { event: FACTS_CHANGED, handler: volunteerHukouHandler },
  ],
  auditActions: volunteersAudit.actions,
});
