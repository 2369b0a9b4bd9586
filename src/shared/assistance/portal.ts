/**
 * A resident's own applications on the portal (GET /api/portal/assistance/prefill, GET/POST
 * /api/portal/assistance, POST …/:id/resubmit): the contract both sides hold. The application's
 * fields are those of applications.ts; what a filed application answers is src/shared/portal/applications.ts.
 */
import { z } from 'zod';
import { hukouTypes, keysOf } from '../registry-codes.js';
import { assistanceCategory, incomeItem, prefillAnswer } from './applications.js';
import { caseStatus } from './cases.js';

export const portalPrefillInput = z.object({ category: assistanceCategory });

/**
 * The pre-fill of a resident whose household the registry does not have (`householdId: null`): the
 * resident as the first member, in their hukou village; the others they add by name and ID number.
 */
export const newHouseholdPrefill = z.object({
  category: assistanceCategory,
  householdId: z.null(),
  applicantPersonId: z.number(),
  newHousehold: z.object({ divisionCode: z.string(), divisionName: z.string().nullable(), hukouType: z.enum(keysOf(hukouTypes)) }),
  members: z.array(
    z.object({
      personId: z.number(),
      self: z.literal(true),
      name: z.string(),
      relation: z.literal('head'),
      covered: z.boolean(),
      incomes: z.array(incomeItem),
      idNumberMasked: z.string().nullable(),
      sex: z.enum(['male', 'female']).nullable(),
      birthDate: z.string().nullable(),
    }),
  ),
});
export type NewHouseholdPrefill = z.infer<typeof newHouseholdPrefill>;

/** GET /api/portal/assistance/prefill: the registered household's form (as at the window), or the household to propose. */
export const portalPrefillAnswer = z.union([prefillAnswer, newHouseholdPrefill]);
export type PortalPrefill = z.infer<typeof portalPrefillAnswer>;

/** One of the resident's applications, with what the township asked for (一次性告知) or the reason of a refusal. */
export const myCase = z.object({
  id: z.number(),
  caseNo: z.string(),
  category: assistanceCategory,
  categoryName: z.string(),
  status: caseStatus,
  statusName: z.string(),
  version: z.number(),
  createdAt: z.string(),
  /** Applied with the household proposed: the township checks and registers it when accepting. */
  householdProposed: z.boolean(),
  /** 一次性告知: what the township asked for, while it waits on the resident. */
  missing: z.string().nullable(),
  /** The reason of a refusal. */
  decision: z.string().nullable(),
});
export type MyCase = z.infer<typeof myCase>;
export const myCasesAnswer = z.array(myCase);

/** 已补正，重新提交: with the version the resident saw. */
export const resubmitInput = z.object({ version: z.number().int() });
