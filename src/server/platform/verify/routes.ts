import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { documentIdParams, revokeAnswer, revokeInput, verifyAnswer, verifyParams } from '../../../shared/verify/documents.js';

const tags = ['文书核验'];

/** The public verification of a code (no login, rate-limited like the other public routes) and the revocation. */
export function verifyRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/verify/:code',
    {
      config: { access: 'public', rateLimit: { max: deps.config.JIMIN_LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: { tags, summary: '核验文书编码（公开）', params: verifyParams, response: { 200: verifyAnswer } },
    },
    async (request) => deps.documents.verify(request.params.code),
  );
  api.post(
    '/api/documents/:id/revoke',
    {
      config: { permission: 'document.revoke' },
      schema: { tags, summary: '撤销已签发的文书', params: documentIdParams, body: revokeInput, response: { 200: revokeAnswer } },
    },
    async (request) => deps.documents.revoke(ctxOf(request), request.params.id, request.body),
  );
}
