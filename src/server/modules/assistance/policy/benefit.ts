/**
 * The one rules module that computes what social assistance pays, with a readable explanation
 * ("924 × 3 − 1,200 = 1,572 元"). Pure: the caller looks up the standard in force and the policy
 * values for the month and the household's facts; the result and its inputs are stored together.
 * Sources: 最低生活保障审核确认办法 (2021), 特困人员认定办法 (2021); docs/rules.md "Benefit amounts".
 */
import { incomeKinds, type IncomeKind } from '../../../../shared/assistance-codes.js';
import { selfCareLevels, type SelfCareLevel } from '../../../../shared/assistance-rules.js';
import { yuanShort } from '../../../../shared/money.js';

export interface IncomeItem {
  kind: IncomeKind;
  monthlyFen: number;
}

export interface MemberFacts {
  personId: number;
  name: string;
  covered: boolean;
  incomes: IncomeItem[];
  /** Monthly rigid costs of illness or disability (因病因残刚性支出). */
  rigidCostsFen?: number;
}

export interface DibaoPolicy {
  excludedIncomeKinds: readonly IncomeKind[];
  /** Deducted from each member's wage income (capped at it): 就业成本扣减. */
  employmentCostDeductionFen: number;
  rigidCostDeduction: boolean;
  /** Banded payment: the first band whose `maxShortfallFen` is ≥ the shortfall gives the amount. */
  bandedAmounts: { maxShortfallFen: number; amountFen: number }[];
}

export interface IncomeFinding {
  countedFen: number;
  /** One line per item: what was counted, deducted or left out, and why. */
  lines: string[];
}

export interface BenefitResult {
  eligible: boolean;
  monthlyFen: number;
  breakdown: string;
  lines: string[];
}

/** Household income as the rules count it (收入核算). */
export function countIncome(members: readonly MemberFacts[], policy: DibaoPolicy): IncomeFinding {
  const lines: string[] = [];
  let counted = 0;
  for (const m of members) {
    for (const item of m.incomes) {
      if (item.monthlyFen <= 0) continue;
      if (policy.excludedIncomeKinds.includes(item.kind)) {
        lines.push(`${m.name} ${incomeKinds[item.kind]} ${yuanShort(item.monthlyFen)} 元：不计入家庭收入`);
        continue;
      }
      counted += item.monthlyFen;
      lines.push(`${m.name} ${incomeKinds[item.kind]} ${yuanShort(item.monthlyFen)} 元`);
    }
    const wage = m.incomes
      .filter((i) => i.kind === 'wage' && !policy.excludedIncomeKinds.includes('wage'))
      .reduce((s, i) => s + i.monthlyFen, 0);
    const employment = Math.min(wage, policy.employmentCostDeductionFen);
    if (employment > 0) {
      counted -= employment;
      lines.push(`${m.name} 就业成本扣减 −${yuanShort(employment)} 元`);
    }
    if (policy.rigidCostDeduction && (m.rigidCostsFen ?? 0) > 0) {
      counted -= m.rigidCostsFen!;
      lines.push(`${m.name} 因病因残刚性支出扣减 −${yuanShort(m.rigidCostsFen!)} 元`);
    }
  }
  return { countedFen: Math.max(0, counted), lines };
}

/**
 * 低保 = standard × members covered − counted household income, per month; or the band of that
 * shortfall where banded amounts are configured. `singleCoverage` (单人保): only the covered
 * person is counted, against their own income.
 */
export function computeDibao(input: {
  standardFen: number;
  members: readonly MemberFacts[];
  policy: DibaoPolicy;
  singleCoverage?: boolean;
}): BenefitResult {
  const covered = input.members.filter((m) => m.covered);
  const counted = input.singleCoverage ? covered : input.members;
  const income = countIncome(counted, input.policy);
  const gross = input.standardFen * covered.length;
  const shortfall = gross - income.countedFen;
  const formula = `${yuanShort(input.standardFen)} × ${covered.length} − ${yuanShort(income.countedFen)}`;
  const lines = [...income.lines, `计入家庭月收入 ${yuanShort(income.countedFen)} 元`];
  if (covered.length === 0) return { eligible: false, monthlyFen: 0, breakdown: '未选择保障对象', lines };
  if (shortfall <= 0) {
    return { eligible: false, monthlyFen: 0, breakdown: `${formula} = ${yuanShort(shortfall)} 元，家庭收入不低于保障标准`, lines };
  }
  const band = input.policy.bandedAmounts?.find((b) => shortfall <= b.maxShortfallFen);
  if (input.policy.bandedAmounts?.length) {
    const amount = band ? band.amountFen : input.policy.bandedAmounts.at(-1)!.amountFen;
    return {
      eligible: true,
      monthlyFen: amount,
      breakdown: `${formula} = ${yuanShort(shortfall)} 元，按分档发放 ${yuanShort(amount)} 元`,
      lines,
    };
  }
  return { eligible: true, monthlyFen: shortfall, breakdown: `${formula} = ${yuanShort(shortfall)} 元`, lines };
}

