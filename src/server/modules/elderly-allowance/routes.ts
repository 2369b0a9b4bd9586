/** 高龄津贴's routes: wiring only, each to its use case (docs/api.md "高龄津贴 (old-age allowance)"). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';
import {
  allowanceDetail,
  allowancesPage,
  confirmInput,
  exportAllowancesInput,
  intakeAnswer,
  listAllowancesInput,
  refuseInput,
  reopenInput,
  resumeInput,
  statsAnswer,
  stopInput,
  statsInput,
  worklistInput,
  worklistPage,
} from '../../../shared/elderly-allowance/allowances.js';
import { exportAllowances, listAllowances, openAllowance, worklist } from './allowances.js';
import { confirmAllowance, refuseAllowance, reopenAllowance, resumeAllowance, stopAllowance } from './decide.js';
import { intake } from './intake.js';
import { allowanceStats, exportAllowanceStats } from './stats.js';

const tags = ['高龄津贴'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const read = { permission: 'elderly_allowance.read' as const };
const confirm = { permission: 'elderly_allowance.confirm' as const };

export function elderlyAllowanceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/elderly-allowance';
  api.get(
    `${base}/allowances`,
    { config: read, schema: { tags, summary: '高龄津贴对象', querystring: listAllowancesInput, response: { 200: allowancesPage } } },
    async (request) => listAllowances(deps, ctxOf(request), request.query),
  );
  api.get(
    `${base}/allowances/export`,
    {
      config: read,
      schema: { tags, summary: '导出高龄津贴名单', querystring: exportAllowancesInput, response: { 200: xlsxAnswer('高龄津贴名单') } },
    },
    async (request, reply) => {
      const f = await exportAllowances(deps, ctxOf(request), request.query);
      return sendXlsx(reply, f.name, f.content);
    },
  );
  api.get(
    `${base}/allowances/:id`,
    { config: read, schema: { tags, summary: '高龄津贴记录与历史', params: idParam, response: { 200: allowanceDetail } } },
    async (request) => openAllowance(deps, ctxOf(request), request.params.id),
  );
  api.get(
    `${base}/worklist`,
    { config: confirm, schema: { tags, summary: '待确认首次发放', querystring: worklistInput, response: { 200: worklistPage } } },
    async (request) => worklist(deps, ctxOf(request), request.query),
  );
  api.post(
    `${base}/intake`,
    { config: confirm, schema: { tags, summary: '生成待确认名单（本辖区新满 80 周岁的人员）', response: { 200: intakeAnswer } } },
    async (request) => intake(deps, ctxOf(request)),
  );
  api.post(
    `${base}/allowances/:id/confirm`,
    {
      config: confirm,
      schema: { tags, summary: '确认首次发放（含发放账户）', params: idParam, body: confirmInput, response: { 200: allowanceDetail } },
    },
    async (request) => confirmAllowance(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    `${base}/allowances/:id/refuse`,
    {
      config: confirm,
      schema: { tags, summary: '不予发放（须填写理由）', params: idParam, body: refuseInput, response: { 200: allowanceDetail } },
    },
    async (request) => refuseAllowance(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    `${base}/allowances/:id/reopen`,
    {
      config: confirm,
      schema: {
        tags,
        summary: '重新受理（不予发放后，须填写理由）',
        params: idParam,
        body: reopenInput,
        response: { 200: allowanceDetail },
      },
    },
    async (request) => reopenAllowance(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    `${base}/allowances/:id/stop`,
    {
      config: confirm,
      schema: { tags, summary: '停发（自所选月份起，须选择原因）', params: idParam, body: stopInput, response: { 200: allowanceDetail } },
    },
    async (request) => stopAllowance(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    `${base}/allowances/:id/resume`,
    {
      config: confirm,
      schema: {
        tags,
        summary: '恢复发放（乡镇停发的记录，自所选月份起）',
        params: idParam,
        body: resumeInput,
        response: { 200: allowanceDetail },
      },
    },
    async (request) => resumeAllowance(deps, ctxOf(request), request.params.id, request.body),
  );
  api.get(
    `${base}/stats`,
    { config: read, schema: { tags, summary: '高龄津贴统计（按区划和年龄段）', querystring: statsInput, response: { 200: statsAnswer } } },
    async (request) => allowanceStats(deps, ctxOf(request), request.query),
  );
  api.get(
    `${base}/stats/export`,
    {
      config: read,
      schema: { tags, summary: '导出高龄津贴统计（xlsx）', querystring: statsInput, response: { 200: xlsxAnswer('高龄津贴统计') } },
    },
    async (request, reply) => {
      const f = await exportAllowanceStats(deps, ctxOf(request), request.query);
      return sendXlsx(reply, f.name, f.content);
    },
  );
}
