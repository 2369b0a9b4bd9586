import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf, ctxOf } from '../../platform/http/guard.js';
import { pageInput } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../platform/http/upload.js';
import { keysOf } from '../../../shared/registry-codes.js';
import { assistanceCategories, printables } from '../../../shared/assistance-codes.js';
import { applicationInput, applyAtWindow, applyOnline } from './apply.js';
import { loadHouseholdFacts, prefill } from './application.js';
import { act, actInput } from './act.js';
import { actions, type ActionCode } from './workflow.js';
import { caseFilter, listCasesInput, listCases, openCase, worklist } from './cases.js';
import { exportCases } from './export.js';
import { documentKind, listDocuments, readDocument, uploadDocument } from './documents.js';
import { printCase } from './print.js';
import { addStandard, addStandardInput, listParameters, listStandards, setParameter, setParameterInput } from './standards.js';
import { approveRoll, listRolls, listRollsInput, rollLines, rollLinesInput, rollPdf, startRoll, startRollInput } from './rolls.js';
import { bankFile, importBankResult } from './bank.js';
import { accountInput, correctAccount } from './account.js';
import { myCases, myPrefill, resubmit } from './portal.js';
import { assistanceStats, exportStats, statsInput } from './stats.js';
import {
  changeEntitlement,
  changeInput,
  deathInput,
  listEntitlements,
  listEntitlementsInput,
  objectToStop,
  openEntitlement,
  reportDeath,
  reviewEntitlement,
  reviewInput,
  stopObjectionInput,
} from './manage.js';
import { recipientTemplate, submitRecipientImport } from './migrate.js';
import { recheckResults, startBatchRecheck, startRecheckInput } from './recheck.js';
import {
  agencyCode,
  checkRequestFile,
  decideFinding,
  decideInput,
  importCheckReply,
  openCheck,
  replyFileName,
  replyTemplate,
  requestFileName,
} from './check.js';

