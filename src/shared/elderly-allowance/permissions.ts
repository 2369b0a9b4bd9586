/** 高龄津贴's permissions (src/server/modules/elderly-allowance): code → Chinese name. */
export const elderlyAllowancePermissions = {
  'elderly_allowance.read': '查看高龄津贴',
  'elderly_allowance.confirm': '确认高龄津贴首次发放',
  'elderly_allowance.roll': '编制高龄津贴发放名册',
  'elderly_allowance.standards': '维护高龄津贴标准',
} as const;
