/** The routes of 部门比对名单 (docs/api.md "Registry"): wiring only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../../platform/http/upload.js';
import { jobAccepted } from '../../../../shared/platform/jobs.js';
import {
  agencyFileKinds,
  agencyFileRow,
  agencyFilesPage,
  agencyLinesPage,
  applyAgencyLinesInput,
  dismissAgencyLinesInput,
  dismissAnswer,
  exportAgencyLinesInput,
  listAgencyFilesInput,
  listAgencyLinesInput,
  submitAgencyFileInput,
} from '../../../../shared/registry/agency-files.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { submitAgencyFile } from './match.js';
import { dismissLines, submitApply } from './apply.js';
import { agencyFileTemplate, exportAgencyLines, listAgencyFiles, listAgencyLines, openAgencyFile } from './read.js';

const tags = ['人口与家庭库'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function agencyFileRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const importing = { permission: 'registry.import' as const };
  const write = { permission: 'registry.write' as const };

  api.get(
    '/api/agency-files/template',
    {
      config: importing,
      schema: {
        tags,
        summary: '下载部门比对名单模板',
        querystring: z.object({ kind: z.enum(keysOf(agencyFileKinds)) }),
        response: { 200: xlsxAnswer('部门比对名单模板') },
      },
    },
    async (request, reply) =>
      sendXlsx(reply, `${agencyFileKinds[request.query.kind]}模板.xlsx`, await agencyFileTemplate(request.query.kind)),
  );
  api.post(
    '/api/agency-files',
    {
      config: importing,
      schema: {
        tags,
        summary: '导入部门比对名单（multipart: file），按公民身份号码与人口库比对',
        querystring: submitAgencyFileInput,
        consumes: ['multipart/form-data'],
        response: { 200: jobAccepted.extend({ agencyFileId: z.number() }) },
      },
    },
    async (request) => {
      const file = await readUpload(request, deps, ' .xlsx 文件');
      return submitAgencyFile(deps, ctxOf(request), file, request.query, idempotencyKey(request));
    },
  );
  api.get(
    '/api/agency-files',
    { config: importing, schema: { tags, summary: '部门比对名单', querystring: listAgencyFilesInput, response: { 200: agencyFilesPage } } },
    async (request) => listAgencyFiles(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/agency-files/:id',
    { config: importing, schema: { tags, summary: '一份比对名单及其比对结果计数', params: idParam, response: { 200: agencyFileRow } } },
    async (request) => openAgencyFile(deps, ctxOf(request), request.params.id),
  );
  api.get(
    '/api/agency-files/:id/lines',
    {
      config: importing,
      schema: {
        tags,
        summary: '比对名单的各行（按比对结果）',
        params: idParam,
        querystring: listAgencyLinesInput,
        response: { 200: agencyLinesPage },
      },
    },
    async (request) => listAgencyLines(deps, ctxOf(request), request.params.id, request.query),
  );
  api.get(
    '/api/agency-files/:id/export',
    {
      config: importing,
      schema: {
        tags,
        summary: '导出比对结果',
        params: idParam,
        querystring: exportAgencyLinesInput,
        response: { 200: xlsxAnswer('比对结果') },
      },
    },
    async (request, reply) =>
      sendXlsx(
        reply,
        `比对结果-${request.params.id}.xlsx`,
        await exportAgencyLines(deps, ctxOf(request), request.params.id, request.query),
      ),
  );
  api.post(
    '/api/agency-files/:id/apply',
    {
      config: write,
      schema: {
        tags,
        summary: '登记所选的行（未选：全部可登记的行）',
        params: idParam,
        body: applyAgencyLinesInput,
        response: { 200: jobAccepted },
      },
    },
    async (request) => submitApply(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/agency-files/:id/dismiss',
    {
      config: write,
      schema: { tags, summary: '忽略所选的行', params: idParam, body: dismissAgencyLinesInput, response: { 200: dismissAnswer } },
    },
    async (request) => dismissLines(deps, ctxOf(request), request.params.id, request.body),
  );
}
