/** The holiday calendar that working-day deadlines count on (节假日安排). */
import { calendarAudit } from '../../../shared/platform/calendar-audit-actions.js';
import { calendarPermissions } from '../../../shared/platform/calendar-permissions.js';
import { defineModule } from '../module.js';
import { seedCalendar } from './calendar.js';
import { calendarRoutes } from './routes.js';
import * as tables from './schema.js';

export const calendarModule = defineModule({
  name: 'calendar',
  tables,
  routes: calendarRoutes,
  permissions: calendarPermissions,
  seeds: [(deps) => seedCalendar(deps.database.db)],
  auditActions: calendarAudit.actions,
});
