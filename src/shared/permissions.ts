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
  'calendar.manage': '维护节假日安排',
  'assistance.read': '查看社会救助案件和名册',
  'assistance.apply': '受理社会救助申请',
  'assistance.handle': '办理社会救助案件（受理、核对、入户调查、审核、公示）',
  'assistance.approve': '审批社会救助',
  'assistance.standards': '维护救助标准和政策参数',
  'assistance.roll': '编制、审核和导出发放名册',
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
    permissions: [
      'registry.read',
      'registry.export',
      'registry.unmask',
      'benefit.write',
      'stats.read',
      'assistance.read',
      'assistance.handle',
      'assistance.approve',
      'assistance.roll',
    ],
    totpRequired: false,
  },
  {
    code: 'township_clerk',
    name: '乡镇经办员',
    permissions: [
      'registry.read',
      'registry.write',
      'registry.import',
      'registry.export',
      'registry.unmask',
      'benefit.write',
      'stats.read',
      // assistance.approve: Jining delegated 低保/特困/临时救助 approval to townships (where a category
      // is not delegated, the approval use case requires a county-level approver).
      'assistance.read',
      'assistance.apply',
      'assistance.handle',
      'assistance.approve',
    ],
    totpRequired: false,
  },
  {
    code: 'village_officer',
    name: '村社区专干',
    permissions: ['registry.read', 'registry.write', 'stats.read', 'assistance.read', 'assistance.apply'],
    totpRequired: false,
  },
  { code: 'auditor', name: '审计员', permissions: ['audit.read'], totpRequired: false },
  { code: 'org_staff', name: '机构工作人员', permissions: ['registry.read', 'stats.read'], totpRequired: false },
];
