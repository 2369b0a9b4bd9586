/**
 * The visit clock (docs/rules.md "Visits (探访)"): the due date is the last visit (or the plan's start)
 * plus the interval, in calendar days or in working days of the holiday calendar; overdue once the
 * Asia/Shanghai date is past it, 临期 within the near window.
 */
import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../../shared/dates.js';
import { frequencyText, intervalFor, visitFrequencyValue } from '../../../shared/visits/frequency.js';
import { calendarFromData, seededYears } from '../calendar/calendar.js';
import { dueOf } from './plans.js';

const cal = calendarFromData(seededYears);
const calendar = visitFrequencyValue.parse({ clock: 'calendar', days: 30 });
const working = visitFrequencyValue.parse({ clock: 'working', days: 5, nearDays: 2 });

describe('the visit clock', () => {
  it('counts calendar days from the last visit: a visit on 2026-03-01 every 30 days is due 2026-03-31', () => {
    expect(dueOf(calendar, '2026-03-01', 30, '2026-03-10', cal)).toEqual({
      dueDate: '2026-03-31',
      daysLeft: 21,
      state: 'ok',
      provisional: false,
    });
  });

  it('is 临期 within the near window and 超期 only once the date is past the due date', () => {
    expect(dueOf(calendar, '2026-03-01', 30, '2026-03-24', cal).state).toBe('near');
    expect(dueOf(calendar, '2026-03-01', 30, '2026-03-31', cal)).toMatchObject({ state: 'near', daysLeft: 0 });
    expect(dueOf(calendar, '2026-03-01', 30, '2026-04-01', cal)).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('counts working days over the 2026 National Day holiday: 5 working days from 2026-09-30 end on 2026-10-13', () => {
    // 2026: 10-01 … 10-07 off, 10-10 (Saturday) worked (国务院办公厅 2026 年节假日安排): 10-08, 10-09, 10-10, 10-12, 10-13.
    const due = dueOf(working, '2026-09-30', 5, '2026-09-30', cal);
    expect(due.dueDate).toBe('2026-10-13');
    expect(due.provisional).toBe(false);
    expect(dueOf(working, '2026-09-30', 5, addOne(due.dueDate), cal).state).toBe('overdue');
  });

  it('is overdue by the Asia/Shanghai date: at 2026-03-31T16:30Z it is already 1 April in 济宁', () => {
    const today = shanghaiToday(new Date('2026-03-31T16:30:00Z'));
    expect(today).toBe('2026-04-01');
    expect(dueOf(calendar, '2026-03-01', 30, today, cal).state).toBe('overdue');
    expect(dueOf(calendar, '2026-03-01', 30, shanghaiToday(new Date('2026-03-31T15:59:00Z')), cal).state).toBe('near');
  });

  it('marks a working-day count running into a year whose holidays are not entered as provisional', () => {
    expect(dueOf(working, '2030-01-02', 5, '2030-01-02', cal).provisional).toBe(true);
  });

  it('takes the interval of the first rule matching the category and risk, else the default', () => {
    const f = visitFrequencyValue.parse({
      clock: 'calendar',
      days: 30,
      rules: [
        { category: 'total', risk: 'high', days: 7 },
        { category: 'total', days: 15 },
        { risk: 'high', days: 10 },
      ],
    });
    expect(intervalFor(f, 'total', 'high')).toBe(7);
    expect(intervalFor(f, 'total', 'normal')).toBe(15);
    expect(intervalFor(f, 'self', 'high')).toBe(10);
    expect(intervalFor(f, 'self', 'normal')).toBe(30);
    expect(frequencyText(f, { categories: { total: '完全丧失' } })).toBe(
      '每 30 个自然日探访一次；完全丧失、high 7 个自然日；完全丧失 15 个自然日；high 10 个自然日；到期前 7 天为临期',
    );
  });

  it('refuses an interval of 0 days with a Chinese message', () => {
    const r = visitFrequencyValue.safeParse({ clock: 'calendar', days: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('间隔至少 1 天');
  });
});

function addOne(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
