/** System administration's permissions (src/server/modules/admin), code → Chinese name. */
export const adminPermissions = {
  'user.manage': '管理用户、角色和组织',
  'outbox.read': '查看通知发件箱',
} as const;
