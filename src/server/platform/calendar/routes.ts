import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { asc, and, eq, gte, lt } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { ctxOf } from '../http/guard.js';
import { audit } from '../audit/audit.js';
import { AppError } from '../errors.js';
import { CalendarError, saveYearInTx } from './calendar.js';
import { okAnswer } from '../../../shared/paging.js';
import { calendarYearAnswer, calendarYearParams, saveCalendarYearInput } from '../../../shared/platform/calendar.js';
import { calendarDays, calendarYears } from './schema.js';

const tags = ['节假日安排'];

export function calendarRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  api.get(
    '/api/calendar/:year',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '某年的节假日安排（未录入时 entered=false）',
        params: calendarYearParams,
        response: { 200: calendarYearAnswer },
      },
    },
    async (request) => {
      const { year } = request.params;
      const [entry] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
      const days = await db
        .select()
        .from(calendarDays)
        .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
        .orderBy(asc(calendarDays.day));
      return { year, entered: Boolean(entry), source: entry?.source ?? null, days };
    },
  );

  api.put(
    '/api/calendar/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags,
        summary: '录入某年的节假日安排',
        params: calendarYearParams,
        body: saveCalendarYearInput,
        response: { 200: okAnswer },
      },
    },
    async (request) => {
      const data = { ...request.body, year: request.params.year };
      try {
        await db.transaction(async (tx) => {
          await saveYearInTx(tx, data, ctxOf(request).actor?.userId ?? null);
          await audit(tx, ctxOf(request), {
            action: 'calendar.save',
            objectType: 'calendar_year',
            objectId: data.year,
            details: { offPeriods: data.offDays.length, workDays: data.workDays.length },
          });
        });
      } catch (err) {
        if (err instanceof CalendarError) throw AppError.field(err.field, err.message);
        throw err;
      }
      deps.calendar.invalidate();
      return { ok: true } as const;
    },
  );
}
