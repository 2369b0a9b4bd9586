/** 社会救助: cases, entitlements, checks, rolls, statistics and standards. */
import { assistanceAudit } from '../../../shared/assistance/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '社会救助';

export const assistanceModule: WebModule = {
  name: 'assistance',
  pages: [
    {
      path: '/assistance/worklist',
      page: lazyPage(() => import('./cases/WorklistPage'), 'WorklistPage'),
      permission: 'assistance.read',
      menu: { group, label: '待办' },
    },
    {
      path: '/assistance/cases',
      page: lazyPage(() => import('./cases/CasesPage'), 'CasesPage'),
      permission: 'assistance.read',
      menu: { group, label: '救助案件' },
    },
    { path: '/assistance/cases/:id', page: lazyPage(() => import('./cases/CasePage'), 'CasePage'), permission: 'assistance.read' },
    {
      path: '/assistance/apply',
      page: lazyPage(() => import('./cases/ApplyPage'), 'ApplyPage'),
      permission: 'assistance.apply',
      menu: { group, label: '窗口受理' },
    },
    {
      path: '/assistance/entitlements',
      page: lazyPage(() => import('./entitlements/EntitlementsPage'), 'EntitlementsPage'),
      permission: 'assistance.read',
      menu: { group, label: '救助对象' },
    },
    {
      path: '/assistance/entitlements/:id',
      page: lazyPage(() => import('./entitlements/EntitlementPage'), 'EntitlementPage'),
      permission: 'assistance.read',
    },
    {
      path: '/assistance/support-modes',
      page: lazyPage(() => import('./entitlements/SupportModesPendingPage'), 'SupportModesPendingPage'),
      permission: 'assistance.handle',
      menu: { group, label: '供养方式待确认' },
    },
    {
      path: '/assistance/checks',
      page: lazyPage(() => import('./checks/ChecksPage'), 'ChecksPage'),
      permission: 'assistance.handle',
      menu: { group, label: '经济状况核对' },
    },
    {
      path: '/assistance/import',
      page: lazyPage(() => import('./entitlements/MigratePage'), 'MigratePage'),
      permission: 'assistance.handle',
      menu: { group, label: '存量对象迁移' },
    },
    // Townships read their own roll lines (failed payments to correct); building and the bank
    // file need assistance.roll, checked on the page.
    {
      path: '/assistance/rolls',
      page: lazyPage(() => import('./payments/RollsPage'), 'RollsPage'),
      permission: 'assistance.read',
      menu: { group, label: '发放名册' },
    },
    {
      path: '/assistance/after-death',
      page: lazyPage(() => import('./payments/AfterDeathPage'), 'AfterDeathPage'),
      permission: 'assistance.read',
      menu: { group, label: '死亡后已发放' },
    },
    { path: '/assistance/rolls/:id', page: lazyPage(() => import('./payments/RollPage'), 'RollPage'), permission: 'assistance.read' },
    {
      path: '/assistance/stats',
      page: lazyPage(() => import('./stats/StatsPage'), 'StatsPage'),
      permission: 'stats.read',
      menu: { group, label: '救助统计' },
    },
    {
      path: '/assistance/standards',
      page: lazyPage(() => import('./policy/StandardsPage'), 'StandardsPage'),
      permission: 'assistance.read',
      menu: { group, label: '救助标准' },
    },
  ],
  auditLabels: assistanceAudit,
};
