import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import {
  divisionChildren,
  divisionChildrenInput,
  divisionDetail,
  divisionParams,
  divisionSearchAnswer,
  divisionSearchInput,
} from '../../../shared/divisions/tree.js';
import {
  changeParams,
  changeRecorded,
  changesPage,
  closeChangeInput,
  codeMapInput,
  codeMapPage,
  listChangesInput,
  recordChangeInput,
  reviewChangeInput,
} from '../../../shared/divisions/changes.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import { getDivision, listChildren, searchDivisions } from './queries.js';
import { recordChange } from './changes/record.js';
import { cancelChange, returnChange, reviewChange } from './changes/review.js';
import { codeMap, exportChanges, listChanges } from './changes/list.js';

const tags = ['行政区划'];

/**
 * The division tree is public data (the statistical division codes): readable without a login, so
 * the public notice page (公示) lets a visitor choose the township or village by name.
 */
export function divisionRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  api.get(
    '/api/divisions/children',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '下级行政区划',
        querystring: divisionChildrenInput,
        response: { 200: divisionChildren },
      },
    },
    async (request) => listChildren(db, request.query.parent),
  );

  api.get(
    '/api/divisions/search',
    {
      config: { access: 'public' },
      schema: { tags, summary: '按名称或代码查找行政区划', querystring: divisionSearchInput, response: { 200: divisionSearchAnswer } },
    },
    async (request) => searchDivisions(db, request.query.q),
  );

  // Dated divisions (区划变更, docs/rules.md "Dated divisions (区划变更)"): the administrator's.
  const manage = { permission: 'divisions.manage' as const };
  api.get(
    '/api/divisions/changes',
    { config: manage, schema: { tags, summary: '区划变更列表', querystring: listChangesInput, response: { 200: changesPage } } },
    async (request) => listChanges(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/divisions/changes/export',
    {
      config: manage,
      schema: {
        tags,
        summary: '导出区划变更（xlsx）',
        querystring: listChangesInput.omit({ page: true, pageSize: true }),
        response: { 200: xlsxAnswer('区划变更') },
      },
    },
    async (request, reply) => sendXlsx(reply, '区划变更.xlsx', await exportChanges(deps, ctxOf(request), request.query)),
  );
  api.post(
    '/api/divisions/changes',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记区划变更（更名、改码、拆分、合并；经另一管理员复核后，到生效日期自动改码）',
        body: recordChangeInput,
        response: { 200: changeRecorded },
      },
    },
    async (request) => recordChange(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/divisions/changes/:id/review',
    {
      config: manage,
      schema: {
        tags,
        summary: '复核通过区划变更（登记人以外的管理员；生效日期已到的立即改码）',
        params: changeParams,
        body: reviewChangeInput,
        response: { 200: changeRecorded },
      },
    },
    async (request) => reviewChange(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/divisions/changes/:id/return',
    {
      config: manage,
      schema: {
        tags,
        summary: '复核退回区划变更（填写原因，变更作废）',
        params: changeParams,
        body: closeChangeInput,
        response: { 200: changeRecorded },
      },
    },
    async (request) => returnChange(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/divisions/changes/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: '作废区划变更（待复核、待生效的；已生效的须登记相反的变更）',
        params: changeParams,
        body: closeChangeInput,
        response: { 200: changeRecorded },
      },
    },
    async (request) => cancelChange(deps, ctxOf(request), request.params.id, request.body),
  );
  api.get(
    '/api/divisions/code-map',
    { config: manage, schema: { tags, summary: '区划代码新旧对照', querystring: codeMapInput, response: { 200: codeMapPage } } },
    async (request) => codeMap(deps, ctxOf(request), request.query),
  );

  api.get(
    '/api/divisions/:code',
    {
      config: { access: 'public' },
      schema: { tags, summary: '行政区划详情', params: divisionParams, response: { 200: divisionDetail } },
    },
    async (request) => getDivision(db, request.params.code),
  );
}
