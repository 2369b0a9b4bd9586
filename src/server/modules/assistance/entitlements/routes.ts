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
  entitlementChanged,
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
import { entitlementTemplate, submitEntitlementImport } from '../entitlements/migrate.js';
import { idParam, read, tags } from '../http.js';

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
