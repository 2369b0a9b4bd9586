/** 人口与家庭库: persons, households and the organisation registry (组织机构). */
import { registryAudit } from '../../../shared/registry/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '人口与家庭库';

export const registryModule: WebModule = {
  name: 'registry',
  pages: [
    {
      path: '/persons',
      page: lazyPage(() => import('./PersonsPage'), 'PersonsPage'),
      permission: 'registry.read',
      menu: { group, label: '人员查询' },
    },
    { path: '/persons/new', page: lazyPage(() => import('./PersonNewPage'), 'PersonNewPage'), permission: 'registry.write' },
    { path: '/persons/:id', page: lazyPage(() => import('./PersonDetailPage'), 'PersonDetailPage'), permission: 'registry.read' },
    { path: '/persons/:id/edit', page: lazyPage(() => import('./PersonEditPage'), 'PersonEditPage'), permission: 'registry.write' },
    {
      path: '/households',
      page: lazyPage(() => import('./HouseholdsPage'), 'HouseholdsPage'),
      permission: 'registry.read',
      menu: { group, label: '家庭档案' },
    },
    { path: '/households/new', page: lazyPage(() => import('./HouseholdNewPage'), 'HouseholdNewPage'), permission: 'registry.write' },
    { path: '/households/:id', page: lazyPage(() => import('./HouseholdDetailPage'), 'HouseholdDetailPage'), permission: 'registry.read' },
    {
      path: '/organisations',
      page: lazyPage(() => import('./organisations/OrganisationsPage'), 'OrganisationsPage'),
      permission: 'organisation.read',
      menu: { group, label: '组织机构' },
    },
    {
      path: '/organisations/new',
      page: lazyPage(() => import('./organisations/OrganisationFormPage'), 'OrganisationFormPage'),
      permission: 'organisation.manage',
    },
    {
      path: '/organisations/:id',
      page: lazyPage(() => import('./organisations/OrganisationDetailPage'), 'OrganisationDetailPage'),
      permission: 'organisation.read',
    },
    {
      path: '/organisations/:id/edit',
      page: lazyPage(() => import('./organisations/OrganisationFormPage'), 'OrganisationFormPage'),
      permission: 'organisation.manage',
    },
    {
      path: '/agency-files',
      page: lazyPage(() => import('./agency-files/AgencyFilesPage'), 'AgencyFilesPage'),
      permission: 'registry.import',
      menu: { group, label: '部门比对名单' },
    },
    {
      path: '/agency-files/:id',
      page: lazyPage(() => import('./agency-files/AgencyFilePage'), 'AgencyFilePage'),
      permission: 'registry.import',
    },
  ],
  auditLabels: registryAudit,
};
