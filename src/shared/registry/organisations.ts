/**
 * The organisation registry (docs/rules.md "The organisation registry"; /api/organisations…): the
 * contract both sides hold (docs/api.md "Organisations"). The routes declare these schemas, the web
 * takes its types from here.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';
import { pageInput, pageSchema } from '../paging.js';
import { parseCreditCode } from '../validation/credit-code.js';
import { organisationLegalTypes, organisationRoleKinds, organisationStatuses, reportingPartnerKinds } from './organisation-codes.js';

const legalType = z.enum(keysOf(organisationLegalTypes));
const status = z.enum(keysOf(organisationStatuses));
const roleKind = z.enum(keysOf(organisationRoleKinds));
const partnerKind = z.enum(keysOf(reportingPartnerKinds));
const isoDate = (what: string) => z.iso.date(`${what}格式应为 YYYY-MM-DD`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${max} 个字`)
    .nullish()
    .transform((v) => v || null);

/** The message of a credit code that is not valid, naming the field: 统一社会信用代码校验位错误（…）. */
export function creditCodeProblem(input: string): string | null {
  const r = parseCreditCode(input);
  return r.ok ? null : `统一社会信用代码${r.message}`;
}

/** A credit code as typed, normalised (spaces, lowercase, full-width); empty is none. */
const creditCode = z
  .string()
  .trim()
  .max(40, '统一社会信用代码长度应为 18 位')
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const r = parseCreditCode(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `统一社会信用代码${r.message}` });
      return z.NEVER;
    }
    return r.code;
  });

