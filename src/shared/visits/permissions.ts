/**
 * The permissions of the platform's visits (探访, src/server/platform/visits): each programme names
 * which of them reads its plans, records its visits and assigns its workers (docs/rules.md "Visits (探访)").
 */
export const visitsPermissions = {
  'visits.read': '查看探访计划与记录',
  'visits.record': '登记探访',
  'visits.assign': '分配探访人员',
} as const;
