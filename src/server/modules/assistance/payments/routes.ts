/** Routes of the monthly payment rolls and their bank files (发放名册、银行代发). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx } from '../../../platform/http/send-xlsx.js';
import { readUpload } from '../../../platform/http/upload.js';
import {
  approveRoll,
  listRolls,
  listRollsInput,
  rollLines,
  rollLinesInput,
  rollPdf,
  startRoll,
  startRollInput,
} from '../payments/rolls.js';
import { bankFile, importBankResult } from '../payments/bank.js';
import { idParam, read, tags } from '../http.js';

export function paymentRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/assistance/rolls', { config: read, schema: { tags, summary: '发放名册', querystring: listRollsInput } }, async (request) =>
    listRolls(deps, ctxOf(request), request.query),
  );
  api.post(
    '/api/assistance/rolls',
    { config: { permission: 'assistance.roll' }, schema: { tags, summary: '编制月度发放名册（后台任务）', body: startRollInput } },
    async (request) => startRoll(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/assistance/rolls/:id/approve',
    { config: { permission: 'assistance.roll' }, schema: { tags, summary: '审核名册', params: idParam } },
    async (request) => approveRoll(deps, ctxOf(request), request.params.id),
  );
  api.get(
    '/api/assistance/rolls/:id/lines',
    { config: read, schema: { tags, summary: '名册明细', params: idParam, querystring: rollLinesInput } },
    async (request) => rollLines(deps, ctxOf(request), request.params.id, request.query),
  );
  api.get(
    '/api/assistance/rolls/:id/pdf',
    { config: read, schema: { tags, summary: '打印发放名册（PDF，按村分组小计；本辖区的明细）', params: idParam } },
    async (request, reply) => {
      const pdf = await rollPdf(deps, ctxOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.name)}`)
        .send(pdf.content);
    },
  );
  api.get(
    '/api/assistance/rolls/:id/bank-file',
    {
      config: { permission: 'assistance.roll' },
      schema: {
        tags,
        summary: '导出银行代发文件（xlsx 或 CSV）',
        params: idParam,
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), onlyFailed: z.coerce.boolean().default(false) }),
      },
    },
    async (request, reply) => {
      const f = await bankFile(deps, ctxOf(request), request.params.id, request.query.format, request.query.onlyFailed);
      if (request.query.format === 'xlsx') return sendXlsx(reply, f.name, f.content);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.content);
    },
  );
  api.post(
    '/api/assistance/rolls/:id/bank-result',
    {
      config: { permission: 'assistance.roll' },
      schema: { tags, summary: '导入银行回盘（multipart: file）', params: idParam, consumes: ['multipart/form-data'] },
    },
    async (request) => importBankResult(deps, ctxOf(request), request.params.id, await readUpload(request, deps, '回盘文件')),
  );
}
