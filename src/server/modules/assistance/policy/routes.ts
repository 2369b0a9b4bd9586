/** Routes of the standards and policy parameters (救助标准、政策参数). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { addStandard, addStandardInput, listParameters, listStandards, setParameter, setParameterInput } from '../policy/standards.js';
import { read, tags } from '../http.js';

export function policyRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/assistance/standards', { config: read, schema: { tags, summary: '救助标准（按生效月份）' } }, async () =>
    listStandards(deps),
  );
  api.post(
    '/api/assistance/standards',
    {
      config: { permission: 'assistance.standards' },
      schema: { tags, summary: '新增救助标准（自动重算在享待遇）', body: addStandardInput },
    },
    async (request) => addStandard(deps, ctxOf(request), request.body),
  );
  api.get('/api/assistance/parameters', { config: read, schema: { tags, summary: '救助政策参数' } }, async () => listParameters(deps));
  api.post(
    '/api/assistance/parameters',
    {
      config: { permission: 'assistance.standards' },
      schema: { tags, summary: '设置政策参数（自动重算在享待遇）', body: setParameterInput },
    },
    async (request) => setParameter(deps, ctxOf(request), request.body),
  );
}
