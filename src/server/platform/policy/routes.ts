/**
 * The routes of dated policy, one pair per registered module (/api/policy/<module>/values), each
 * with the permissions the module declared: the list with its history, and entering a value.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { policyValueInput, policyValueSaved, policyValuesAnswer } from '../../../shared/policy/values.js';
import { listValues, setValue } from './values.js';

const tags = ['标准与政策参数'];

export function policyRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const m of deps.policy.modules()) {
    const url = `/api/policy/${m.module}/values`;
    api.get(
      url,
      {
        config: { permission: m.read },
        schema: { tags, summary: `${m.name}：标准和政策参数（按生效月份，含历史）`, response: { 200: policyValuesAnswer } },
      },
      async () => listValues(deps, m.module),
    );
    api.post(
      url,
      {
        config: { permission: m.write },
        schema: {
          tags,
          summary: `${m.name}：录入标准或政策参数（自生效月份起执行）`,
          body: policyValueInput,
          response: { 200: policyValueSaved },
        },
      },
      async (request) => setValue(deps, ctxOf(request), m.module, request.body),
    );
  }
}
