/** 系统管理: users, roles and the notification outbox (组织机构 are the registry's pages). */
import { adminAudit } from '../../../shared/admin/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '系统管理';

export const adminModule: WebModule = {
  name: 'admin',
  pages: [
    {
      path: '/admin/users',
      page: lazyPage(() => import('./UsersPage'), 'UsersPage'),
      permission: 'user.manage',
      menu: { group, label: '用户管理' },
    },
    {
      path: '/admin/roles',
      page: lazyPage(() => import('./RolesPage'), 'RolesPage'),
      permission: 'user.manage',
      menu: { group, label: '角色权限' },
    },
    {
      path: '/admin/outbox',
      page: lazyPage(() => import('./OutboxPage'), 'OutboxPage'),
      permission: 'outbox.read',
      menu: { group, label: '通知发件箱' },
    },
  ],
  auditLabels: adminAudit,
};
