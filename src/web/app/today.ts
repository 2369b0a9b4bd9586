/**
 * "Today" in the browser is the Beijing date (docs/rules.md "Dates": every date shown is Asia/Shanghai),
 * whatever time zone the computer is set to: defaults of date pickers, "not in the future" checks,
 * printed dates. dayjs values here are local midnight of that calendar date, as pickers expect.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { addMonths, monthOf, shanghaiToday } from '../../shared/dates';

export const today = (): Dayjs => dayjs(shanghaiToday());

/** 'YYYY-MM' of this Beijing month. */
export const thisMonth = (): string => monthOf(shanghaiToday());

/** The first day of next month (Beijing). */
export const nextMonthStart = (): Dayjs => dayjs(`${addMonths(thisMonth(), 1)}-01`);

/** For a DatePicker's disabledDate: a day after today (Beijing). */
export const afterToday = (d: Dayjs): boolean => d.isAfter(today(), 'day');
