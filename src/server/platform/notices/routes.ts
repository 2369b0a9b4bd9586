import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { shanghaiToday } from '../../../shared/dates.js';

export const publicNoticeInput = z.object({ divisionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择乡镇（街道）或村（社区）') });

/** The public page of a township or village: every running 公示 of every module, without a login. */
export function noticeRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/public/notices',
    { config: { access: 'public' }, schema: { tags: ['公示'], summary: '公示（按乡镇街道、村社区）', querystring: publicNoticeInput } },
    async (request) => deps.notices.running(request.query.divisionCode, shanghaiToday()),
  );
}
