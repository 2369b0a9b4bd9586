/**
 * Benefit records on persons (GET/POST /api/benefits, POST /api/benefits/:id/end): the contract both
 * sides hold (docs/api.md "Registry"). The routes declare these schemas, the web takes its types from here.
 */
import { z } from 'zod';
import { benefitSources, benefitTypes, keysOf } from '../registry-codes.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const benefitRow = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  type: z.string(),
  typeName: z.string(),
  monthlyAmountFen: z.number(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  source: z.string(),
  sourceName: z.string(),
  note: z.string().nullable(),
});
export type BenefitRow = z.infer<typeof benefitRow>;
export const benefitsAnswer = z.array(benefitRow);

export const listBenefitsInput = z.object({
  personId: z.coerce.number().int().positive().optional(),
  householdId: z.coerce.number().int().positive().optional(),
});

export const createBenefitInput = z
  .object({
    personId: z.number().int().positive(),
    type: z.enum(keysOf(benefitTypes)),
    monthlyAmountFen: z.number().int().min(0, '金额不能为负').max(100_000_000, '金额过大'),
    startMonth: month,
    endMonth: month.nullable().optional(),
    source: z.enum(keysOf(benefitSources)).default('manual'),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .refine((b) => !b.endMonth || b.endMonth >= b.startMonth, { path: ['endMonth'], message: '截止月份不能早于起始月份' });
export type CreateBenefitInput = z.infer<typeof createBenefitInput>;

export const endBenefitInput = z.object({ endMonth: month });
export type EndBenefitInput = z.infer<typeof endBenefitInput>;
