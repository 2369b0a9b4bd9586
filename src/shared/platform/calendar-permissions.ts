/** The holiday calendar's permission (src/server/platform/calendar), code → Chinese name. */
export const calendarPermissions = {
  'calendar.manage': '维护节假日安排',
} as const;
