/**
 * Working days (工作日) for deadlines, from the holiday calendar an administrator maintains per
 * year (docs/rules.md "Clocks"): a day is a working day when it is a weekend day declared worked (调休), or a
 * weekday not declared off. A deadline that runs into a year whose calendar is not entered yet is
 * computed with weekdays only and marked provisional, so the UI can say so instead of guessing.
 */
import { addDays, weekday } from '../../../shared/dates.js';

export interface HolidayCalendar {
  /** Years whose schedule has been entered. */
  years: ReadonlySet<number>;
  /** Declared days off (holidays, including those falling on weekdays). */
  off: ReadonlySet<string>;
  /** Weekend days declared working days (调休上班). */
  work: ReadonlySet<string>;
}

export interface Deadline {
  date: string;
  /** The count crossed a year whose holiday calendar is not entered: weekdays only. */
  provisional: boolean;
}

export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.work.has(date)) return true;
  if (cal.off.has(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The date by which something due "within n working days" of `from` must happen: the n-th working
 * day after `from` (the day of receipt does not count). n = 0 is `from` itself.
 */
export function addWorkingDays(from: string, n: number, cal: HolidayCalendar): Deadline {
  let date = from;
  let provisional = !cal.years.has(Number(from.slice(0, 4)));
  for (let left = n; left > 0;) {
    date = addDays(date, 1);
    if (!cal.years.has(Number(date.slice(0, 4)))) provisional = true;
    if (isWorkingDay(date, cal)) left--;
  }
  return { date, provisional };
}

/**
 * Working days left from `today` until `due`: 0 when due today, negative when overdue (counting
 * the working days missed). Provisional as for addWorkingDays.
 */
export function workingDaysLeft(today: string, due: string, cal: HolidayCalendar): { days: number; provisional: boolean } {
  const [a, b, sign] = today <= due ? [today, due, 1] : [due, today, -1];
  let days = 0;
  let provisional = !cal.years.has(Number(a.slice(0, 4)));
  for (let date = a; date < b;) {
    date = addDays(date, 1);
    if (!cal.years.has(Number(date.slice(0, 4)))) provisional = true;
    if (isWorkingDay(date, cal)) days++;
  }
  return { days: sign * days, provisional };
}

/** Whether a deadline counted from `from` to `due` crossed a year whose holidays are not entered (provisional). */
export function crossesUnenteredYear(from: string, due: string, cal: HolidayCalendar): boolean {
  for (let y = Number(from.slice(0, 4)); y <= Number(due.slice(0, 4)); y++) if (!cal.years.has(y)) return true;
  return false;
}
