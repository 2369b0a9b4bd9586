import dayjs, { type Dayjs } from 'dayjs';
import { nextMonthStart } from './today';

/** Month pickers hold a dayjs; the API wants 'YYYY-MM'. */
export const toMonth = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : undefined);
export const fromMonth = (m: string | null | undefined) => (m ? dayjs(`${m}-01`) : undefined);
export const nextMonth = nextMonthStart;
