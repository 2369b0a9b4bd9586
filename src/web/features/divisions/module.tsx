/** 行政区划: the city's divisions, for every staff user; 区划变更 (dated changes), for the administrator. */
import { divisionsAudit } from '../../../shared/divisions/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const divisionsModule: WebModule = {
  name: 'divisions',
  pages: [
    {
      path: '/divisions',
      page: lazyPage(() => import('./DivisionsPage'), 'DivisionsPage'),
      permission: null,
      menu: { group: '基础数据', label: '行政区划' },
    },
    {
      path: '/admin/division-changes',
      page: lazyPage(() => import('./DivisionChangesPage'), 'DivisionChangesPage'),
      permission: 'divisions.manage',
      menu: { group: '基础数据', label: '区划变更' },
    },
  ],
  auditLabels: divisionsAudit,
};
