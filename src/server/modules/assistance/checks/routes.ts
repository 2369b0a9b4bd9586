/** Routes of the household economic check (家庭经济状况核对) and the batch re-check. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../../platform/http/send-xlsx.js';
import { readUpload } from '../../../platform/http/upload.js';
import { okAnswer, pageInput } from '../../../../shared/paging.js';
import {
  caseCheckAnswer,
  decideInput,
  rechecksPage,
  recheckStarted,
  replyImported,
  replyInput,
  replyTemplateInput,
  startRecheckInput,
} from '../../../../shared/assistance/checks.js';
import { recheckResults, startBatchRecheck } from '../checks/recheck.js';
import {
  checkRequestFile,
  decideFinding,
  importCheckReply,
  openCheck,
  replyFileName,
  replyTemplate,
  requestFileName,
} from '../checks/check.js';
import { idParam, read, tags } from '../http.js';

export function checkRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/assistance/checks/request-file',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '导出家庭经济状况核对请求（全部待核对家庭成员；每次导出为一个批次）',
        response: { 200: xlsxAnswer('家庭经济状况核对请求（批次号另见响应头 x-check-batch）') },
      },
    },
    async (request, reply) => {
      const f = await checkRequestFile(deps, ctxOf(request));
      return sendXlsx(reply.header('x-check-batch', String(f.batchId)), requestFileName(f.batchId), f.content);
    },
  );
  api.get(
    '/api/assistance/checks/reply-template',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '下载部门核对回复模板（表头含批次号）',
        querystring: replyTemplateInput,
        response: { 200: xlsxAnswer('部门核对回复模板') },
      },
    },
    async (request, reply) =>
      sendXlsx(reply, replyFileName(request.query.agency, request.query.batch), await replyTemplate(request.query.agency)),
  );
  api.post(
    '/api/assistance/checks/replies',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '导入部门核对回复（multipart: file；xlsx 或 CSV，格式见 docs/economic-check.md）',
        querystring: replyInput,
        consumes: ['multipart/form-data'],
        response: { 200: replyImported },
      },
    },
    async (request) => importCheckReply(deps, ctxOf(request), request.query.agency, await readUpload(request, deps, '回复文件')),
  );
  api.post(
    '/api/assistance/rechecks',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '发起批量复核比对（到期复核或全部在享对象）', body: startRecheckInput, response: { 200: recheckStarted } },
    },
    async (request) => startBatchRecheck(deps, ctxOf(request), request.body),
  );
  api.get(
    '/api/assistance/rechecks',
    {
      config: read,
      schema: {
        tags,
        summary: '批量复核比对结果（核对发现与按核对结果测算的金额）',
        querystring: pageInput,
        response: { 200: rechecksPage },
      },
    },
    async (request) => recheckResults(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/:id/check',
    { config: read, schema: { tags, summary: '核对结果与发现', params: idParam, response: { 200: caseCheckAnswer } } },
    async (request) => openCheck(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/assistance/cases/:id/check/decisions',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '采用或不采用一项核对发现', params: idParam, body: decideInput, response: { 200: okAnswer } },
    },
    async (request) => decideFinding(deps, ctxOf(request), request.params.id, request.body),
  );
}
