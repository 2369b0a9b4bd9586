import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import { auditFilter, auditPage, auditQuery, chainReport } from '../../../shared/audit/log.js';
import { exportAudit, listAudit, verifyAudit } from './search-audit.js';

const tags = ['审计'];

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'audit.read' as const };
  api.get(
    '/api/audit',
    { config: read, schema: { tags, summary: '审计日志', querystring: auditQuery, response: { 200: auditPage } } },
    async (request) => listAudit(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/audit/export',
    {
      config: read,
      schema: { tags, summary: '导出审计日志（xlsx）', querystring: auditFilter, response: { 200: xlsxAnswer('审计日志') } },
    },
    async (request, reply) => sendXlsx(reply, '审计日志.xlsx', await exportAudit(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/audit/verify',
    { config: read, schema: { tags, summary: '校验审计哈希链', response: { 200: chainReport } } },
    async (request) => verifyAudit(deps, ctxOf(request)),
  );
}
