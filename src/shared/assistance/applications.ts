/**
 * Applications for social assistance (申请): what the window (POST /api/assistance/cases) and the
 * portal (POST /api/portal/assistance, …/new-household) take, the form pre-filled from the registry
 * (GET /api/assistance/prefill), and the application as a case stores it (GET /api/assistance/cases/:id).
 * The contract both sides hold (docs/api.md "Social assistance"): the routes declare these schemas,
 * the web takes its types from here. Amounts are in 分.
 */
import { z } from 'zod';
import { hukouTypes, keysOf, relations } from '../registry-codes.js';
import { assistanceCategories, incomeKinds, temporaryTypes, type AssistanceCategory } from '../assistance-codes.js';
import { selfCareItems } from '../assistance-rules.js';
import { personName } from '../registry/persons.js';

const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数（分）`)
    .min(0, `${label}不能为负`)
    .max(100_000_000, `${label}过大`);

export const assistanceCategory = z.enum(keysOf(assistanceCategories));

/** A member's monthly income of one kind, as declared, found by the economic check or recorded with an entitlement. */
export const incomeItem = z.object({ kind: z.enum(keysOf(incomeKinds)), monthlyFen: z.number() });
export type IncomeItem = z.infer<typeof incomeItem>;

export const memberInput = z.object({
  personId: z.number().int().positive(),
  covered: z.boolean(),
  incomes: z
    .array(z.object({ kind: z.enum(keysOf(incomeKinds)), monthlyFen: fen('月收入') }))
    .max(20)
    .default([]),
  rigidCostsFen: fen('刚性支出').optional(),
  majorIllness: z.boolean().optional(),
});

/** The payee account, on the application and on 更正发放账户 (server: entitlements/account.ts). */
export const bankFields = {
  bankName: z.string().trim().min(2, '请填写开户银行').max(50),
  bankAccount: z
    .string()
    .trim()
    .regex(/^\d{8,30}$/, '银行账号应为 8–30 位数字'),
};

/** The application's own fields: everything but the household's members. */
const applicationFields = {
  category: z.enum(keysOf(assistanceCategories), { error: '请选择救助类别' }),
  temporaryType: z.enum(keysOf(temporaryTypes)).optional(),
  mostUrgent: z.boolean().optional(),
  assets: z
    .object({
      depositsFen: fen('存款'),
      vehicles: z.number().int().min(0).max(20).default(0),
      extraHouses: z.number().int().min(0).max(20).default(0),
    })
    .default({ depositsFen: 0, vehicles: 0, extraHouses: 0 }),
  reason: z.string().trim().min(4, '请填写申请理由').max(2000),
  singleCoverage: z.boolean().optional(),
  /** 特困: the self-care items the person cannot do (6-item assessment). */
  selfCareUnable: z
    .array(z.enum(keysOf(selfCareItems)))
    .max(6)
    .optional(),
  hasAbleSupporter: z.boolean().optional(),
  irregularIncome: z.boolean().optional(),
  requestedAmountFen: fen('申请金额').optional(),
  commitmentSigned: z.boolean(),
  checkAuthorised: z.boolean(),
  staffRelative: z.boolean().default(false),
  ...bankFields,
};

type ApplicationRules = {
  category: AssistanceCategory;
  temporaryType?: string;
  requestedAmountFen?: number;
  commitmentSigned: boolean;
  singleCoverage?: boolean;
  members: { covered: boolean }[];
};

/** The rules every application follows, whether its household is registered or proposed. */
function checkApplication(a: ApplicationRules, ctx: z.RefinementCtx): void {
  if (!a.commitmentSigned) ctx.addIssue({ code: 'custom', path: ['commitmentSigned'], message: '申请人须签署承诺书' });
  if (a.category === 'temporary' && !a.temporaryType)
    ctx.addIssue({ code: 'custom', path: ['temporaryType'], message: '请选择临时救助类型（急难型或支出型）' });
  if (a.category === 'temporary' && !a.requestedAmountFen)
    ctx.addIssue({ code: 'custom', path: ['requestedAmountFen'], message: '请填写申请救助金额' });
  if (a.category === 'tekun' && a.members.filter((m) => m.covered).length !== 1)
    ctx.addIssue({ code: 'custom', path: ['members'], message: '特困人员按个人认定：请只选择一名保障对象' });
  if (a.singleCoverage && a.members.filter((m) => m.covered).length !== 1)
    ctx.addIssue({ code: 'custom', path: ['members'], message: '单人保只能选择一名保障对象' });
}

export const applicationInput = z
  .object({
    ...applicationFields,
    householdId: z.number().int().positive(),
    applicantPersonId: z.number().int().positive(),
    members: z.array(memberInput).min(1, '请至少填写一名家庭成员').max(30),
  })
  .superRefine((a, ctx) => {
    checkApplication(a, ctx);
    if (new Set(a.members.map((m) => m.personId)).size !== a.members.length)
      ctx.addIssue({ code: 'custom', path: ['members'], message: '家庭成员重复' });
  });
export type ApplicationInput = z.infer<typeof applicationInput>;

/**
 * A member of a household the registry does not have yet, as the resident gives it on the portal:
 * the resident themself (`self`: name and ID number from their own record) or another person by
 * name and ID number, with the relation to the head and what the application declares for them.
 */
export const proposedMemberInput = memberInput.omit({ personId: true }).extend({
  self: z.boolean().default(false),
  name: personName.optional(),
  idNumber: z.string().trim().max(32).optional(),
  relation: z.enum(keysOf(relations), { error: '请选择与户主的关系' }),
});

/**
 * An online application by a resident whose household is not registered (一数一源: the household is
 * registered when a clerk accepts the case, server: cases/act.ts): the household's address and hukou
 * type, its members by name, ID number and relation, then the application as for a registered
 * household. Its division is the resident's own hukou village.
 */
export const newHouseholdApplicationInput = z
  .object({
    ...applicationFields,
    address: z.string().trim().min(2, '请填写家庭住址').max(200),
    hukouType: z.enum(keysOf(hukouTypes), { error: '请选择户口类型（城镇或农村）' }),
    members: z.array(proposedMemberInput).min(1, '请至少填写一名家庭成员').max(30),
  })
  .superRefine((a, ctx) => {
    checkApplication(a, ctx);
    const selves = a.members.filter((m) => m.self).length;
    if (selves !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '家庭成员中须包括申请人本人（只列一次）' });
    const heads = a.members.filter((m) => m.relation === 'head').length;
    if (heads !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: heads === 0 ? '请指定一名户主' : '一个家庭只能有一名户主' });
    a.members.forEach((m, i) => {
      if (m.self) return;
      if (!m.name) ctx.addIssue({ code: 'custom', path: ['members', i, 'name'], message: '请填写姓名' });
      if (!m.idNumber) ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: '请填写身份证号' });
    });
  });
export type NewHouseholdApplicationInput = z.infer<typeof newHouseholdApplicationInput>;

/**
 * The proposed household as stored with the application (the ID numbers apart, encrypted). After
 * the acceptance `householdId` names the household registered, and each member the person it
 * became, `created` or `linked` (already in the registry).
 */
export const proposedHousehold = z.object({
  divisionCode: z.string(),
  address: z.string(),
  hukouType: z.enum(keysOf(hukouTypes)),
  members: z.array(
    z.object({
      self: z.boolean(),
      name: z.string(),
      idNumberMasked: z.string(),
      sex: z.enum(['male', 'female']).nullable(),
      birthDate: z.string().nullable(),
      relation: z.enum(keysOf(relations)),
      personId: z.number().optional(),
      outcome: z.enum(['created', 'linked']).optional(),
    }),
  ),
  householdId: z.number().optional(),
  householdNo: z.string().optional(),
});
export type ProposedHousehold = z.infer<typeof proposedHousehold>;

/** A member as the application declares them: covered or not, incomes, rigid costs. */
export const applicationMember = z.object({
  personId: z.number(),
  covered: z.boolean(),
  incomes: z.array(incomeItem),
  rigidCostsFen: z.number().optional(),
  majorIllness: z.boolean().optional(),
});

/**
 * The application as a case stores it (the bank account is kept apart, encrypted). With a proposed
 * household, `householdId` is null and `members` is empty until the acceptance registers it: the
 * members' declarations wait in `pendingMembers`, in the proposal's order.
 */
export const storedApplication = z.object({
  category: assistanceCategory,
  temporaryType: z.enum(keysOf(temporaryTypes)).optional(),
  mostUrgent: z.boolean().optional(),
  householdId: z.number().nullable(),
  applicantPersonId: z.number(),
  members: z.array(applicationMember),
  assets: z.object({ depositsFen: z.number(), vehicles: z.number(), extraHouses: z.number() }),
  reason: z.string(),
  singleCoverage: z.boolean().optional(),
  selfCareUnable: z.array(z.enum(keysOf(selfCareItems))).optional(),
  hasAbleSupporter: z.boolean().optional(),
  irregularIncome: z.boolean().optional(),
  requestedAmountFen: z.number().optional(),
  commitmentSigned: z.boolean(),
  checkAuthorised: z.boolean(),
  staffRelative: z.boolean(),
  proposedHousehold: proposedHousehold.optional(),
  pendingMembers: z.array(applicationMember.omit({ personId: true })).optional(),
});
export type StoredApplicationAnswer = z.infer<typeof storedApplication>;

/** GET /api/assistance/prefill: the household whose form to fill, and the category applied for. */
export const prefillInput = z.object({ householdId: z.coerce.number().int().positive(), category: assistanceCategory });

/**
 * The application form as far as the registry fills it (一数一源): the household's members, the head
 * as applicant (none where the household has no members), their pensions as income.
 */
export const prefillAnswer = z.object({
  category: assistanceCategory,
  householdId: z.number(),
  applicantPersonId: z.number().optional(),
  members: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      relation: z.string().nullable(),
      covered: z.boolean(),
      incomes: z.array(incomeItem),
    }),
  ),
});
export type Prefill = z.infer<typeof prefillAnswer>;
