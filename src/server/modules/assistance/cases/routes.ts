/** Routes of cases: applying at the window and online (portal), the case file, actions, documents and printed forms. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import { actorOf, ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../../platform/http/upload.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { printables } from '../../../../shared/assistance-codes.js';
import { pageInput } from '../../../../shared/paging.js';
import { caseFiledAnswer } from '../../../../shared/portal/applications.js';
import { applicationInput, prefillAnswer, prefillInput } from '../../../../shared/assistance/applications.js';
import {
  actInput,
  caseActed,
  caseDetail,
  caseFilter,
  casesPage,
  listCasesInput,
  worklistAnswer,
} from '../../../../shared/assistance/cases.js';
import { caseDocumentsAnswer, documentMimes, documentParams, uploadedDocument } from '../../../../shared/assistance/documents.js';
import { myCasesAnswer, portalPrefillAnswer, portalPrefillInput, resubmitInput } from '../../../../shared/assistance/portal.js';
import { applyAtWindow, applyOnline, applyOnlineWithNewHousehold } from '../cases/apply.js';
import { newHouseholdApplicationInput } from '../../../../shared/assistance/applications.js';
import { loadHouseholdFacts, prefill } from '../cases/application.js';
import { act } from '../cases/act.js';
import { actions, type ActionCode } from '../cases/workflow.js';
import { listCases, openCase, worklist } from '../cases/cases.js';
import { exportCases } from '../cases/export.js';
import { documentKind, listDocuments, readDocument, uploadDocument } from '../cases/documents.js';
import { printCase } from '../cases/print.js';
import { myCases, myPrefill, resubmit } from '../cases/portal.js';
import { filesAnswer, idParam, pdfAnswer, read, sendInline, tags } from '../http.js';

export function caseRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/assistance/prefill',
    {
      config: { permission: 'assistance.apply' },
      schema: { tags, summary: '申请表预填（来自人口与家庭库）', querystring: prefillInput, response: { 200: prefillAnswer } },
    },
    async (request) =>
      prefill(await loadHouseholdFacts(deps.database.db, actorOf(request), request.query.householdId), request.query.category),
  );
  api.post(
    '/api/assistance/cases',
    {
      config: { permission: 'assistance.apply' },
      schema: { tags, summary: '窗口受理救助申请（Idempotency-Key）', body: applicationInput, response: { 200: caseFiledAnswer } },
    },
    async (request) => applyAtWindow(deps, ctxOf(request), request.body, idempotencyKey(request)),
  );
  api.get(
    '/api/assistance/cases',
    { config: read, schema: { tags, summary: '救助案件查询', querystring: listCasesInput, response: { 200: casesPage } } },
    async (request) => listCases(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/export',
    { config: read, schema: { tags, summary: '导出救助案件（xlsx）', querystring: caseFilter, response: { 200: xlsxAnswer('救助案件') } } },
    async (request, reply) => sendXlsx(reply, '救助案件.xlsx', await exportCases(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/assistance/worklist',
    { config: read, schema: { tags, summary: '我的待办（按期限排序）', querystring: pageInput, response: { 200: worklistAnswer } } },
    async (request) => worklist(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/:id',
    { config: read, schema: { tags, summary: '案件详情（含办理记录和可执行操作）', params: idParam, response: { 200: caseDetail } } },
    async (request) => openCase(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/assistance/cases/:id/actions/:action',
    {
      config: read,
      schema: {
        tags,
        summary: '办理操作（受理、核对、入户调查、审核、审批……）',
        params: idParam.extend({ action: z.enum(keysOf(Object.fromEntries(Object.entries(actions).map(([k, v]) => [k, v.label])))) }),
        body: actInput,
        response: { 200: caseActed },
      },
    },
    async (request) => act(deps, ctxOf(request), request.params.id, request.params.action as ActionCode, request.body),
  );
  api.post(
    '/api/assistance/cases/:id/documents',
    {
      config: { permission: 'assistance.apply' },
      schema: {
        tags,
        summary: '上传申请材料（multipart: file, kind）',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 200: uploadedDocument },
      },
    },
    async (request) => {
      const file = await readUpload(request, deps, '材料');
      return uploadDocument(deps, ctxOf(request), request.params.id, documentKind.catch('other').parse(file.fields.kind), file);
    },
  );
  api.get(
    '/api/assistance/cases/:id/documents',
    { config: read, schema: { tags, summary: '申请材料', params: idParam, response: { 200: caseDocumentsAnswer } } },
    async (request) => listDocuments(deps, ctxOf(request), request.params.id),
  );
  api.get(
    '/api/assistance/cases/:id/documents/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: '查看材料',
        params: documentParams,
        response: { 200: filesAnswer(documentMimes, '材料原件（JPG、PNG 图片或 PDF）') },
      },
    },
    async (request, reply) => {
      const d = await readDocument(deps, ctxOf(request), request.params.id, request.params.fileId);
      return sendInline(reply, d.mime, d.name, d.content);
    },
  );
  api.get(
    '/api/assistance/cases/:id/print/:doc',
    {
      config: read,
      schema: {
        tags,
        summary: '打印文书（PDF）',
        params: idParam.extend({ doc: z.enum(keysOf(printables)) }),
        response: { 200: pdfAnswer('申请审批表、入户调查记录或通知书') },
      },
    },
    async (request, reply) => {
      const pdf = await printCase(deps, ctxOf(request), request.params.id, request.params.doc);
      return sendInline(reply, 'application/pdf', pdf.name, pdf.content);
    },
  );

  api.get(
    '/api/portal/assistance/prefill',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '网上申请预填', querystring: portalPrefillInput, response: { 200: portalPrefillAnswer } },
    },
    async (request) => myPrefill(deps, ctxOf(request), request.query.category),
  );
  api.post(
    '/api/portal/assistance',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '网上申请（Idempotency-Key）', body: applicationInput, response: { 200: caseFiledAnswer } },
    },
    async (request) => applyOnline(deps, ctxOf(request), request.body, idempotencyKey(request)),
  );
  api.post(
    '/api/portal/assistance/new-household',
    {
      config: { access: 'resident' },
      schema: {
        tags,
        summary: '网上申请：家庭尚未登记的居民，连同家庭信息一并提交（受理时登记入库；Idempotency-Key）',
        body: newHouseholdApplicationInput,
        response: { 200: caseFiledAnswer },
      },
    },
    async (request) => applyOnlineWithNewHousehold(deps, ctxOf(request), request.body, idempotencyKey(request)),
  );
  api.post(
    '/api/portal/assistance/:id/documents',
    {
      config: { access: 'resident' },
      schema: {
        tags,
        summary: '上传申请材料（居民，multipart: file, kind）',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 200: uploadedDocument },
      },
    },
    async (request) => {
      const file = await readUpload(request, deps, '材料');
      return uploadDocument(deps, ctxOf(request), request.params.id, documentKind.catch('other').parse(file.fields.kind), file);
    },
  );
  api.get(
    '/api/portal/assistance',
    { config: { access: 'resident' }, schema: { tags, summary: '我的申请（状态、补正告知）', response: { 200: myCasesAnswer } } },
    async (request) => myCases(deps, ctxOf(request)),
  );
  api.post(
    '/api/portal/assistance/:id/resubmit',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '补正后重新提交', params: idParam, body: resubmitInput, response: { 200: caseActed } },
    },
    async (request) => resubmit(deps, ctxOf(request), request.params.id, request.body.version),
  );
}
