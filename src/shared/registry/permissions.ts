/** The registry's permissions (src/server/modules/registry), code → Chinese name; src/shared/permissions.ts joins every module's. */
export const registryPermissions = {
  'registry.read': '查看人口与家庭',
  'registry.write': '登记和修改人口与家庭',
  'registry.import': '导入花名册',
  'registry.export': '导出名单',
  'registry.unmask': '查看敏感信息原文',
  'benefit.write': '登记待遇记录',
  'stats.read': '查看统计',
  'organisation.read': '查看组织机构',
  'organisation.manage': '登记和修改组织机构',
} as const;
