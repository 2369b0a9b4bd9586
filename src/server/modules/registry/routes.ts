import { registryStatsResponse } from '../../../shared/registry/stats.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf, ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import { idempotencyKey, readUpload } from '../../platform/http/upload.js';
import { okAnswer } from '../../../shared/paging.js';
import { jobAccepted } from '../../../shared/platform/jobs.js';
import {
  clearValues,
  confirmHukouInput,
  personDetail,
  personFilter,
  personInput,
  personRow,
  personsPage,
  searchPersonsInput,
  unmaskInput,
  updatePersonInput,
} from '../../../shared/registry/persons.js';
import {
  addMemberInput,
  createHouseholdInput,
  householdDetail,
  householdFilter,
  householdsPage,
  listHouseholdsInput,
  memberParams,
} from '../../../shared/registry/households.js';
import { benefitRow, benefitsAnswer, createBenefitInput, endBenefitInput, listBenefitsInput } from '../../../shared/registry/benefits.js';
import { importPersonsInput } from '../../../shared/registry/imports.js';
import { searchPersons } from './search-persons.js';
import { createPerson, openPerson, unmaskPerson, updatePerson } from './persons.js';
import { addMember, createHousehold, listHouseholds, openHousehold, removeMember } from './households.js';
import { createBenefit, endBenefit, listBenefits } from './benefits.js';
import { exportHouseholds, exportPersons, rosterTemplate } from './export.js';
import { submitPersonImport } from './import-persons.js';
import { registryStats } from './stats.js';
import { confirmHukou } from './confirm-hukou.js';
import { lifeEventRoutes } from './life-routes.js';
import { organisationRoutes } from './organisations/routes.js';
import { agencyFileRoutes } from './agency-files/routes.js';

const tags = ['人口与家庭库'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function registryRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'registry.read' as const };
  const write = { permission: 'registry.write' as const };
  lifeEventRoutes(app, deps);
  organisationRoutes(app, deps);
  agencyFileRoutes(app, deps);

  api.get(
    '/api/persons',
    { config: read, schema: { tags, summary: '查找人员', querystring: searchPersonsInput, response: { 200: personsPage } } },
    async (request) => searchPersons(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/persons/export',
    {
      config: { permission: 'registry.export' },
      schema: { tags, summary: '导出人员名单（xlsx）', querystring: personFilter, response: { 200: xlsxAnswer('人员名单') } },
    },
    async (request, reply) => sendXlsx(reply, '人员名单.xlsx', await exportPersons(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/persons/:id',
    { config: read, schema: { tags, summary: '人员详情', params: idParam, response: { 200: personDetail } } },
    async (request) => openPerson(deps, ctxOf(request), request.params.id),
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
        response: { 200: clearValues },
      },
    },
    async (request) => unmaskPerson(deps, ctxOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/households',
    { config: read, schema: { tags, summary: '查找家庭', querystring: listHouseholdsInput, response: { 200: householdsPage } } },
    async (request) => listHouseholds(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/households/export',
    {
      config: { permission: 'registry.export' },
      schema: { tags, summary: '导出家庭名单（xlsx）', querystring: householdFilter, response: { 200: xlsxAnswer('家庭名单') } },
    },
    async (request, reply) => sendXlsx(reply, '家庭名单.xlsx', await exportHouseholds(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/households/:id',
    { config: read, schema: { tags, summary: '家庭详情（成员与待遇）', params: idParam, response: { 200: householdDetail } } },
    async (request) => openHousehold(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/households',
    { config: write, schema: { tags, summary: '登记家庭', body: createHouseholdInput, response: { 200: householdDetail } } },
    async (request) => createHousehold(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/households/:id/members',
    { config: write, schema: { tags, summary: '添加家庭成员', params: idParam, body: addMemberInput, response: { 200: householdDetail } } },
    async (request) => addMember(deps, ctxOf(request), request.params.id, request.body),
  );
  api.delete(
    '/api/households/:id/members/:personId',
    {
      config: write,
      schema: {
        tags,
        summary: '移出家庭成员',
        params: memberParams,
        response: { 200: householdDetail },
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
        querystring: listBenefitsInput,
        response: { 200: benefitsAnswer },
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
    {
      config: { permission: 'benefit.write' },
      schema: { tags, summary: '终止待遇记录', params: idParam, body: endBenefitInput, response: { 200: okAnswer } },
    },
    async (request) => {
      await endBenefit(deps, ctxOf(request), request.params.id, request.body);
      return { ok: true } as const;
    },
  );

  api.get(
    '/api/imports/persons/template',
    {
      config: { permission: 'registry.import' },
      schema: { tags, summary: '下载人员花名册模板', response: { 200: xlsxAnswer('人员花名册模板') } },
    },
    async (request, reply) => sendXlsx(reply, '人员花名册模板.xlsx', await rosterTemplate(deps, ctxOf(request))),
  );
  api.post(
    '/api/imports/persons',
    {
      config: { permission: 'registry.import' },
      schema: {
        tags,
        summary: '导入人员花名册（multipart: file）',
        querystring: importPersonsInput,
        consumes: ['multipart/form-data'],
        response: { 200: jobAccepted },
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
