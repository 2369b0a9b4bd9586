/**
 * What an application records (申请): the household from the registry, the members covered, their
 * incomes and the household's assets, the reason, the signed commitment and the authorisation for
 * the economic check. `prefillApplication` fills the form from what the platform already knows
 * (一数一源): members, relations, hukou, disability and the benefits others already pay them.
 */
import { sql } from 'drizzle-orm';
import type { AssistanceCategory, IncomeKind } from '../../../../shared/assistance-codes.js';
import type { ApplicationInput, Prefill, ProposedHousehold } from '../../../../shared/assistance/applications.js';
import { rows, type Db } from '../../../platform/db/index.js';
import type { Actor } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { benefitsHeldIn, householdInScope, householdMembersOf } from '../../registry/read.js';
import { shanghaiToday, monthOf } from '../../../../shared/dates.js';
import { countyOf } from '../../../../shared/divisions.js';
import { leftOutOfDibaoIncome } from '../../../../shared/benefit-rules.js';

export type { ApplicationInput, NewHouseholdApplicationInput, ProposedHousehold } from '../../../../shared/assistance/applications.js';
/** The payee account's fields: entitlements/account.ts (更正发放账户) still takes them from here. */
export { bankFields } from '../../../../shared/assistance/applications.js';

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
    sql`select id, division_code, address from ${householdInScope(actor, householdId)} h`,
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
          ${benefitsHeldIn(sql`p.id`, month)} as benefits
        from ${householdMembersOf(householdId)} p order by (p.relation = 'head') desc, p.id`,
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
const benefitIncome: Record<string, IncomeKind> = { pension: 'pension' };

/**
 * The application form as far as the registry fills it: members, their existing benefits as income,
 * never one the benefit rules leave out of 低保 income (the child allowances: src/shared/benefit-rules.ts).
 */
export function prefill(facts: HouseholdFacts, category: AssistanceCategory): Prefill {
  const month = monthOf(shanghaiToday());
  const income = (type: string) => (leftOutOfDibaoIncome(type, month, countyOf(facts.divisionCode)) ? undefined : benefitIncome[type]);
  return {
    category,
    householdId: facts.id,
    applicantPersonId: facts.members.find((m) => m.relation === 'head')?.personId ?? facts.members[0]?.personId,
    members: facts.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      covered: category !== 'tekun',
      incomes: m.benefits.flatMap((b) => {
        const kind = income(b.type);
        return kind ? [{ kind, monthlyFen: b.monthlyFen }] : [];
      }),
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
