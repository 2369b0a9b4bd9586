/**
 * The holiday calendar's audit action (src/server/platform/calendar), listed under 系统管理.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const calendarAudit = moduleAuditLabels<never>(
  {},
  {
    admin: {
      'calendar.save': '保存节假日安排',
    },
  },
);
