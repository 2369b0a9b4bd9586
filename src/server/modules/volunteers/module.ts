/**
 * 志愿服务 (volunteers), slice 1: registration. A volunteer is a registry person with a platform
 * volunteer number, registered by staff at a window or by the resident on the portal (a minor of 14–18
 * with a guardian's recorded consent), listed, exported, corrected and 注销 inside the viewer's scope
 * (a team's staff: their team and its sub-teams). Stations, activities, hours, stars, points and the
 * certificate build on these records (docs/decisions.md).
 */
import { volunteersAudit } from '../../../shared/volunteers/audit-actions.js';
import { volunteersPermissions } from '../../../shared/volunteers/permissions.js';
import { defineModule } from '../../platform/module.js';
import { volunteersRoutes } from './routes.js';
import * as tables from './schema.js';

export const volunteersModule = defineModule({
  name: 'volunteers',
  tables,
  routes: volunteersRoutes,
  permissions: volunteersPermissions,
  auditActions: volunteersAudit.actions,
});
