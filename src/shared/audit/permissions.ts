/** Reading the audit log (src/server/modules/audit), code → Chinese name. */
export const auditPermissions = {
  'audit.read': '查看审计日志',
} as const;
