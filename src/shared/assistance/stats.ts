/**
 * GET /api/assistance/stats (and …/export, the same figures as .xlsx): the contract both sides hold.
 * Every figure counts what the same user may list (Z2); amounts in 分.
 */
import { z } from 'zod';
import { isMonth } from '../dates.js';

export const statsInput = z.object({ month: z.string().refine(isMonth, '月份格式应为 YYYY-MM').optional() });
export type StatsInput = z.infer<typeof statsInput>;

export const assistanceStatsAnswer = z.object({
  month: z.string(),
  /** Entitlements in force in the month, by county × category. */
  byCounty: z.array(
    z.object({
      countyCode: z.string(),
      countyName: z.string().nullable(),
      category: z.string(),
      categoryName: z.string(),
      households: z.number(),
      persons: z.number(),
      monthlyFen: z.number(),
    }),
  ),
  /**
   * The rolls of the last 12 months: paidFen what the bank confirmed (回盘成功), failedFen apart,
   * pendingFen not answered yet (未回盘, 补发 included).
   */
  spending: z.array(
    z.object({
      month: z.string(),
      category: z.string(),
      categoryName: z.string(),
      paidFen: z.number(),
      failedFen: z.number(),
      pendingFen: z.number(),
      lines: z.number(),
    }),
  ),
  borderlineHouseholds: z.number(),
  /** Persons by benefit type in force in the month (the categories of people in difficulty). */
  difficulty: z.array(z.object({ type: z.string(), typeName: z.string(), persons: z.number() })),
});
export type AssistanceStats = z.infer<typeof assistanceStatsAnswer>;
