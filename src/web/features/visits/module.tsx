/** 探访: the worker's worklist (我的探访), the visit form, a person's visits, a division's list with its counts. */
import { visitsAudit } from '../../../shared/visits/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '探访';

export const visitsModule: WebModule = {
  name: 'visits',
  pages: [
    {
      path: '/visits/mine',
      page: lazyPage(() => import('./MyVisitsPage'), 'MyVisitsPage'),
      permission: 'visits.record',
      menu: { group, label: '我的探访' },
    },
    {
      path: '/visits/plans',
      page: lazyPage(() => import('./PlansPage'), 'PlansPage'),
      permission: 'visits.read',
      menu: { group, label: '探访名单与统计' },
    },
    {
      path: '/visits/:programme/persons/:personId',
      page: lazyPage(() => import('./PersonVisitsPage'), 'PersonVisitsPage'),
      permission: 'visits.read',
    },
    {
      path: '/visits/:programme/persons/:personId/record',
      page: lazyPage(() => import('./VisitFormPage'), 'VisitFormPage'),
      permission: 'visits.record',
    },
  ],
  auditLabels: visitsAudit,
};
