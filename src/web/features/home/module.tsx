/** 工作台: the home page every staff user lands on. */
import { lazyPage, type WebModule } from '../../app/module';

export const homeModule: WebModule = {
  name: 'home',
  pages: [
    { path: '/', page: lazyPage(() => import('./HomePage'), 'HomePage'), permission: null, menu: { group: '工作台', label: '首页' } },
  ],
};
