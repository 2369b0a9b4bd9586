/**
 * Every permission of the platform, declared once. Routes check these codes; roles are data
 * (seeded from `defaultRoles`, editable by an administrator); `docs/permissions.md` is generated
 * from this file (`npm run docs:permissions`). Jurisdiction is not a permission: it narrows what a
 * permission reaches, in the scoped data layer.
 */
export const permissions = {
  'registry.read': '查看人口与家庭',
  'registry.write': '登记和修改人口与家庭',
  'registry.import': '导入花名册',
  'registry.export': '导出名单',
  'registry.unmask': '查看敏感信息原文',
  'benefit.write': '登记待遇记录',
  'stats.read': '查看统计',
  'user.manage': '管理用户、角色和组织',
  'audit.read': '查看审计日志',
  'outbox.read': '查看通知发件箱',
} as const;

export type Permission = keyof typeof permissions;
export const allPermissions = Object.keys(permissions) as Permission[];

export interface RoleDefinition {
  code: string;
  name: string;
  permissions: Permission[];
  /** Staff of this role must use a TOTP second factor (an administrator can change it). */
  totpRequired: boolean;
}

export const defaultRoles: RoleDefinition[] = [
  {
    code: 'city_admin',
    name: '市级管理员',
    // Not audit.read: the people administered must not be the ones who read their traces (三员分立).
    permissions: allPermissions.filter((p) => p !== 'audit.read'),
    totpRequired: false,
  },
  {
    code: 'county_reviewer',
    name: '县区审核员',
    permissions: ['registry.read', 'registry.export', 'registry.unmask', 'benefit.write', 'stats.read'],
    totpRequired: false,
  },
  {
    code: 'township_clerk',
    name: '乡镇经办员',
    permissions: ['registry.read', 'registry.write', 'registry.import', 'registry.export', 'registry.unmask', 'benefit.write', 'stats.read'],
    totpRequired: false,
  },
  {
    code: 'village_officer',
    name: '村社区专干',
    permissions: ['registry.read', 'registry.write', 'stats.read'],
    totpRequired: false,
  },
  { code: 'auditor', name: '审计员', permissions: ['audit.read'], totpRequired: false },
  { code: 'org_staff', name: '机构工作人员', permissions: ['registry.read', 'stats.read'], totpRequired: false },
];
