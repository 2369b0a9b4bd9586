import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { publicNoticeInput, publicNoticesAnswer } from '../../../shared/platform/notices.js';

/** The public page of a township or village: every running 公示 of every module, without a login. */
export function noticeRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/public/notices',
    {
      config: { access: 'public' },
      schema: {
        tags: ['公示'],
        summary: '公示（按乡镇街道、村社区）',
        querystring: publicNoticeInput,
        response: { 200: publicNoticesAnswer },
      },
    },
    async (request) => deps.notices.running(request.query.divisionCode, shanghaiToday()),
  );
}
