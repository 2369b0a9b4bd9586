/**
 * Households (GET/POST /api/households, GET /api/households/:id, members): the contract both sides
 * hold (docs/api.md "Registry"). The routes declare these schemas, the web takes its types from here.
 */
import { z } from 'zod';
import { keysOf, relations } from '../registry-codes.js';
import { pageInput, pageSchema } from '../paging.js';
import { benefitRow } from './benefits.js';
import { personInput, personNameTerm, personRow } from './persons.js';

export const householdRow = z.object({
  id: z.number(),
  householdNo: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  address: z.string(),
  headName: z.string().nullable(),
  memberCount: z.number(),
});
export type HouseholdRow = z.infer<typeof householdRow>;

/** GET /api/households/:id (and what every change of a household answers): members and their benefits. */
export const householdDetail = householdRow.extend({ members: z.array(personRow), benefits: z.array(benefitRow) });
export type HouseholdDetail = z.infer<typeof householdDetail>;

/** The list's filter, also the export's. */
export const householdFilter = z.object({
  headName: personNameTerm.optional(),
  idNumber: z.string().trim().max(32).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
});
export type HouseholdFilter = z.infer<typeof householdFilter>;
export const listHouseholdsInput = pageInput.extend(householdFilter.shape);
export type ListHouseholdsInput = z.infer<typeof listHouseholdsInput>;
export const householdsPage = pageSchema(householdRow);

/** A member: a registered person, or a new one, with the relation to the head. */
export const memberInput = z.object({
  personId: z.number().int().positive().optional(),
  person: personInput.optional(),
  relation: z.enum(keysOf(relations)),
});
export type MemberInput = z.infer<typeof memberInput>;
export const addMemberInput = memberInput;
export const memberParams = z.object({ id: z.coerce.number().int().positive(), personId: z.coerce.number().int().positive() });

export const createHouseholdInput = z.object({
  divisionCode: z.string().regex(/^\d{12}$/, '请选择到村（社区）一级的区划'),
  address: z.string().trim().min(2, '请填写家庭住址').max(200),
  members: z.array(memberInput).min(1, '请至少添加一名家庭成员').max(30),
});
export type CreateHouseholdInput = z.infer<typeof createHouseholdInput>;