const tags = ['社会救助'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const category = z.enum(keysOf(assistanceCategories));

export function assistanceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'assistance.read' as const };

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

  api.get(
    '/api/assistance/prefill',
    {
      config: { permission: 'assistance.apply' },
      schema: {
        tags,
        summary: '申请表预填（来自人口与家庭库）',
        querystring: z.object({ householdId: z.coerce.number().int().positive(), category }),
      },
    },
    async (request) =>
      prefill(await loadHouseholdFacts(deps.database.db, actorOf(request), request.query.householdId), request.query.category),
  );
  api.post(
    '/api/assistance/cases',
    {
      config: { permission: 'assistance.apply' },
      schema: { tags, summary: '窗口受理救助申请（Idempotency-Key）', body: applicationInput },
    },
    async (request) => applyAtWindow(deps, ctxOf(request), request.body, idempotencyKey(request)),
  );
  api.get(
    '/api/assistance/cases',
    { config: read, schema: { tags, summary: '救助案件查询', querystring: listCasesInput } },
    async (request) => listCases(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/export',
    { config: read, schema: { tags, summary: '导出救助案件（xlsx）', querystring: caseFilter } },
    async (request, reply) => sendXlsx(reply, '救助案件.xlsx', await exportCases(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/assistance/worklist',
    { config: read, schema: { tags, summary: '我的待办（按期限排序）', querystring: pageInput } },
    async (request) => worklist(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/:id',
    { config: read, schema: { tags, summary: '案件详情（含办理记录和可执行操作）', params: idParam } },
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
      },
    },
    async (request) => act(deps, ctxOf(request), request.params.id, request.params.action as ActionCode, request.body),
  );
  api.post(
    '/api/assistance/cases/:id/documents',
    {
      config: { permission: 'assistance.apply' },
      schema: { tags, summary: '上传申请材料（multipart: file, kind）', params: idParam, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const file = await readUpload(request, deps, '材料');
      return uploadDocument(deps, ctxOf(request), request.params.id, documentKind.catch('other').parse(file.fields.kind), file);
    },
  );
  api.get(
    '/api/assistance/cases/:id/documents',
    { config: read, schema: { tags, summary: '申请材料', params: idParam } },
    async (request) => listDocuments(deps, ctxOf(request), request.params.id),
  );
  api.get(
    '/api/assistance/cases/:id/documents/:fileId',
    { config: read, schema: { tags, summary: '查看材料', params: idParam.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (request, reply) => {
      const d = await readDocument(deps, ctxOf(request), request.params.id, request.params.fileId);
      return reply
        .header('content-type', d.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(d.name)}`)
        .send(d.content);
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
      },
    },
    async (request, reply) => {
      const pdf = await printCase(deps, ctxOf(request), request.params.id, request.params.doc);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.name)}`)
        .send(pdf.content);
    },
  );

  api.get(
    '/api/assistance/checks/request-file',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '导出家庭经济状况核对请求（全部待核对家庭成员；每次导出为一个批次）' },
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
        querystring: z.object({ agency: agencyCode, batch: z.coerce.number().int().positive().optional() }),
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
        querystring: z.object({ agency: agencyCode }),
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => importCheckReply(deps, ctxOf(request), request.query.agency, await readUpload(request, deps, '回复文件')),
  );
  api.post(
    '/api/assistance/rechecks',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '发起批量复核比对（到期复核或全部在享对象）', body: startRecheckInput },
    },
    async (request) => startBatchRecheck(deps, ctxOf(request), request.body),
  );
  api.get(
    '/api/assistance/rechecks',
    { config: read, schema: { tags, summary: '批量复核比对结果（核对发现与按核对结果测算的金额）', querystring: pageInput } },
    async (request) => recheckResults(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/cases/:id/check',
    { config: read, schema: { tags, summary: '核对结果与发现', params: idParam } },
    async (request) => openCheck(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/assistance/cases/:id/check/decisions',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '采用或不采用一项核对发现', params: idParam, body: decideInput },
    },
    async (request) => decideFinding(deps, ctxOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/assistance/entitlements',
    { config: read, schema: { tags, summary: '救助对象（在享待遇，含复核日期）', querystring: listEntitlementsInput } },
    async (request) => listEntitlements(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/entitlements/:id',
    { config: read, schema: { tags, summary: '待遇详情与变更记录', params: idParam } },
    async (request) => openEntitlement(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/assistance/entitlements/:id/change',
    { config: { permission: 'assistance.handle' }, schema: { tags, summary: '暂停、恢复或停发', params: idParam, body: changeInput } },
    async (request) => changeEntitlement(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/account',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '更正发放账户（原账户脱敏留存于变更记录）', params: idParam, body: accountInput },
    },
    async (request) => correctAccount(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/review',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '复核（重新核算，含渐退期）', params: idParam, body: reviewInput },
    },
    async (request) => reviewEntitlement(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/stop-objection',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '登记终止公示异议（撤回停发，重新复核）', params: idParam, body: stopObjectionInput },
    },
    async (request) => objectToStop(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/death',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '登记家庭成员死亡（3个月内复核）', params: idParam, body: deathInput },
    },
    async (request) => reportDeath(deps, ctxOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/assistance/imports/recipients/template',
    { config: { permission: 'assistance.handle' }, schema: { tags, summary: '下载救助对象迁移模板' } },
    async (_request, reply) => sendXlsx(reply, '救助对象迁移模板.xlsx', await recipientTemplate()),
  );
  api.post(
    '/api/assistance/imports/recipients',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '导入存量救助对象（multipart: file；后台任务）', consumes: ['multipart/form-data'] },
    },
    async (request) => submitRecipientImport(deps, ctxOf(request), await readUpload(request, deps, ' .xlsx 文件'), idempotencyKey(request)),
  );

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

  api.get(
    '/api/assistance/stats',
    { config: { permission: 'stats.read' }, schema: { tags, summary: '社会救助统计（县区 × 类别 × 月份）', querystring: statsInput } },
    async (request) => assistanceStats(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/stats/export',
    { config: { permission: 'stats.read' }, schema: { tags, summary: '导出社会救助统计（xlsx）', querystring: statsInput } },
    async (request, reply) => sendXlsx(reply, '社会救助统计.xlsx', await exportStats(deps, ctxOf(request), request.query)),
  );

  api.get(
    '/api/portal/assistance/prefill',
    { config: { access: 'resident' }, schema: { tags, summary: '网上申请预填', querystring: z.object({ category }) } },
    async (request) => myPrefill(deps, ctxOf(request), request.query.category),
  );
  api.post(
    '/api/portal/assistance',
    { config: { access: 'resident' }, schema: { tags, summary: '网上申请（Idempotency-Key）', body: applicationInput } },
    async (request) => applyOnline(deps, ctxOf(request), request.body, idempotencyKey(request)),
  );
  api.post(
    '/api/portal/assistance/:id/documents',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '上传申请材料（居民，multipart: file, kind）', params: idParam, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const file = await readUpload(request, deps, '材料');
      return uploadDocument(deps, ctxOf(request), request.params.id, documentKind.catch('other').parse(file.fields.kind), file);
    },
  );
  api.get(
    '/api/portal/assistance',
    { config: { access: 'resident' }, schema: { tags, summary: '我的申请（状态、补正告知）' } },
    async (request) => myCases(deps, ctxOf(request)),
  );
  api.post(
    '/api/portal/assistance/:id/resubmit',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '补正后重新提交', params: idParam, body: z.object({ version: z.number().int() }) },
    },
    async (request) => resubmit(deps, ctxOf(request), request.params.id, request.body.version),
  );
}
