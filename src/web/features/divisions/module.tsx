/** 行政区划: the city's divisions, for every staff user. */
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
  ],
};
