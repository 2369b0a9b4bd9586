/** Routes of entitlements in force (动态管理): the list, one entitlement, its changes, and the roster migration. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../../platform/http/upload.js';
import { jobAccepted } from '../../../../shared/platform/jobs.js';
import {
  changeInput,
  changePayeeInput,
  entitlementChanged,
  payeeChanged,
  entitlementDetail,
  entitlementsPage,
  listEntitlementsInput,
  reviewAnswer,
  reviewInput,
  stopObjected,
  stopObjectionInput,
} from '../../../../shared/assistance/entitlements.js';
import { reviewEntitlement } from '../entitlements/review.js';
import { objectToStop } from '../entitlements/stop-notice.js';
import { listEntitlements, openEntitlement } from '../entitlements/list.js';
import { changeEntitlement } from '../entitlements/change.js';
import { changePayee } from '../entitlements/payee.js';
import { entitlementTemplate, submitEntitlementImport } from '../entitlements/migrate.js';
import { idParam, read, tags } from '../http.js';
import {
  pendingSupportModesInput,
  pendingSupportModesPage,
  supportModeChanged,
  supportModeChangeInput,
  supportModeConfirmInput,
} from '../../../../shared/assistance/support-mode.js';
import { changeSupportMode, confirmSupportMode, pendingSupportModes } from './support-mode.js';

export function entitlementRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/assistance/entitlements',
    {
      config: read,
      schema: {
        tags,
        summary: '救助对象（在享待遇，含复核日期）',
        querystring: listEntitlementsInput,
        response: { 200: entitlementsPage },
      },
    },
    async (request) => listEntitlements(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/assistance/entitlements/:id',
    { config: read, schema: { tags, summary: '待遇详情与变更记录', params: idParam, response: { 200: entitlementDetail } } },
    async (request) => openEntitlement(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/assistance/entitlements/:id/change',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '暂停、恢复或停发', params: idParam, body: changeInput, response: { 200: entitlementChanged } },
    },
    async (request) => changeEntitlement(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/payee',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '变更领取人（另一名保障的家庭成员及其账户）',
        params: idParam,
        body: changePayeeInput,
        response: { 200: payeeChanged },
      },
    },
    async (request) => changePayee(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/review',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '复核（重新核算，含渐退期）', params: idParam, body: reviewInput, response: { 200: reviewAnswer } },
    },
    async (request) => reviewEntitlement(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/stop-objection',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '登记终止公示异议（撤回停发，重新复核）',
        params: idParam,
        body: stopObjectionInput,
        response: { 200: stopObjected },
      },
    },
    async (request) => objectToStop(deps, ctxOf(request), request.params.id, request.body),
  );
  api.get(
    '/api/assistance/support-modes/pending',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '供养方式待确认（特困）',
        querystring: pendingSupportModesInput,
        response: { 200: pendingSupportModesPage },
      },
    },
    async (request) => pendingSupportModes(deps, ctxOf(request), request.query),
  );
  api.post(
    '/api/assistance/entitlements/:id/support-mode',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '变更供养方式（特困）',
        params: idParam,
        body: supportModeChangeInput,
        response: { 200: supportModeChanged },
      },
    },
    async (request) => changeSupportMode(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/assistance/entitlements/:id/support-mode/confirm',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '确认供养方式（特困）',
        params: idParam,
        body: supportModeConfirmInput,
        response: { 200: supportModeChanged },
      },
    },
    async (request) => confirmSupportMode(deps, ctxOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/assistance/imports/entitlements/template',
    {
      config: { permission: 'assistance.handle' },
      schema: { tags, summary: '下载救助对象迁移模板', response: { 200: xlsxAnswer('救助对象迁移模板') } },
    },
    async (_request, reply) => sendXlsx(reply, '救助对象迁移模板.xlsx', await entitlementTemplate()),
  );
  api.post(
    '/api/assistance/imports/entitlements',
    {
      config: { permission: 'assistance.handle' },
      schema: {
        tags,
        summary: '导入存量救助对象（multipart: file；后台任务）',
        consumes: ['multipart/form-data'],
        response: { 200: jobAccepted },
      },
    },
    async (request) =>
      submitEntitlementImport(deps, ctxOf(request), await readUpload(request, deps, ' .xlsx 文件'), idempotencyKey(request)),
  );
}
