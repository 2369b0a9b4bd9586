/**
 * The three clocks a stage deadline runs on (docs/rules.md "Clocks"):
 * - working days (工作日), from the holiday calendar: the n-th working day after the start day;
 * - calendar days (自然日), as 公示 counts them: the start day is day 1, so a 7-day notice begun on
 *   the 1st runs to the 7th and is due (over) on the 8th;
 * - a civil-law period (民法典 第二百零一条至第二百零三条): the start day is not counted, and a last day
 *   that is a rest day or a statutory holiday moves to the next working day.
 * A count that runs into a year whose holidays are not entered is provisional (暂按工作日推算).
 */
import { addDays } from '../../../shared/dates.js';
import { addWorkingDays, crossesUnenteredYear, isWorkingDay, type Deadline, type HolidayCalendar } from '../calendar/working-days.js';

export type { Deadline, HolidayCalendar } from '../calendar/working-days.js';
export { addWorkingDays } from '../calendar/working-days.js';

/** A stage's deadline from entering it, on one clock, with the rule it comes from. */
export type StageDeadline =
  { workingDays: number; source: string } | { calendarDays: number; source: string } | { civilDays: number; source: string };

/** What a deadline fixed by no rule says for its source; its number is dated policy data. */
export const PLATFORM_DEFAULT = '平台默认（可配置）';

/**
 * A period of `days` calendar days counted from `on` as a public notice counts it: `on` is its first
 * day, `lastDay` its last, `due` the day after (when it has ended). Never provisional.
 */
export function calendarDays(on: string, days: number): { due: string; lastDay: string } {
  return { due: addDays(on, days), lastDay: addDays(on, days - 1) };
}

/**
 * A period of `days` days under the Civil Code: counting starts the day after `on` (art. 201), and a
 * last day on a rest day or holiday is extended to the next working day (art. 203).
 */
export function civilPeriod(on: string, days: number, cal: HolidayCalendar): Deadline {
  let date = addDays(on, days);
  while (!isWorkingDay(date, cal)) date = addDays(date, 1);
  return { date, provisional: crossesUnenteredYear(on, date, cal) };
}

/** When a stage entered on `on` is due under `deadline`, and for a notice its last day. */
export interface StageDue {
  dueDate: string | null;
  provisional: boolean;
  /** The last day of a calendar-day period (the 公示's end); null on the other clocks. */
  noticeEnds: string | null;
}

export function dueFor(deadline: StageDeadline | null, on: string, cal: HolidayCalendar): StageDue {
  if (!deadline) return { dueDate: null, provisional: false, noticeEnds: null };
  if ('calendarDays' in deadline) {
    const p = calendarDays(on, deadline.calendarDays);
    return { dueDate: p.due, provisional: false, noticeEnds: p.lastDay };
  }
  const due = 'civilDays' in deadline ? civilPeriod(on, deadline.civilDays, cal) : addWorkingDays(on, deadline.workingDays, cal);
  return { dueDate: due.date, provisional: due.provisional, noticeEnds: null };
}

/** A deadline in words: 7 天, 15 个工作日, 30 日（民法典期间）. */
export function deadlineText(d: StageDeadline): string {
  if ('calendarDays' in d) return `${d.calendarDays} 天`;
  if ('civilDays' in d) return `${d.civilDays} 日（民法典期间）`;
  return `${d.workingDays} 个工作日`;
}
