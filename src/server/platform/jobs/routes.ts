import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { actorOf } from '../http/guard.js';
import { files, jobs } from '../db/schema.js';
import { AppError } from '../errors.js';
import { sendXlsx, xlsxAnswer } from '../http/send-xlsx.js';
import { jobAnswer } from '../../../shared/platform/jobs.js';

const tags = ['后台任务'];

/** A job is visible to the account that submitted it only. */
export function jobRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const idParam = z.object({ id: z.coerce.number().int().positive() });

  const load = async (id: number, userId: number) => {
    const [job] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.createdBy, userId)));
    if (!job) throw AppError.notFound('任务');
    return job;
  };

  api.get(
    '/api/jobs/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '任务进度', params: idParam, response: { 200: jobAnswer } } },
    async (request) => {
      const job = await load(request.params.id, actorOf(request).userId);
      const errorFileId = job.result?.errorFileId;
      const live = job.status === 'running' ? deps.jobs.liveProgress(job.id) : undefined;
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: live?.done ?? job.progress,
        total: live?.total ?? job.total,
        error: job.error,
        result: { ...(job.result ?? {}), errorFile: errorFileId ? `/api/jobs/${job.id}/errors.xlsx` : null },
      };
    },
  );

  api.get(
    '/api/jobs/:id/errors.xlsx',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '下载错误报告', params: idParam, response: { 200: xlsxAnswer('错误报告') } },
    },
    async (request, reply) => {
      const job = await load(request.params.id, actorOf(request).userId);
      const fileId = Number(job.result?.errorFileId ?? 0);
      const [file] = fileId ? await db.select().from(files).where(eq(files.id, fileId)) : [];
      if (!file) throw AppError.notFound('错误报告');
      return sendXlsx(reply, file.name, file.content);
    },
  );
}
