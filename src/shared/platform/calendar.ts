/**
 * The holiday calendar (GET/PUT /api/calendar/:year): the contract both sides hold. Deadlines count
 * working days from it (docs/rules.md "Clocks").
 */
import { z } from 'zod';

/** The shape of a year's schedule, as seeded and as entered on the calendar page. */
export const calendarYearInput = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().min(1, '请填写依据（通知名称和日期）').max(200),
  /** [first day, last day, name]: a holiday period. */
  offDays: z.array(z.tuple([z.string(), z.string(), z.string().trim().min(1).max(20)])).max(40),
  /** [day, name]: a weekend day worked (调休上班). */
  workDays: z.array(z.tuple([z.string(), z.string().trim().min(1).max(20)])).max(20),
});
export type CalendarYearData = z.infer<typeof calendarYearInput>;
/** PUT /api/calendar/:year: the year is the path's. */
export const saveCalendarYearInput = calendarYearInput.omit({ year: true });
export const calendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** A year as entered: each day off or worked with its name; `entered: false` where nobody has entered it yet. */
export const calendarYearAnswer = z.object({
  year: z.number(),
  entered: z.boolean(),
  source: z.string().nullable(),
  days: z.array(z.object({ day: z.string(), kind: z.enum(['off', 'work']), name: z.string() })),
});
export type CalendarYear = z.infer<typeof calendarYearAnswer>;
