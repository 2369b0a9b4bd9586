import { registryStatsResponse } from '../../../shared/registry/stats.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf, ctxOf } from '../../platform/http/guard.js';
import { pageSchema } from '../../platform/http/paging.js';
import { sendXlsx } from '../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../platform/http/upload.js';
import { personInput } from './person-fields.js';
import { personRow } from './person-row.js';
import { personFilter, searchPersons, searchPersonsInput } from './search-persons.js';
import { createPerson, openPerson, unmaskInput, unmaskPerson, updatePerson, updatePersonInput } from './persons.js';
import {
  addMember,
  addMemberInput,
  createHousehold,
  createHouseholdInput,
  householdFilter,
  householdRow,
  listHouseholds,
  listHouseholdsInput,
  openHousehold,
  removeMember,
} from './households.js';
import { benefitRow, createBenefit, createBenefitInput, endBenefit, endBenefitInput, listBenefits } from './benefits.js';
import { exportHouseholds, exportPersons, rosterTemplate } from './export.js';
import { importMode, submitPersonImport } from './import-persons.js';
import { registryStats } from './stats.js';
import { confirmHukou, confirmHukouInput } from './confirm-hukou.js';

const tags = ['人口与家庭库'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function registryRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'registry.read' as const };
  const write = { permission: 'registry.write' as const };

  api.get(
    '/api/persons',
    { config: read, schema: { tags, summary: '查找人员', querystring: searchPersonsInput, response: { 200: pageSchema(personRow) } } },
    async (request) => searchPersons(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/persons/export',
    { config: { permission: 'registry.export' }, schema: { tags, summary: '导出人员名单（xlsx）', querystring: personFilter } },
    async (request, reply) => sendXlsx(reply, '人员名单.xlsx', await exportPersons(deps, ctxOf(request), request.query)),
  );
  api.get('/api/persons/:id', { config: read, schema: { tags, summary: '人员详情', params: idParam } }, async (request) =>
    openPerson(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/persons',
    { config: write, schema: { tags, summary: '登记人员', body: personInput, response: { 200: personRow } } },
    async (request) => createPerson(deps, ctxOf(request), request.body),
  );
  api.patch(
    '/api/persons/:id',
    { config: write, schema: { tags, summary: '修改人员信息', params: idParam, body: updatePersonInput, response: { 200: personRow } } },
    async (request) => updatePerson(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/confirm-hukou',
    {
      config: write,
      schema: {
        tags,
        summary: '确认户籍地（居民注册时自报，待核实；可同时更正，记入审计）',
        params: idParam,
        body: confirmHukouInput,
        response: { 200: personRow },
      },
    },
    async (request) => confirmHukou(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/unmask',
    {
      config: { permission: 'registry.unmask' },
      schema: {
        tags,
        summary: '查看敏感信息原文（需说明事由，记入审计）',
        params: idParam,
        body: unmaskInput,
        response: { 200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable(), healthNotes: z.string().nullable() }) },
      },
    },
    async (request) => unmaskPerson(deps, ctxOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/households',
    { config: read, schema: { tags, summary: '查找家庭', querystring: listHouseholdsInput, response: { 200: pageSchema(householdRow) } } },
    async (request) => listHouseholds(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/households/export',
    { config: { permission: 'registry.export' }, schema: { tags, summary: '导出家庭名单（xlsx）', querystring: householdFilter } },
    async (request, reply) => sendXlsx(reply, '家庭名单.xlsx', await exportHouseholds(deps, ctxOf(request), request.query)),
  );
  api.get('/api/households/:id', { config: read, schema: { tags, summary: '家庭详情（成员与待遇）', params: idParam } }, async (request) =>
    openHousehold(deps, ctxOf(request), request.params.id),
  );
  api.post('/api/households', { config: write, schema: { tags, summary: '登记家庭', body: createHouseholdInput } }, async (request) =>
    createHousehold(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/households/:id/members',
    { config: write, schema: { tags, summary: '添加家庭成员', params: idParam, body: addMemberInput } },
    async (request) => addMember(deps, ctxOf(request), request.params.id, request.body),
  );
  api.delete(
    '/api/households/:id/members/:personId',
    {
      config: write,
      schema: {
        tags,
        summary: '移出家庭成员',
        params: z.object({ id: z.coerce.number().int().positive(), personId: z.coerce.number().int().positive() }),
      },
    },
    async (request) => removeMember(deps, ctxOf(request), request.params.id, request.params.personId),
  );

  api.get(
    '/api/benefits',
    {
      config: read,
      schema: {
        tags,
        summary: '待遇记录',
        querystring: z.object({
          personId: z.coerce.number().int().positive().optional(),
          householdId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.array(benefitRow) },
      },
    },
    async (request) => listBenefits(deps, actorOf(request), request.query),
  );
  api.post(
    '/api/benefits',
    {
      config: { permission: 'benefit.write' },
      schema: { tags, summary: '登记待遇记录', body: createBenefitInput, response: { 200: benefitRow } },
    },
    async (request) => createBenefit(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/benefits/:id/end',
    { config: { permission: 'benefit.write' }, schema: { tags, summary: '终止待遇记录', params: idParam, body: endBenefitInput } },
    async (request) => {
      await endBenefit(deps, ctxOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  api.get(
    '/api/imports/persons/template',
    { config: { permission: 'registry.import' }, schema: { tags, summary: '下载人员花名册模板' } },
    async (request, reply) => sendXlsx(reply, '人员花名册模板.xlsx', await rosterTemplate(deps, ctxOf(request))),
  );
  api.post(
    '/api/imports/persons',
    {
      config: { permission: 'registry.import' },
      schema: {
        tags,
        summary: '导入人员花名册（multipart: file）',
        querystring: z.object({ mode: importMode }),
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const file = await readUpload(request, deps, ' .xlsx 文件');
      return submitPersonImport(deps, ctxOf(request), file, request.query.mode, idempotencyKey(request));
    },
  );

  api.get(
    '/api/stats/registry',
    {
      config: { permission: 'stats.read' },
      schema: { tags, summary: '人口与家庭统计（按下一级行政区划）', response: { 200: registryStatsResponse } },
    },
    async (request) => registryStats(deps, ctxOf(request)),
  );
}
