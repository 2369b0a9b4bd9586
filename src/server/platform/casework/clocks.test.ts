import { describe, expect, it } from 'vitest';
import { calendarFromData, seededYears } from '../calendar/calendar.js';
import { calendarDays, civilPeriod, deadlineText, dueFor, PLATFORM_DEFAULT } from './clocks.js';

const cal = calendarFromData(seededYears);

describe('the clocks of a stage deadline', () => {
  it('civil period (民法典 art. 201): the start day is not counted', () => {
    expect(civilPeriod('2026-11-02', 1, cal)).toEqual({ date: '2026-11-03', provisional: false });
    expect(civilPeriod('2026-11-02', 30, cal)).toEqual({ date: '2026-12-02', provisional: false });
  });

  it('civil period (民法典 art. 203): a last day on a rest day or a holiday moves to the next working day', () => {
    // Saturday 2026-11-07 → Monday 2026-11-09.
    expect(civilPeriod('2026-11-06', 1, cal).date).toBe('2026-11-09');
    // 国庆节 2026-10-01…07 → Thursday 2026-10-08.
    expect(civilPeriod('2026-09-01', 30, cal).date).toBe('2026-10-08');
    // A weekend day worked instead of a holiday (调休上班, Saturday 2026-10-10) is a working day.
    expect(civilPeriod('2026-09-10', 30, cal).date).toBe('2026-10-10');
  });

  it('civil period: provisional when it runs into a year whose holidays are not entered (暂按工作日推算)', () => {
    expect(civilPeriod('2026-12-15', 30, cal)).toEqual({ date: '2027-01-14', provisional: true });
  });

  it('calendar days (公示): the start day is the first of the 7, the notice is over the day after its last', () => {
    expect(calendarDays('2026-11-02', 7)).toEqual({ lastDay: '2026-11-08', due: '2026-11-09' });
    expect(dueFor({ calendarDays: 7, source: '公示期为7天' }, '2026-11-02', cal)).toEqual({
      dueDate: '2026-11-09',
      provisional: false,
      noticeEnds: '2026-11-08',
    });
  });

  it('working days: the n-th working day after the start day, over holidays, provisional past the entered years', () => {
    expect(dueFor({ workingDays: 3, source: PLATFORM_DEFAULT }, '2026-09-30', cal)).toEqual({
      dueDate: '2026-10-10',
      provisional: false,
      noticeEnds: null,
    });
    expect(dueFor({ workingDays: 15, source: PLATFORM_DEFAULT }, '2026-12-25', cal).provisional).toBe(true);
    expect(dueFor({ civilDays: 30, source: '民法典' }, '2026-09-01', cal)).toEqual({
      dueDate: '2026-10-08',
      provisional: false,
      noticeEnds: null,
    });
    expect(dueFor(null, '2026-09-01', cal)).toEqual({ dueDate: null, provisional: false, noticeEnds: null });
  });

  it('a deadline in words names its clock', () => {
    expect(deadlineText({ calendarDays: 7, source: '' })).toBe('7 天');
    expect(deadlineText({ workingDays: 15, source: '' })).toBe('15 个工作日');
    expect(deadlineText({ civilDays: 30, source: '' })).toBe('30 日（民法典期间）');
  });
});
