/** 志愿服务: the volunteers list, a volunteer, the staff's registration of walk-ins and the resident's own on the portal. */
import { volunteersAudit } from '../../../shared/volunteers/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

const group = '志愿服务';

export const volunteersModule: WebModule = {
  name: 'volunteers',
  pages: [
    {
      path: '/volunteers',
      page: lazyPage(() => import('./VolunteersPage'), 'VolunteersPage'),
      permission: 'volunteers.read',
      menu: { group, label: '志愿者名单' },
    },
    {
      path: '/volunteers/register',
      page: lazyPage(() => import('./RegisterPage'), 'RegisterPage'),
      permission: 'volunteers.register',
      menu: { group, label: '志愿者登记' },
    },
    {
      path: '/volunteers/:id',
      page: lazyPage(() => import('./VolunteerPage'), 'VolunteerPage'),
      permission: 'volunteers.read',
    },
    {
      path: '/portal/volunteer',
      page: lazyPage(() => import('./PortalVolunteerPage'), 'PortalVolunteerPage'),
      permission: null,
      shell: 'resident',
    },
  ],
  auditLabels: volunteersAudit,
};
