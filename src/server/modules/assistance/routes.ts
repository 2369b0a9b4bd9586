/**
 * Every social-assistance route: each sub-area registers its own (policy, cases, checks,
 * entitlements, payments); the statistics are here.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx } from '../../platform/http/send-xlsx.js';
import { assistanceStats, exportStats, statsInput } from './stats.js';
import { policyRoutes } from './policy/routes.js';
import { caseRoutes } from './cases/routes.js';
import { checkRoutes } from './checks/routes.js';
import { entitlementRoutes } from './entitlements/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { tags } from './http.js';

export function assistanceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  policyRoutes(app, deps);
  caseRoutes(app, deps);
  checkRoutes(app, deps);
  entitlementRoutes(app, deps);
  paymentRoutes(app, deps);

  api.get(
    '/api/assistance/stats',
    { config: { permission: 'stats.read' }, schema: { tags, summary: '社会救助统计（县区 × 类别 × 月份）', querystring: statsInput } },
    async (request) => assistanceStats(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/stats/export',
    { config: { permission: 'stats.read' }, schema: { tags, summary: '导出社会救助统计（xlsx）', querystring: statsInput } },
    async (request, reply) => sendXlsx(reply, '社会救助统计.xlsx', await exportStats(deps, ctxOf(request), request.query)),
  );
}
