/** The routes of the organisation registry (docs/api.md "Organisations"): wiring only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import { ctxOf } from '../../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../../platform/http/send-xlsx.js';
import { readUpload } from '../../../platform/http/upload.js';
import {
  addFosterFamilyInput,
  addOrganisationRoleInput,
  creditCodeAnswer,
  endDatedInput,
  fosterFamilyParams,
  fosterFamiliesAnswer,
  listOrganisationsInput,
  organisationDetail,
  organisationFilter,
  organisationHistory,
  organisationImportAnswer,
  organisationInput,
  organisationRoleParams,
  organisationRoleRow,
  organisationRow,
  organisationsPage,
  organisationStatusInput,
  updateOrganisationInput,
  validateCreditCodeInput,
} from '../../../../shared/registry/organisations.js';
import { listOrganisations } from './list.js';
import { exportOrganisations } from './export.js';
import { importOrganisations, organisationTemplate } from './import.js';
import { validateCreditCode } from './validate-credit-code.js';
import { openOrganisation } from './open.js';
import { createOrganisation } from './create.js';
import { updateOrganisation } from './update.js';
import { changeOrganisationStatus } from './status.js';
import { organisationHistoryOf } from './history.js';
import { addOrganisationRole, endOrganisationRole } from './roles.js';
import { addFosterFamily, endFosterFamily } from './foster-families.js';

const tags = ['组织机构'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function organisationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'organisation.read' as const };
  const manage = { permission: 'organisation.manage' as const };

  api.get(
    '/api/organisations',
    { config: read, schema: { tags, summary: '组织列表', querystring: listOrganisationsInput, response: { 200: organisationsPage } } },
    async (request) => listOrganisations(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/organisations/export',
    {
      config: read,
      schema: { tags, summary: '导出组织名单（xlsx）', querystring: organisationFilter, response: { 200: xlsxAnswer('组织名单') } },
    },
    async (request, reply) => sendXlsx(reply, '组织名单.xlsx', await exportOrganisations(deps, ctxOf(request), request.query)),
  );
  api.get(
    '/api/organisations/template',
    { config: manage, schema: { tags, summary: '下载组织导入模板', response: { 200: xlsxAnswer('组织导入模板') } } },
    async (_request, reply) => sendXlsx(reply, '组织导入模板.xlsx', await organisationTemplate()),
  );
  api.post(
    '/api/organisations/import',
    {
      config: manage,
      schema: {
        tags,
        summary: '导入组织（multipart: file；全部或全不）',
        consumes: ['multipart/form-data'],
        response: { 200: organisationImportAnswer },
      },
    },
    async (request) => {
      const file = await readUpload(request, deps, ' .xlsx 文件');
      return importOrganisations(deps, ctxOf(request), file.content);
    },
  );
  api.post(
    '/api/organisations/validate-credit-code',
    { config: read, schema: { tags, summary: '校验统一社会信用代码', body: validateCreditCodeInput, response: { 200: creditCodeAnswer } } },
    async (request) => validateCreditCode(deps, ctxOf(request), request.body),
  );
  api.get(
    '/api/organisations/:id',
    { config: read, schema: { tags, summary: '组织详情', params: idParam, response: { 200: organisationDetail } } },
    async (request) => openOrganisation(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/organisations',
    { config: manage, schema: { tags, summary: '登记组织', body: organisationInput, response: { 200: organisationRow } } },
    async (request) => createOrganisation(deps, ctxOf(request), request.body),
  );
  api.patch(
    '/api/organisations/:id',
    {
      config: manage,
      schema: { tags, summary: '修改组织', params: idParam, body: updateOrganisationInput, response: { 200: organisationRow } },
    },
    async (request) => updateOrganisation(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/organisations/:id/status',
    {
      config: manage,
      schema: {
        tags,
        summary: '变更组织状态（正常、注销、撤销）',
        params: idParam,
        body: organisationStatusInput,
        response: { 200: organisationRow },
      },
    },
    async (request) => changeOrganisationStatus(deps, ctxOf(request), request.params.id, request.body),
  );
  api.get(
    '/api/organisations/:id/history',
    { config: read, schema: { tags, summary: '组织变更历史', params: idParam, response: { 200: organisationHistory } } },
    async (request) => organisationHistoryOf(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/organisations/:id/roles',
    {
      config: manage,
      schema: { tags, summary: '增加平台角色', params: idParam, body: addOrganisationRoleInput, response: { 200: organisationRoleRow } },
    },
    async (request) => addOrganisationRole(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/organisations/:id/roles/:roleId/end',
    {
      config: manage,
      schema: {
        tags,
        summary: '终止平台角色',
        params: organisationRoleParams,
        body: endDatedInput,
        response: { 200: organisationRoleRow },
      },
    },
    async (request) => endOrganisationRole(deps, ctxOf(request), request.params.id, request.params.roleId, request.body),
  );
  api.post(
    '/api/organisations/:id/foster-families',
    {
      config: manage,
      schema: { tags, summary: '签约寄养家庭', params: idParam, body: addFosterFamilyInput, response: { 200: fosterFamiliesAnswer } },
    },
    async (request) => addFosterFamily(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/organisations/:id/foster-families/:fosterId/end',
    {
      config: manage,
      schema: { tags, summary: '终止家庭寄养', params: fosterFamilyParams, body: endDatedInput, response: { 200: fosterFamiliesAnswer } },
    },
    async (request) => endFosterFamily(deps, ctxOf(request), request.params.id, request.params.fosterId, request.body),
  );
}
