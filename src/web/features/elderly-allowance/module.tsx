/** 高龄津贴: the list, a record, the township's confirmations, the rolls, the statistics and the standards. */
import { elderlyAllowanceAudit } from '../../../shared/elderly-allowance/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '高龄津贴';

export const elderlyAllowanceModule: WebModule = {
  name: 'elderly_allowance',
  pages: [
    {
      path: '/elderly-allowance/worklist',
      page: lazyPage(() => import('./WorklistPage'), 'WorklistPage'),
      permission: 'elderly_allowance.confirm',
      menu: { group, label: '待确认首次发放' },
    },
    {
      path: '/elderly-allowance/allowances',
      page: lazyPage(() => import('./AllowancesPage'), 'AllowancesPage'),
      permission: 'elderly_allowance.read',
      menu: { group, label: '高龄津贴对象' },
    },
    {
      path: '/elderly-allowance/allowances/:id',
      page: lazyPage(() => import('./AllowancePage'), 'AllowancePage'),
      permission: 'elderly_allowance.read',
    },
    {
      path: '/elderly-allowance/rolls',
      page: lazyPage(() => import('./RollsPage'), 'RollsPage'),
      permission: 'elderly_allowance.read',
      menu: { group, label: '发放名册' },
    },
    {
      path: '/elderly-allowance/rolls/:id',
      page: lazyPage(() => import('./RollsPage'), 'RollPage'),
      permission: 'elderly_allowance.read',
    },
    {
      path: '/elderly-allowance/stats',
      page: lazyPage(() => import('./StatsPage'), 'StatsPage'),
      permission: 'elderly_allowance.read',
      menu: { group, label: '高龄津贴统计' },
    },
    {
      path: '/elderly-allowance/standards',
      page: lazyPage(() => import('./StandardsPage'), 'StandardsPage'),
      permission: 'elderly_allowance.read',
      menu: { group, label: '高龄津贴标准' },
    },
  ],
  auditLabels: elderlyAllowanceAudit,
};
