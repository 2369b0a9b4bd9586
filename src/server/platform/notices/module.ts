/** The 公示 board (docs/rules.md "公示"): its public page, and the notices that end by themselves. */
import { shanghaiToday } from '../../../shared/dates.js';
import { defineModule } from '../module.js';
import { noticeRoutes } from './routes.js';
import * as tables from './schema.js';

export const noticesModule = defineModule({
  name: 'notices',
  tables,
  routes: noticeRoutes,
  // Checked at start and every 10 minutes.
  timers: [
    {
      name: 'notices.end',
      everyMs: 10 * 60_000,
      atStart: true,
      run: (deps) => deps.notices.endDue(shanghaiToday()),
      failure: 'ending notices failed',
    },
  ],
});
