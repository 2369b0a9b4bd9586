/**
 * The routes of payee accounts, one pair per registered programme (/api/payees/<programme>/:id),
 * each with the permissions the programme declared: the account with its history, and 更正发放账户.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { accountCorrected, accountCorrectionInput, payeeAccountAnswer } from '../../../shared/payees/accounts.js';
import { correctPayeeAccount, openPayeeAccount } from './payees.js';

const tags = ['发放账户'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function payeeRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const p of deps.payees.programmes()) {
    api.get(
      `/api/payees/${p.programme}/:id`,
      {
        config: { permission: p.read },
        schema: { tags, summary: `${p.name}：发放账户（脱敏）及变更记录`, params: idParam, response: { 200: payeeAccountAnswer } },
      },
      async (request) => openPayeeAccount(deps, ctxOf(request), p.programme, request.params.id),
    );
    api.post(
      `/api/payees/${p.programme}/:id/account`,
      {
        config: { permission: p.write },
        schema: {
          tags,
          summary: `${p.name}：更正发放账户（原账户脱敏留存于变更记录）`,
          params: idParam,
          body: accountCorrectionInput,
          response: { 200: accountCorrected },
        },
      },
      async (request) => correctPayeeAccount(deps, ctxOf(request), p.programme, request.params.id, request.body),
    );
  }
}
