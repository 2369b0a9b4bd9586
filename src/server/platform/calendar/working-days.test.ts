import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysLeft, type HolidayCalendar } from './working-days.js';
import { calendarFromData, seededYears } from './calendar.js';

const cal: HolidayCalendar = calendarFromData(seededYears);

describe('working days from the holiday calendar (docs/rules.md "Clocks")', () => {
  it('counts a weekend day worked under 调休 (2026-02-14, a Saturday) as a working day', () => {
    expect(isWorkingDay('2026-02-14', cal)).toBe(true);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true);
  });

  it('does not count declared holidays that fall on weekdays (2026-10-01 … 10-07)', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-10-07', cal)).toBe(false);
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
  });

  it('3 working days from Wednesday 2026-09-30 skip the National Day week and land on Saturday 10-10', () => {
    // 10-01…10-07 off, 10-08 (Thu) and 10-09 (Fri) count, 10-10 is a worked Saturday.
    expect(addWorkingDays('2026-09-30', 3, cal)).toEqual({ date: '2026-10-10', provisional: false });
  });

  it('10 working days across the Spring Festival from 2026-02-12', () => {
    // 02-13 (Fri), 02-14 (Sat worked), 02-15…23 off, then 02-24 … : 13,14,24,25,26,27,28(Sat worked),03-02,03,04
    expect(addWorkingDays('2026-02-12', 10, cal).date).toBe('2026-03-04');
  });

  it('a deadline that runs into 2027, whose calendar is not entered, is provisional and counts weekdays only', () => {
    const d = addWorkingDays('2026-12-28', 5, cal);
    expect(d).toEqual({ date: '2027-01-04', provisional: true });
    expect(addWorkingDays('2026-12-01', 5, cal).provisional).toBe(false);
  });

  it('working days left: positive before, 0 on the day, negative after the deadline', () => {
    expect(workingDaysLeft('2026-09-30', '2026-10-10', cal).days).toBe(3);
    expect(workingDaysLeft('2026-10-10', '2026-10-10', cal).days).toBe(0);
    expect(workingDaysLeft('2026-10-13', '2026-10-09', cal).days).toBe(-3);
  });
});
