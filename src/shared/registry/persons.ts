/**
 * Persons of the registry (GET/POST /api/persons, GET/PATCH /api/persons/:id, …/unmask,
 * …/confirm-hukou): the contract both sides hold (docs/api.md "Registry"). The routes declare these
 * schemas, the web takes its types from here. Sensitive fields come masked (Z5).
 */
import { z } from 'zod';
import { checkPersonName, normaliseNameTerm, unifyMiddleDots } from '../validation/person-name.js';
import { disabilityTypes, hukouTypes, keysOf } from '../registry-codes.js';
import { pageInput, pageSchema } from '../paging.js';
import { benefitRow } from './benefits.js';

const villageCode = z.string().regex(/^\d{12}$/, '请选择到村（社区）一级的区划');

/**
 * A person's name, for every schema that takes one (registry forms, household members, resident
 * sign-up): invisible characters refused, middle dots unified (the rule and its reasons:
 * shared/validation/person-name.ts; the roster import applies the same function per row).
 */
export const personName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(50, '姓名最多 50 个字')
  .superRefine((name, ctx) => {
    const checked = checkPersonName(name);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  })
  .overwrite(unifyMiddleDots);

/** A name search term (prefix), normalised like a stored name so 买买提•艾 finds 买买提·艾力. */
export const personNameTerm = z.string().trim().max(50).overwrite(normaliseNameTerm);

/** A person's fields as entered (POST /api/persons; a household's new member). */
export const personInput = z.object({
  name: personName,
  idNumber: z.string().trim().max(32).optional().nullable(),
  noIdReason: z.string().trim().max(200).optional().nullable(),
  sex: z.enum(['male', 'female']).optional().nullable(),
  birthDate: z.iso.date('出生日期格式应为 YYYY-MM-DD').optional().nullable(),
  phone: z.string().trim().max(20).optional().nullable(),
  hukouDivisionCode: villageCode,
  residenceDivisionCode: villageCode.optional().nullable(),
  // Required, never defaulted: a 社区 household saved as 农村 was paid the rural standard (issue 10).
  hukouType: z.enum(keysOf(hukouTypes), { error: `请选择城乡类别（${Object.values(hukouTypes).join('或')}）` }),
  disabilityType: z.enum(keysOf(disabilityTypes)).optional().nullable(),
  disabilityGrade: z.number().int().min(1).max(4).optional().nullable(),
  healthNotes: z.string().trim().max(2000).optional().nullable(),
});
export type PersonInput = z.infer<typeof personInput>;

/** PATCH /api/persons/:id: the same fields, partial, with the version the user saw (409 when it moved on). */
export const updatePersonInput = personInput.partial().extend({ version: z.number().int().optional() });
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

/** How a person is shown: sensitive fields masked, a damaged one as 数据校验失败 (D7), division names resolved. */
export const personRow = z.object({
  id: z.number(),
  platformId: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  noIdReason: z.string().nullable(),
  hukouDivisionCode: z.string(),
  hukouDivisionName: z.string().nullable(),
  /** The hukou is what the person said at sign-up, not yet confirmed by a clerk (待核实). */
  hukouUnverified: z.boolean(),
  residenceDivisionCode: z.string().nullable(),
  hukouType: z.enum(['urban', 'rural']),
  disabilityType: z.string().nullable(),
  disabilityGrade: z.number().nullable(),
  householdId: z.number().nullable(),
  relation: z.string().nullable(),
  /** The date of death once recorded (a 已故 tag on every page that shows the person). */
  diedOn: z.string().nullable(),
  /** The date the hukou moved out of the city (户口迁出): the person stays on record under the division they left, 已迁出. */
  movedOutOn: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  hasHealthNotes: z.boolean(),
  version: z.number(),
});
export type PersonRow = z.infer<typeof personRow>;

/** GET /api/persons/:id: the person, the household they belong to, their benefits. */
export const personDetail = personRow.extend({
  household: z
    .object({ id: z.number(), householdNo: z.string(), headName: z.string().nullable(), relation: z.string().nullable() })
    .nullable(),
  benefits: z.array(benefitRow),
});
export type PersonDetail = z.infer<typeof personDetail>;

/** The search's filter, also the export's: the same filter gives the same rows. */
export const personFilter = z.object({
  name: personNameTerm.optional(),
  idNumber: z.string().trim().max(32).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字')
    .optional(),
  householdId: z.coerce.number().int().positive().optional(),
});
export type PersonFilter = z.infer<typeof personFilter>;
export const searchPersonsInput = pageInput.extend(personFilter.shape);
export type SearchPersonsInput = z.infer<typeof searchPersonsInput>;
export const personsPage = pageSchema(personRow);

/** 查看原文: the reason is recorded in the audit log. */
export const unmaskInput = z.object({ reason: z.string().trim().min(2, '请说明查看原文的事由').max(200) });
export type UnmaskInput = z.infer<typeof unmaskInput>;
export const clearValues = z.object({ idNumber: z.string().nullable(), phone: z.string().nullable(), healthNotes: z.string().nullable() });
export type ClearValues = z.infer<typeof clearValues>;

/** 确认户籍地, with a correction where the check found another village or type. */
export const confirmHukouInput = z.object({
  version: z.number().int().min(1, '缺少版本号'),
  /** The village or community found on checking, where it differs from the one the person gave. */
  hukouDivisionCode: z
    .string()
    .regex(/^\d{12}$/, '请选择到村（社区）一级的户籍地')
    .optional(),
  hukouType: z.enum(keysOf(hukouTypes)).optional(),
});
export type ConfirmHukouInput = z.infer<typeof confirmHukouInput>;
