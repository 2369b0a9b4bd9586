/** 节假日安排: the platform's holiday calendar (src/server/platform/calendar); its page sits with social assistance's policy pages. */
import { calendarAudit } from '../../../shared/platform/calendar-audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const calendarModule: WebModule = {
  name: 'calendar',
  pages: [
    {
      path: '/admin/calendar',
      page: lazyPage(() => import('./CalendarPage'), 'CalendarPage'),
      permission: 'calendar.manage',
      menu: { group: '基础数据', label: '节假日安排' },
    },
  ],
  auditLabels: calendarAudit,
};
