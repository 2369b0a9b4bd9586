/** The administrative divisions (行政区划) of the city, loaded at the first start. */
import { defineModule } from '../../platform/module.js';
import { loadDivisions } from './load.js';
import { divisionRoutes } from './routes.js';

export const divisionsModule = defineModule({
  name: 'divisions',
  routes: divisionRoutes,
  seeds: [
    async (deps, log) => {
      const loaded = await loadDivisions(deps.database, deps.config.JIMIN_CITY);
      if (loaded) log(`已载入行政区划 ${loaded} 条`);
    },
  ],
});
