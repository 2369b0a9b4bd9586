/**
 * The audit actions of system administration (src/server/modules/admin), with their labels.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const adminAudit = moduleAuditLabels(
  { admin: '系统管理' },
  {
    admin: {
      'user.create': '新建用户',
      'user.update': '修改用户',
      'user.roles_change': '变更角色',
      'user.password_reset': '重置密码',
      'user.search': '查询用户',
      'user.export': '导出用户',
      'role.update': '修改角色',
      'outbox.read': '查看发件箱',
    },
  },
);
