/**
 * Dated policy values (src/server/platform/policy), the contract both sides hold: a module's
 * standards and parameters, each a value of a kind the module registered, for a county ('' = the
 * whole city) from an effective month, with who entered it and when. The routes are per module:
 * GET and POST /api/policy/<module>/values (docs/api.md "Dated policy").
 */
import { z } from 'zod';
import { isMonth } from '../dates.js';

export const policyMonth = z.string().refine(isMonth, '月份格式应为 YYYY-MM');
export const policyCounty = z
  .string()
  .regex(/^(\d{6})?$/, '县（市、区）代码应为 6 位，全市统一请留空')
  .default('');

/** A new value: in force from `effectiveMonth`, for the county (or the city); `value` is checked against its kind's schema. */
export const policyValueInput = z.object({
  kind: z.string({ error: '请选择类别' }).min(1, '请选择类别').max(100),
  countyCode: policyCounty,
  effectiveMonth: policyMonth,
  value: z.unknown(),
  note: z.string().trim().max(200).optional(),
});
export type PolicyValueInput = z.input<typeof policyValueInput>;

/** One value as entered. `current`: not replaced by a later entry for the same kind, county and month (history). */
export const policyValue = z.object({
  id: z.number(),
  kind: z.string(),
  /** The kind's name, as its module registered it. */
  kindName: z.string(),
  /** How the module groups its kinds (社会救助: standard, parameter). */
  group: z.string(),
  countyCode: z.string(),
  effectiveMonth: z.string(),
  value: z.unknown(),
  note: z.string().nullable(),
  current: z.boolean(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type PolicyValue = z.infer<typeof policyValue>;
export const policyValuesAnswer = z.array(policyValue);

/** What a write answers: the new entry, and the job the module started for it (a recomputation), if any. */
export const policyValueSaved = z.object({ id: z.number(), jobId: z.number().nullable() });
export type PolicyValueSaved = z.infer<typeof policyValueSaved>;
