/**
 * Every social-assistance route: each sub-area registers its own (cases, checks, entitlements); the
 * statistics are here. Its standards and parameters are the platform's dated policy
 * (policy/register.ts), its rolls and bank files a payment programme of the platform
 * (payments/programme.ts), its payees' accounts the platform's payee accounts (entitlements/account.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import { assistanceStatsAnswer, statsInput } from '../../../shared/assistance/stats.js';
import { assistanceStats, exportStats } from './stats.js';
import { caseRoutes } from './cases/routes.js';
import { checkRoutes } from './checks/routes.js';
import { entitlementRoutes } from './entitlements/routes.js';
import { tags } from './http.js';
import { afterDeathInput, afterDeathPage } from '../../../shared/assistance/entitlements.js';
import { exportPaidAfterDeath, listPaidAfterDeath } from './payments/after-death.js';

export function assistanceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  caseRoutes(app, deps);
  checkRoutes(app, deps);
  entitlementRoutes(app, deps);

  api.get(
    '/api/assistance/after-death',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, summary: '死亡后已发放待追回', querystring: afterDeathInput, response: { 200: afterDeathPage } },
    },
    async (request) => listPaidAfterDeath(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/after-death/export',
    {
      config: { permission: 'assistance.read' },
      schema: {
        tags,
        summary: '导出死亡后已发放待追回（xlsx）',
        querystring: afterDeathInput.pick({ divisionCode: true }),
        response: { 200: xlsxAnswer('死亡后已发放待追回') },
      },
    },
    async (request, reply) => sendXlsx(reply, '死亡后已发放待追回.xlsx', await exportPaidAfterDeath(deps, ctxOf(request), request.query)),
  );

  api.get(
    '/api/assistance/stats',
    {
      config: { permission: 'stats.read' },
      schema: { tags, summary: '社会救助统计（县区 × 类别 × 月份）', querystring: statsInput, response: { 200: assistanceStatsAnswer } },
    },
    async (request) => assistanceStats(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/stats/export',
    {
      config: { permission: 'stats.read' },
      schema: { tags, summary: '导出社会救助统计（xlsx）', querystring: statsInput, response: { 200: xlsxAnswer('社会救助统计') } },
    },
    async (request, reply) => sendXlsx(reply, '社会救助统计.xlsx', await exportStats(deps, ctxOf(request), request.query)),
  );
}
