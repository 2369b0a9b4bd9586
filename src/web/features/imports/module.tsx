/** 花名册导入: loading a roster into the registry. */
import { lazyPage, type WebModule } from '../../app/module';

export const importsModule: WebModule = {
  name: 'imports',
  pages: [
    {
      path: '/imports',
      page: lazyPage(() => import('./ImportPage'), 'ImportPage'),
      permission: 'registry.import',
      menu: { group: '人口与家庭库', label: '花名册导入' },
    },
  ],
};
