/** 志愿服务's routes: wiring only, each to its use case (docs/api.md "Volunteers (志愿服务)"). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import {
  correctInput,
  deregisterInput,
  listVolunteersInput,
  myVolunteerAnswer,
  portalRegisterInput,
  prefillAnswer,
  prefillInput,
  registerInput,
  teamsAnswer,
  volunteerDetail,
  volunteerFilter,
  volunteersPage,
} from '../../../shared/volunteers/volunteers.js';
import { correctVolunteer, deregisterVolunteer } from './correct.js';
import { exportVolunteers, listVolunteers } from './list.js';
import { openVolunteer } from './open.js';
import { myVolunteer, registerOnPortal } from './portal.js';
import { prefill, registerVolunteer } from './register.js';
import { listTeams } from './teams.js';

const tags = ['志愿服务'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'volunteers.read' as const };
const register = { permission: 'volunteers.register' as const };
const created = z.object({ id: z.number() });

export function volunteersRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/volunteers';
  api.get(
    base,
    { config: read, schema: { tags, summary: '志愿者名单', querystring: listVolunteersInput, response: { 200: volunteersPage } } },
    async (request) => listVolunteers(deps, ctxOf(request), request.query),
  );
  api.get(
    `${base}/export`,
    {
      config: { permission: 'volunteers.export' },
      schema: { tags, summary: '导出志愿者名单（xlsx）', querystring: volunteerFilter, response: { 200: xlsxAnswer('志愿者名单') } },
    },
    async (request, reply) => {
      const f = await exportVolunteers(deps, ctxOf(request), request.query);
      return sendXlsx(reply, f.name, f.content);
    },
  );
  api.get(
    `${base}/prefill`,
    { config: register, schema: { tags, summary: '注册前查看人口库信息', querystring: prefillInput, response: { 200: prefillAnswer } } },
    async (request) => prefill(deps, ctxOf(request), request.query.personId),
  );
  api.get(
    `${base}/teams`,
    { config: read, schema: { tags, summary: '可加入的志愿服务组织', response: { 200: teamsAnswer } } },
    async (request) => listTeams(deps, ctxOf(request)),
  );
  api.post(
    base,
    { config: register, schema: { tags, summary: '窗口登记志愿者', body: registerInput, response: { 200: created } } },
    async (request) => registerVolunteer(deps, ctxOf(request), request.body),
  );
  api.get(
    `${base}/:id`,
    { config: read, schema: { tags, summary: '志愿者信息与历史', params: idParam, response: { 200: volunteerDetail } } },
    async (request) => openVolunteer(deps, ctxOf(request), request.params.id),
  );
  api.patch(
    `${base}/:id`,
    {
      config: register,
      schema: { tags, summary: '更正志愿者信息', params: idParam, body: correctInput, response: { 200: volunteerDetail } },
    },
    async (request) => correctVolunteer(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    `${base}/:id/deregister`,
    {
      config: register,
      schema: { tags, summary: '注销志愿者（须填写原因）', params: idParam, body: deregisterInput, response: { 200: volunteerDetail } },
    },
    async (request) => deregisterVolunteer(deps, ctxOf(request), request.params.id, request.body),
  );
  api.get(
    '/api/portal/volunteer',
    { config: { access: 'resident' }, schema: { tags, summary: '我的志愿者注册', response: { 200: myVolunteerAnswer } } },
    async (request) => myVolunteer(deps, ctxOf(request)),
  );
  api.post(
    '/api/portal/volunteer',
    {
      config: { access: 'resident' },
      schema: { tags, summary: '居民注册志愿者（本人实名）', body: portalRegisterInput, response: { 200: myVolunteerAnswer } },
    },
    async (request) => registerOnPortal(deps, ctxOf(request), request.body),
  );
}
