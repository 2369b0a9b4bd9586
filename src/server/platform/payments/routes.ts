/**
 * The routes of payment programmes, one set per registered programme (/api/payments/<programme>/rolls…)
 * with the permissions the programme declared, and the banks' file formats (/api/payments/bank-formats, PATCH …/:id),
 * which are the city's configuration (payments.bank_formats).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { fileAnswer, sendXlsx } from '../http/send-xlsx.js';
import { readUpload } from '../http/upload.js';
import { XLSX_MIME } from '../xlsx.js';
import {
  bankFileInput,
  bankResultAnswer,
  bankResultInput,
  listRollsInput,
  rollApproved,
  rollLines as rollLinesAnswer,
  rollLinesInput,
  rollStarted,
  rollsPage,
  startRollInput,
} from '../../../shared/payments/rolls.js';
import {
  bankFormat,
  bankFormatInput,
  bankFormatsAnswer,
  bankFormatState,
  bankFormatUpdate,
} from '../../../shared/payments/bank-formats.js';
import { approveRoll, listRolls, rollLines, rollPdf, startRoll } from './rolls.js';
import { bankFile, importBankResult } from './bank.js';
import { createBankFormat, listBankFormats, setBankFormatRetired, updateBankFormat } from './formats.js';

const tags = ['发放名册与银行代发'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const binary = z.string().meta({ format: 'binary' });
/** The bank file: xlsx or CSV, as asked. */
const bankFileAnswer = {
  description: '银行代发文件（.xlsx 或 CSV）',
  content: { [XLSX_MIME]: { schema: binary }, 'text/csv': { schema: binary } },
};

/** A file as it is (Fastify sends buffers unserialized), with its Chinese name. */
function sendFile(reply: FastifyReply, mime: string, disposition: 'inline' | 'attachment', name: string, content: Buffer) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(content);
}

export function paymentRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const p of deps.payments.all()) {
    const base = `/api/payments/${p.programme}/rolls`;
    const read = { permission: p.read };
    const manage = { permission: p.manage };
    api.get(
      base,
      { config: read, schema: { tags, summary: `${p.name}：发放名册`, querystring: listRollsInput, response: { 200: rollsPage } } },
      async (request) => listRolls(deps, ctxOf(request), p, request.query),
    );
    api.post(
      base,
      {
        config: manage,
        schema: { tags, summary: `${p.name}：编制月度发放名册（后台任务）`, body: startRollInput, response: { 200: rollStarted } },
      },
      async (request) => startRoll(deps, ctxOf(request), p, request.body),
    );
    api.post(
      `${base}/:id/approve`,
      { config: manage, schema: { tags, summary: `${p.name}：审核名册`, params: idParam, response: { 200: rollApproved } } },
      async (request) => approveRoll(deps, ctxOf(request), p, request.params.id),
    );
    api.get(
      `${base}/:id/lines`,
      {
        config: read,
        schema: { tags, summary: `${p.name}：名册明细`, params: idParam, querystring: rollLinesInput, response: { 200: rollLinesAnswer } },
      },
      async (request) => rollLines(deps, ctxOf(request), p, request.params.id, request.query),
    );
    api.get(
      `${base}/:id/pdf`,
      {
        config: read,
        schema: {
          tags,
          summary: `${p.name}：打印发放名册（PDF，按村分组小计；本辖区的明细）`,
          params: idParam,
          response: { 200: fileAnswer('application/pdf', '发放名册（PDF）') },
        },
      },
      async (request, reply) => {
        const pdf = await rollPdf(deps, ctxOf(request), p, request.params.id);
        return sendFile(reply, 'application/pdf', 'inline', pdf.name, pdf.content);
      },
    );
    api.get(
      `${base}/:id/bank-file`,
      {
        config: manage,
        schema: {
          tags,
          summary: `${p.name}：导出银行代发文件（xlsx 或 CSV；可选银行的代发格式）`,
          params: idParam,
          querystring: bankFileInput,
          response: { 200: bankFileAnswer },
        },
      },
      async (request, reply) => {
        const f = await bankFile(deps, ctxOf(request), p, request.params.id, request.query);
        if (request.query.format === 'xlsx') return sendXlsx(reply, f.name, f.content);
        return sendFile(reply, 'text/csv; charset=utf-8', 'attachment', f.name, f.content);
      },
    );
    api.post(
      `${base}/:id/bank-result`,
      {
        config: manage,
        schema: {
          tags,
          summary: `${p.name}：导入银行回盘（multipart: file；可选银行的代发格式）`,
          params: idParam,
          querystring: bankResultInput,
          consumes: ['multipart/form-data'],
          response: { 200: bankResultAnswer },
        },
      },
      async (request) =>
        importBankResult(deps, ctxOf(request), p, request.params.id, await readUpload(request, deps, '回盘文件'), request.query.bankFormat),
    );
  }

  api.get(
    '/api/payments/bank-formats',
    { config: { access: 'staff' }, schema: { tags, summary: '银行代发文件格式', response: { 200: bankFormatsAnswer } } },
    async () => listBankFormats(deps),
  );
  api.post(
    '/api/payments/bank-formats',
    {
      config: { permission: 'payments.bank_formats' },
      schema: { tags, summary: '新增银行的代发文件格式', body: bankFormatInput, response: { 200: bankFormat } },
    },
    async (request) => createBankFormat(deps, ctxOf(request), request.body),
  );
  api.patch(
    '/api/payments/bank-formats/:id',
    {
      config: { permission: 'payments.bank_formats' },
      schema: { tags, summary: '修改银行的代发文件格式', params: idParam, body: bankFormatUpdate, response: { 200: bankFormat } },
    },
    async (request) => updateBankFormat(deps, ctxOf(request), request.params.id, request.body),
  );
  for (const [path, retire, summary] of [
    ['retire', true, '停用银行的代发文件格式（不再用于导出，仍可导入回盘）'],
    ['restore', false, '启用已停用的代发文件格式'],
  ] as const)
    api.post(
      `/api/payments/bank-formats/:id/${path}`,
      {
        config: { permission: 'payments.bank_formats' },
        schema: { tags, summary, params: idParam, body: bankFormatState, response: { 200: bankFormat } },
      },
      async (request) => setBankFormatRetired(deps, ctxOf(request), request.params.id, retire, request.body.version),
    );
}
