/**
 * What an application records (申请): the household from the registry, the members covered, their
 * incomes and the household's assets, the reason, the signed commitment and the authorisation for
 * the economic check. `prefillApplication` fills the form from what the platform already knows
 * (一数一源): members, relations, hukou, disability and the benefits others already pay them.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { hukouTypes, keysOf, relations } from '../../../../shared/registry-codes.js';
import { assistanceCategories, incomeKinds, temporaryTypes, type AssistanceCategory } from '../../../../shared/assistance-codes.js';
import { rows, type Db } from '../../../platform/db/index.js';
import type { Actor } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { householdScope } from '../../registry/households.js';
import { personName } from '../../registry/person-fields.js';
import { shanghaiToday, monthOf } from '../../../../shared/dates.js';
import { selfCareItems } from '../../../../shared/assistance-rules.js';

const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数（分）`)
    .min(0, `${label}不能为负`)
    .max(100_000_000, `${label}过大`);

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

/** The payee account, on the application and on 更正发放账户 (account.ts). */
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
 * registered when a clerk accepts the case, act.ts): the household's address and hukou type, its
 * members by name, ID number and relation, then the application as for a registered household.
 * Its division is the resident's own hukou village.
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
 * The proposed household as stored with the application (the ID numbers apart, encrypted, in
 * `assistance_cases.proposal_id_numbers_enc`, in the members' order). After the acceptance
 * `householdId` names the household registered, and each member the person it became.
 */
export interface ProposedHousehold {
  divisionCode: string;
  address: string;
  hukouType: 'urban' | 'rural';
  members: {
    self: boolean;
    name: string;
    idNumberMasked: string;
    sex: 'male' | 'female' | null;
    birthDate: string | null;
    relation: keyof typeof relations;
    /** Set by the acceptance: the registry person, and whether it was created or already there. */
    personId?: number;
    outcome?: 'created' | 'linked';
  }[];
  householdId?: number;
  householdNo?: string;
}

/**
 * What is stored in `assistance_cases.application` (the bank account is stored encrypted apart).
 * With a proposed household, `householdId` is null and `members` is empty until the acceptance
 * registers it: the members' declarations wait in `pendingMembers`, in the proposal's order.
 */
export type StoredApplication = Omit<ApplicationInput, 'bankAccount' | 'bankName' | 'householdId'> & {
  householdId: number | null;
  proposedHousehold?: ProposedHousehold;
  pendingMembers?: Omit<ApplicationInput['members'][number], 'personId'>[];
};

/** The case's registry household: every step after the acceptance has one. */
export function registeredHouseholdId(c: { householdId: number | null }): number {
  if (c.householdId === null) throw AppError.conflict('申请人的家庭尚未登记：请先核实申请表中的家庭信息并「受理」');
  return c.householdId;
}

export interface HouseholdFacts {
  id: number;
  divisionCode: string;
  address: string;
  members: {
    personId: number;
    name: string;
    relation: string | null;
    sex: string | null;
    birthDate: string | null;
    hukouType: 'urban' | 'rural';
    disabilityType: string | null;
    disabilityGrade: number | null;
    /** Benefit records in force this month, from every module and agency. */
    benefits: { type: string; monthlyFen: number }[];
  }[];
}

/** The household and its members as the registry has them (scoped: 404 outside the jurisdiction). */
export async function loadHouseholdFacts(db: Db, actor: Actor, householdId: number): Promise<HouseholdFacts> {
  const [h] = await rows<{ id: number | string; division_code: string; address: string }>(
    db,
    sql`select id, division_code, address from households where id = ${householdId} and ${householdScope(actor)}`,
  );
  if (!h) throw AppError.notFound('家庭');
  const month = monthOf(shanghaiToday());
  const members = await rows<{
    id: number | string;
    name: string;
    relation: string | null;
    sex: string | null;
    birth_date: string | null;
    hukou_type: 'urban' | 'rural';
    disability_type: string | null;
    disability_grade: number | null;
    benefits: { type: string; monthlyFen: number }[] | null;
  }>(
    db,
    sql`select p.id, p.name, p.relation, p.sex, p.birth_date::text as birth_date, p.hukou_type, p.disability_type, p.disability_grade,
          (select json_agg(json_build_object('type', b.type, 'monthlyFen', b.monthly_amount_fen)) from benefits b
            where b.person_id = p.id and b.start_month <= ${month} and (b.end_month is null or b.end_month >= ${month})) as benefits
        from persons p where p.household_id = ${householdId} order by (p.relation = 'head') desc, p.id`,
  );
  return {
    id: Number(h.id),
    divisionCode: h.division_code,
    address: h.address,
    members: members.map((m) => ({
      personId: Number(m.id),
      name: m.name,
      relation: m.relation,
      sex: m.sex,
      birthDate: m.birth_date,
      hukouType: m.hukou_type,
      disabilityType: m.disability_type,
      disabilityGrade: m.disability_grade,
      benefits: m.benefits ?? [],
    })),
  };
}

/** Benefit types the registry records that are income of the household (a pension is; assistance money is not). */
const benefitIncome: Record<string, z.infer<typeof memberInput>['incomes'][number]['kind']> = { pension: 'pension' };

/** The application form as far as the registry fills it: members, their existing benefits as income. */
export function prefill(facts: HouseholdFacts, category: AssistanceCategory) {
  return {
    category,
    householdId: facts.id,
    applicantPersonId: facts.members.find((m) => m.relation === 'head')?.personId ?? facts.members[0]?.personId,
    members: facts.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      covered: category !== 'tekun',
      incomes: m.benefits.filter((b) => benefitIncome[b.type]).map((b) => ({ kind: benefitIncome[b.type], monthlyFen: b.monthlyFen })),
    })),
  };
}

/** Every person named must be a member of the household (the registry is the one source). */
export function assertMembersOfHousehold(a: ApplicationInput, facts: HouseholdFacts): void {
  const ids = new Set(facts.members.map((m) => m.personId));
  if (!ids.has(a.applicantPersonId)) throw AppError.field('applicantPersonId', '申请人须为该家庭成员');
  const stranger = a.members.findIndex((m) => !ids.has(m.personId));
  if (stranger >= 0) throw AppError.field(`members.${stranger}.personId`, '所列人员不是该家庭成员，请先在人口与家庭库中调整家庭成员');
}
