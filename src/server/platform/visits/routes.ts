/**
 * The routes of visits, one set per registered programme (/api/visits/<programme>/…) with the
 * permissions the programme declared, and the list of programmes (/api/visits). Wiring only: the use
 * cases are in visits.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { fileAnswer, sendXlsx, xlsxAnswer } from '../http/send-xlsx.js';
import { readUpload } from '../http/upload.js';
import {
  assignInput,
  divisionCountsAnswer,
  personParams,
  personVisitsAnswer,
  photoMimes,
  photoParams,
  photoUploaded,
  programmesAnswer,
  visitInput,
  visitListInput,
  visitPlansPage,
  visitRecorded,
  workersAnswer,
  workersInput,
} from '../../../shared/visits/visits.js';
import {
  assignWorker,
  divisionCounts,
  exportPlans,
  listPlans,
  listProgrammes,
  listWorkers,
  myWorklist,
  personVisits,
  readPhoto,
  recordVisit,
  uploadPhoto,
} from './visits.js';

const tags = ['探访'];

export function visitRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/visits',
    { config: { access: 'staff' }, schema: { tags, summary: '探访项目（本人可查看的）', response: { 200: programmesAnswer } } },
    async (request) => listProgrammes(deps, ctxOf(request)),
  );
  for (const p of deps.visits.all()) {
    const base = `/api/visits/${p.programme}`;
    const read = { permission: p.read };
    const visit = { permission: p.visit };
    const assign = { permission: p.assign };
    api.get(
      `${base}/mine`,
      { config: visit, schema: { tags, summary: `${p.name}：我的探访`, querystring: visitListInput, response: { 200: visitPlansPage } } },
      async (request) => myWorklist(deps, ctxOf(request), p, request.query),
    );
    api.get(
      `${base}/plans`,
      { config: read, schema: { tags, summary: `${p.name}：探访名单`, querystring: visitListInput, response: { 200: visitPlansPage } } },
      async (request) => listPlans(deps, ctxOf(request), p, request.query),
    );
    api.get(
      `${base}/plans/export`,
      {
        config: read,
        schema: { tags, summary: `${p.name}：导出探访名单`, querystring: visitListInput, response: { 200: xlsxAnswer('探访名单') } },
      },
      async (request, reply) => {
        const file = await exportPlans(deps, ctxOf(request), p, request.query);
        return sendXlsx(reply, file.name, file.content);
      },
    );
    api.get(
      `${base}/counts`,
      {
        config: read,
        schema: { tags, summary: `${p.name}：按区划统计`, querystring: visitListInput, response: { 200: divisionCountsAnswer } },
      },
      async (request) => divisionCounts(deps, ctxOf(request), p, request.query),
    );
    api.get(
      `${base}/workers`,
      {
        config: assign,
        schema: { tags, summary: `${p.name}：可分配的探访人员`, querystring: workersInput, response: { 200: workersAnswer } },
      },
      async (request) => listWorkers(deps, ctxOf(request), p, request.query.divisionCode),
    );
    api.get(
      `${base}/persons/:personId`,
      { config: read, schema: { tags, summary: `${p.name}：对象的探访记录`, params: personParams, response: { 200: personVisitsAnswer } } },
      async (request) => personVisits(deps, ctxOf(request), p, request.params.personId),
    );
    api.post(
      `${base}/persons/:personId/visits`,
      {
        config: visit,
        schema: { tags, summary: `${p.name}：登记探访`, params: personParams, body: visitInput, response: { 200: visitRecorded } },
      },
      async (request) => recordVisit(deps, ctxOf(request), p, request.params.personId, request.body),
    );
    api.post(
      `${base}/persons/:personId/photos`,
      {
        config: visit,
        schema: {
          tags,
          summary: `${p.name}：上传探访照片（multipart: file，JPG 或 PNG）`,
          params: personParams,
          consumes: ['multipart/form-data'],
          response: { 200: photoUploaded },
        },
      },
      async (request) => uploadPhoto(deps, ctxOf(request), p, request.params.personId, await readUpload(request, deps, '照片')),
    );
    api.post(
      `${base}/persons/:personId/assign`,
      {
        config: assign,
        schema: {
          tags,
          summary: `${p.name}：分配探访人员`,
          params: personParams,
          body: assignInput,
          response: { 200: personVisitsAnswer },
        },
      },
      async (request) => assignWorker(deps, ctxOf(request), p, request.params.personId, request.body),
    );
    api.get(
      `${base}/visits/:visitId/photos/:fileId`,
      {
        config: read,
        schema: {
          tags,
          summary: `${p.name}：探访照片`,
          params: photoParams,
          response: {
            200: {
              description: '探访照片（JPG 或 PNG）',
              content: Object.assign({}, ...photoMimes.map((m) => fileAnswer(m, '探访照片').content)) as Record<string, never>,
            },
          },
        },
      },
      async (request, reply) => {
        const f = await readPhoto(deps, ctxOf(request), p, request.params.visitId, request.params.fileId);
        return reply
          .header('content-type', f.mime)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .send(f.content);
      },
    );
  }
}
