/**
 * The holiday calendar as data: years entered by an administrator (2026 is seeded), read by every
 * deadline computation through a short cache that a write clears.
 */
import { asc, gte, lt, and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { addDays, isDate } from '../../../shared/dates.js';
import type { HolidayCalendar } from './working-days.js';
import { calendarDays, calendarYears } from './schema.js';
import data2026 from './data/2026.json' with { type: 'json' };
import type { CalendarYearData } from '../../../shared/platform/calendar.js';

export type { CalendarYearData };

export const seededYears: CalendarYearData[] = [data2026 as CalendarYearData];

/** Expands the periods to days; a day outside the year or out of order is a field error. */
export function expandYear(data: CalendarYearData): { day: string; kind: 'off' | 'work'; name: string }[] {
  const days: { day: string; kind: 'off' | 'work'; name: string }[] = [];
  const inYear = (d: string) => isDate(d) && d.startsWith(`${data.year}-`);
  data.offDays.forEach(([first, last, name], i) => {
    if (!inYear(first) || !inYear(last) || last < first)
      throw new CalendarError(`offDays.${i}`, `第 ${i + 1} 个假期的日期有误（须为 ${data.year} 年内、起止顺序正确）`);
    for (let d = first; d <= last; d = addDays(d, 1)) days.push({ day: d, kind: 'off', name });
  });
  data.workDays.forEach(([day, name], i) => {
    if (!inYear(day)) throw new CalendarError(`workDays.${i}`, `第 ${i + 1} 个调休上班日的日期有误（须为 ${data.year} 年内）`);
    days.push({ day, kind: 'work', name });
  });
  const seen = new Set<string>();
  for (const d of days) {
    if (seen.has(d.day)) throw new CalendarError('offDays', `${d.day} 重复出现`);
    seen.add(d.day);
  }
  return days;
}

export class CalendarError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function calendarFromData(years: CalendarYearData[]): HolidayCalendar {
  const off = new Set<string>();
  const work = new Set<string>();
  for (const y of years) for (const d of expandYear(y)) (d.kind === 'off' ? off : work).add(d.day);
  return { years: new Set(years.map((y) => y.year)), off, work };
}

/** Writes a year's schedule (replacing an earlier entry of that year). The caller owns the transaction. */
export async function saveYearInTx(tx: Db, data: CalendarYearData, userId: number | null): Promise<void> {
  const days = expandYear(data);
  await tx.delete(calendarDays).where(and(gte(calendarDays.day, `${data.year}-01-01`), lt(calendarDays.day, `${data.year + 1}-01-01`)));
  await tx.delete(calendarYears).where(eq(calendarYears.year, data.year));
  await tx.insert(calendarYears).values({ year: data.year, source: data.source, enteredBy: userId });
  if (days.length) await tx.insert(calendarDays).values(days);
}

/**
 * Reads the calendar, cached for a minute per process; `invalidate` after a write. Inside a
 * transaction pass it (`get(tx)`): on PGlite a read outside the open transaction waits for it forever.
 */
export class CalendarStore {
  private cached: { at: number; value: Promise<HolidayCalendar> } | null = null;

  constructor(private readonly db: Db) {}

  get(via: Db = this.db): Promise<HolidayCalendar> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > 60_000) {
      const value = this.load(via);
      value.catch(() => (this.cached = null));
      this.cached = { at: now, value };
    }
    return this.cached.value;
  }

  invalidate(): void {
    this.cached = null;
  }

  private async load(db: Db): Promise<HolidayCalendar> {
    const years = await db.select({ year: calendarYears.year }).from(calendarYears);
    const days = await db.select().from(calendarDays).orderBy(asc(calendarDays.day));
    return {
      years: new Set(years.map((y) => y.year)),
      off: new Set(days.filter((d) => d.kind === 'off').map((d) => d.day)),
      work: new Set(days.filter((d) => d.kind === 'work').map((d) => d.day)),
    };
  }
}

/** First start: the seeded years not yet entered. */
export async function seedCalendar(db: Db): Promise<void> {
  const have = new Set((await db.select({ year: calendarYears.year }).from(calendarYears)).map((y) => y.year));
  for (const y of seededYears) if (!have.has(y.year)) await db.transaction((tx) => saveYearInTx(tx, y, null));
}
