/** 志愿服务's permissions (src/server/modules/volunteers): code → Chinese name. */
export const volunteersPermissions = {
  'volunteers.read': '查看志愿者',
  'volunteers.register': '登记、更正和注销志愿者',
  'volunteers.export': '导出志愿者名单',
} as const;