/**
 * 特困 = basic living standard + the care subsidy of the self-care level (`selfCareLevel`,
 * src/shared/assistance-rules.ts). Shortfall rule (补差):
 * benefits the person already receives of the listed types (a pension…) are deducted from the
 * basic living part, never from the care part.
 */
export function computeTekun(input: {
  basicFen: number;
  careFen: number;
  level: SelfCareLevel;
  otherBenefits: { name: string; monthlyFen: number }[];
}): BenefitResult {
  const other = input.otherBenefits.reduce((s, b) => s + b.monthlyFen, 0);
  const basic = Math.max(0, input.basicFen - other);
  const total = basic + input.careFen;
  const lines = [
    `基本生活费 ${yuanShort(input.basicFen)} 元`,
    ...input.otherBenefits.map((b) => `已享受${b.name} ${yuanShort(b.monthlyFen)} 元：补差扣减`),
    `照料护理补贴（${selfCareLevels[input.level]}）${yuanShort(input.careFen)} 元`,
  ];
  const basicPart = other > 0 ? `(${yuanShort(input.basicFen)} − ${yuanShort(other)})` : yuanShort(input.basicFen);
  return { eligible: true, monthlyFen: total, breakdown: `${basicPart} + ${yuanShort(input.careFen)} = ${yuanShort(total)} 元`, lines };
}

/**
 * 特困 conditions, all three (特困人员认定办法): no working ability (age ≥ 60, < 16, or a listed severe
 * disability), no income (below the 低保 standard, assets within limits), no legal supporter able to
 * support. Returns what fails, in Chinese; empty when all hold.
 */
export function tekunFailures(input: {
  ageYears: number;
  disabilityGrade: number | null;
  disabilityType: string | null;
  monthlyIncomeFen: number;
  dibaoStandardFen: number;
  assetsWithinLimits: boolean;
  hasAbleSupporter: boolean;
}): string[] {
  const failures: string[] = [];
  const severe =
    input.disabilityGrade !== null &&
    (input.disabilityGrade <= 2 ||
      (input.disabilityGrade === 3 && (input.disabilityType === 'intellectual' || input.disabilityType === 'mental')));
  if (!(input.ageYears >= 60 || input.ageYears < 16 || severe))
    failures.push('不符合无劳动能力条件（年满60周岁、未满16周岁或一二级残疾、三级智力精神残疾）');
  const income = tekunIncomeFailure(input.monthlyIncomeFen, input.dibaoStandardFen);
  if (income) failures.push(income);
  if (!input.assetsWithinLimits) failures.push('财产超过规定标准');
  if (input.hasAbleSupporter) failures.push('有具备赡养、抚养、扶养能力的法定义务人');
  return failures;
}

/** 特困's no-income condition: income below the 低保 standard (also what a re-review can check from incomes alone). */
export function tekunIncomeFailure(monthlyIncomeFen: number, dibaoStandardFen: number): string | null {
  return monthlyIncomeFen >= dibaoStandardFen
    ? `月收入 ${yuanShort(monthlyIncomeFen)} 元不低于低保标准 ${yuanShort(dibaoStandardFen)} 元`
    : null;
}

/** 低保边缘家庭: per-capita income above the 低保 standard but below factor × standard. */
export function isBorderline(perCapitaIncomeFen: number, standardFen: number, factor: number): boolean {
  return perCapitaIncomeFen > standardFen && perCapitaIncomeFen < standardFen * factor;
}

/**
 * 单人保: in a household with per-capita income below factor × standard, a person with a grade 1–2
 * disability (or grade 3 intellectual/mental) or a recognised major illness may be covered alone.
 */
export function singleCoverageFailure(input: {
  perCapitaIncomeFen: number;
  standardFen: number;
  factor: number;
  disabilityGrade: number | null;
  disabilityType: string | null;
  majorIllness: boolean;
}): string | null {
  if (input.perCapitaIncomeFen >= input.standardFen * input.factor) return `家庭人均收入不低于低保标准的 ${input.factor} 倍，不能单人保`;
  const severe =
    input.disabilityGrade !== null &&
    (input.disabilityGrade <= 2 ||
      (input.disabilityGrade === 3 && (input.disabilityType === 'intellectual' || input.disabilityType === 'mental')));
  if (!severe && !input.majorIllness) return '单人保须为一二级残疾、三级智力精神残疾或患重特大疾病的人员';
  return null;
}

/** 特困 basic living standard = 1.3 × 低保 standard, rounded up to the yuan (1,201.2 → 1,202). */
export function tekunBasicFromDibao(dibaoFen: number): number {
  return Math.ceil((dibaoFen * 13) / 10 / 100) * 100;
}