export const organisationRoleRow = z.object({
  id: z.number(),
  role: roleKind,
  roleName: z.string(),
  partnerKind: partnerKind.nullable(),
  partnerKindName: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type OrganisationRoleRow = z.infer<typeof organisationRoleRow>;

export const organisationRow = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  platformNo: z.string().nullable(),
  legalType: legalType.nullable(),
  legalTypeName: z.string().nullable(),
  registrationAuthority: z.string().nullable(),
  legalRepName: z.string().nullable(),
  legalRepPersonId: z.number().nullable(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  status,
  statusName: z.string(),
  statusOn: z.string().nullable(),
  /** The roles held today, by name (志愿服务组织、慈善超市). */
  currentRoles: z.array(z.string()),
  version: z.number(),
});
export type OrganisationRow = z.infer<typeof organisationRow>;
export const organisationsPage = pageSchema(organisationRow);

export const fosterFamilyRow = z.object({
  id: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  headName: z.string().nullable(),
  divisionName: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type FosterFamilyRow = z.infer<typeof fosterFamilyRow>;
/** What a change of foster families answers: the organisation's foster families. */
export const fosterFamiliesAnswer = z.array(fosterFamilyRow);

/** GET /api/organisations/:id: the organisation, all its roles, its sub-organisations and foster families. */
export const organisationDetail = organisationRow.extend({
  roles: z.array(organisationRoleRow),
  children: z.array(organisationRow.pick({ id: true, name: true, platformNo: true, creditCode: true, status: true, statusName: true })),
  fosterFamilies: z.array(fosterFamilyRow),
});
export type OrganisationDetail = z.infer<typeof organisationDetail>;

export const organisationEventRow = z.object({
  id: z.number(),
  what: z.string(),
  whatName: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  username: z.string().nullable(),
  at: z.string(),
});
export type OrganisationEventRow = z.infer<typeof organisationEventRow>;
export const organisationHistory = z.array(organisationEventRow);

/** The list's filter, also the export's. */
export const organisationFilter = z.object({
  q: z.string().trim().max(64).optional(),
  legalType: legalType.optional(),
  role: roleKind.optional(),
  status: status.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
});
export type OrganisationFilter = z.infer<typeof organisationFilter>;
export const listOrganisationsInput = pageInput.extend(organisationFilter.shape);
export type ListOrganisationsInput = z.infer<typeof listOrganisationsInput>;

const organisationFields = {
  name: z.string().trim().min(2, '请填写组织名称').max(100, '组织名称最多 100 个字'),
  creditCode,
  legalType: legalType.nullish().transform((v) => v ?? null),
  registrationAuthority: optionalText(100),
  legalRepName: optionalText(50),
  legalRepPersonId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  address: optionalText(200),
  divisionCode: z.string().regex(/^\d{4,12}$/, '请选择所在区划'),
  parentId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
};

/** A registered organisation has its credit code and legal type; an unregistered team, its parent. */
function checkRegistration(o: { creditCode: string | null; legalType: string | null; parentId: number | null }, ctx: z.RefinementCtx) {
  if (o.creditCode && !o.legalType) ctx.addIssue({ code: 'custom', path: ['legalType'], message: '请选择法人类型' });
  if (!o.creditCode && o.legalType)
    ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '已登记的法人请填写统一社会信用代码；未登记的团队不选法人类型' });
  if (!o.creditCode && !o.parentId)
    ctx.addIssue({ code: 'custom', path: ['parentId'], message: '未登记的团队（无统一社会信用代码）须选择上级组织' });
}

export const organisationInput = z.object(organisationFields).superRefine(checkRegistration);
export type OrganisationInput = z.input<typeof organisationInput>;
export const updateOrganisationInput = z.object({ ...organisationFields, version: z.number().int() }).superRefine(checkRegistration);
export type UpdateOrganisationInput = z.input<typeof updateOrganisationInput>;

/** POST /api/organisations/:id/status: 正常, 注销 or 撤销, on a date, with the reason. */
export const organisationStatusInput = z.object({
  status,
  on: isoDate('日期'),
  reason: z.string().trim().min(2, '请填写变更原因').max(200),
  version: z.number().int(),
});
export type OrganisationStatusInput = z.infer<typeof organisationStatusInput>;

/** POST /api/organisations/:id/roles: a role from a date; a reporting partner says what it is. */
export const addOrganisationRoleInput = z
  .object({ role: roleKind, partnerKind: partnerKind.nullish().transform((v) => v ?? null), fromDate: isoDate('起始日期') })
  .superRefine((r, ctx) => {
    if (r.role === 'reporting_partner' && !r.partnerKind)
      ctx.addIssue({ code: 'custom', path: ['partnerKind'], message: '强制报告责任单位请选择单位类别（学校、医院或派出所）' });
    if (r.role !== 'reporting_partner' && r.partnerKind)
      ctx.addIssue({ code: 'custom', path: ['partnerKind'], message: '只有强制报告责任单位需要选择单位类别' });
  });
export type AddOrganisationRoleInput = z.input<typeof addOrganisationRoleInput>;
export const endDatedInput = z.object({ toDate: isoDate('终止日期') });
export type EndDatedInput = z.infer<typeof endDatedInput>;

/** POST /api/organisations/:id/foster-families: a registry household contracted from a date. */
export const addFosterFamilyInput = z.object({ householdId: z.number().int().positive('请选择寄养家庭'), fromDate: isoDate('签约日期') });
export type AddFosterFamilyInput = z.infer<typeof addFosterFamilyInput>;

export const organisationRoleParams = z.object({ id: z.coerce.number().int().positive(), roleId: z.coerce.number().int().positive() });
export const fosterFamilyParams = z.object({ id: z.coerce.number().int().positive(), fosterId: z.coerce.number().int().positive() });

/** POST /api/organisations/validate-credit-code. */
export const validateCreditCodeInput = z.object({
  code: z.string().max(60),
  /** The organisation being edited: its own code is not a duplicate. */
  organisationId: z.number().int().positive().optional(),
});
export type ValidateCreditCodeInput = z.infer<typeof validateCreditCodeInput>;
export const creditCodeAnswer = z.object({ valid: z.boolean(), message: z.string() });
export type CreditCodeAnswer = z.infer<typeof creditCodeAnswer>;

/** POST /api/organisations/import: all rows or none; the errors name the row and the field. */
export const organisationImportAnswer = z.object({
  imported: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type OrganisationImportAnswer = z.infer<typeof organisationImportAnswer>;

/** The columns of the import template and of the export, in order. */
export const organisationImportHeaders = [
  '名称',
  '统一社会信用代码',
  '法人类型',
  '登记管理机关',
  '法定代表人',
  '地址',
  '所在区划代码',
  '上级组织（信用代码或平台编号）',
  '平台角色',
  '强制报告单位类别',
] as const;
