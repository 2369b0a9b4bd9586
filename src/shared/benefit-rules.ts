/**
 * Benefits the law does not allow one person at once, as a declared table (docs/rules.md "The benefit
 * ledger"): 社会救助暂行办法 第十四条 and 特困人员认定办法 — a person supported as 特困 is not also covered
 * by 低保. The ledger (src/server/modules/registry/ledger.ts) refuses a record that breaks a pair.
 */
import { benefitTypes } from './registry-codes.js';

type BenefitType = keyof typeof benefitTypes;

export const exclusivePairs = [['dibao', 'tekun']] as const;

/** How the refusal names each benefit of a pair. */
export const exclusiveNames: Record<string, string> = { dibao: '低保', tekun: '特困供养' };

/** The benefit types a person holding `type` may not also hold. */
export function excludedBy(type: string): string[] {
  return exclusivePairs.flatMap(([a, b]) => (a === type ? [b] : b === type ? [a] : []));
}

/** The refusal: who already holds which benefit, and the pair it breaks. */
export function exclusionMessage(names: string[], held: string, type: string): string {
  const pair = exclusivePairs.find(([a, b]) => (a === held && b === type) || (b === held && a === type)) ?? [held, type];
  return `${names.join('、')} 正在享受${exclusiveNames[held] ?? held}：同一人不能同时享受${pair.map((t) => exclusiveNames[t] ?? t).join('和')}，请先办理原待遇的调整或停发`;
}

/**
 * 补差 and 就高 as dated policy data (docs/rules.md "The benefit ledger"), per benefit a person takes:
 * what is deducted from it for what the person already holds (补差), what the person no longer holds
 * once they take it (就高: it replaces the other), what is never offset against it, and whether it
 * counts as income when the household's 低保 is computed. A version is in force from its
 * `effectiveFrom` month until the next one; a county's own policy overrides what it names
 * (`counties`, by its 6-digit code). Pure data and pure functions: the browser shows the same rules.
 */
export type OffsetRule =
  | 'child_allowance_shortfall'
  | 'child_allowance_replaces_tekun'
  | 'child_allowance_replaces_disability_living'
  | 'disability_care_never_offset'
  | 'child_allowance_not_dibao_income';

/** Each rule in words, with where it comes from (the platform's default policy: no national text is in the repository). */
export const offsetRules: Record<OffsetRule, { name: string; source: string }> = {
  child_allowance_shortfall: {
    name: '孤儿、事实无人抚养儿童基本生活费与低保补差发放：扣减该儿童的低保人均份额（家庭低保金 ÷ 保障人数）',
    source: '平台默认（可配置）',
  },
  child_allowance_replaces_tekun: {
    name: '领取孤儿、事实无人抚养儿童基本生活费的未成年人不再享受特困供养（就高，基本生活费替代供养）',
    source: '平台默认（可配置）',
  },
  child_allowance_replaces_disability_living: {
    name: '领取孤儿、事实无人抚养儿童基本生活费的未成年人不再享受困难残疾人生活补贴（就高）',
    source: '平台默认（可配置）',
  },
  disability_care_never_offset: { name: '重度残疾人护理补贴不与任何待遇相互抵扣', source: '平台默认（可配置）' },
  child_allowance_not_dibao_income: {
    name: '孤儿、事实无人抚养儿童基本生活费不计入家庭低保收入',
    source: '平台默认（可配置）',
  },
};

/** What a benefit's taker has deducted, loses and keeps, in force from a month. */
export interface OffsetPolicy {
  /** The first month (YYYY-MM) the version applies. */
  effectiveFrom: string;
  /**
   * 补差: the held benefits deducted from this one's amount; `per_covered_member`: a household benefit's
   * share of the person (its amount ÷ the members it covers), `whole`: the person's own record.
   */
  shortfall: readonly { type: BenefitType; share: 'per_covered_member' | 'whole'; rule: OffsetRule }[];
  /** 就高: the held benefits the person no longer receives on taking this one. */
  replaces: readonly { type: BenefitType; rule: OffsetRule }[];
  /** The held benefits never offset against this one, whatever the lists above say. */
  neverOffset: readonly { type: BenefitType; rule: OffsetRule }[];
  /** Whether it counts as household income when 低保 is computed (and the rule that says it does not). */
  dibaoIncome: { counted: boolean; rule?: OffsetRule };
  /** A county's own policy (by its 6-digit code): the parts it names replace the version's. */
  counties?: Readonly<Record<string, Partial<Omit<OffsetPolicy, 'effectiveFrom' | 'counties'>>>>;
}

/** The child allowances (基本生活费): taken by minors only, instead of the support they replace. */
export const childAllowances = ['orphan', 'unsupported_child'] as const satisfies readonly BenefitType[];

const childAllowance: OffsetPolicy = {
  effectiveFrom: '2024-01',
  shortfall: [{ type: 'dibao', share: 'per_covered_member', rule: 'child_allowance_shortfall' }],
  replaces: [
    { type: 'tekun', rule: 'child_allowance_replaces_tekun' },
    { type: 'disability_living', rule: 'child_allowance_replaces_disability_living' },
  ],
  neverOffset: [{ type: 'disability_care', rule: 'disability_care_never_offset' }],
  dibaoIncome: { counted: false, rule: 'child_allowance_not_dibao_income' },
};

/** The versions per benefit type, oldest first; a type not listed has no offsets. */
export const offsetPolicies: OffsetPolicies = {
  orphan: [childAllowance],
  unsupported_child: [childAllowance],
};

/** A table of versions per benefit type: `offsetPolicies`, or a test's own. */
export type OffsetPolicies = Readonly<Partial<Record<BenefitType, readonly OffsetPolicy[]>>>;

/** The policy in force for `type` in `month` (YYYY-MM), with the county's override applied; null when none. */
export function offsetPolicyFor(
  type: string,
  month: string,
  county: string | null = null,
  policies: OffsetPolicies = offsetPolicies,
): Omit<OffsetPolicy, 'counties'> | null {
  const version = [...((policies as Record<string, readonly OffsetPolicy[]>)[type] ?? [])].reverse().find((v) => v.effectiveFrom <= month);
  if (!version) return null;
  const { counties, ...base } = version;
  return { ...base, ...(county ? counties?.[county] : undefined) };
}

/** A benefit the person holds, as the ledger records it; a household benefit (低保) with its household amount and members covered. */
export interface HeldBenefit {
  type: string;
  monthlyFen: number;
  household?: { monthlyFen: number; covered: number };
}

export interface Offsets {
  /** 补差: what is deducted from the new benefit for each held one. */
  deductions: { type: string; fen: number; rule: OffsetRule }[];
  deductFen: number;
  /** 就高: the held benefits that end when the person takes the new one. */
  ends: { type: string; rule: OffsetRule }[];
  /** Held benefits kept untouched on purpose (never offset). */
  kept: { type: string; rule: OffsetRule }[];
  /** Whether the new benefit counts as 低保 household income. */
  countsAsDibaoIncome: boolean;
  /** Every rule that applied, in the order above. */
  rules: OffsetRule[];
}

/**
 * What taking `benefitType` in `month` does beside the benefits the person holds (`held`), under the
 * county's policy: the deductions (补差), the benefits that end (就高), those kept (never offset).
 */
export function offsetsFor(
  benefitType: string,
  held: readonly HeldBenefit[],
  month: string,
  county: string | null = null,
  policies: OffsetPolicies = offsetPolicies,
): Offsets {
  const policy = offsetPolicyFor(benefitType, month, county, policies);
  const none: Offsets = { deductions: [], deductFen: 0, ends: [], kept: [], countsAsDibaoIncome: true, rules: [] };
  if (!policy) return none;
  const protectedTypes = new Map<string, OffsetRule>(policy.neverOffset.map((n) => [n.type, n.rule]));
  const out: Offsets = { ...none, deductions: [], ends: [], kept: [], rules: [] };
  for (const h of held) {
    const guard = protectedTypes.get(h.type);
    if (guard) {
      out.kept.push({ type: h.type, rule: guard });
      continue;
    }
    const short = policy.shortfall.find((s) => s.type === h.type);
    if (short) {
      const fen =
        short.share === 'per_covered_member' && h.household
          ? Math.floor(h.household.monthlyFen / Math.max(1, h.household.covered))
          : h.monthlyFen;
      out.deductions.push({ type: h.type, fen, rule: short.rule });
    }
    const replaced = policy.replaces.find((r) => r.type === h.type);
    if (replaced) out.ends.push({ type: h.type, rule: replaced.rule });
  }
  out.deductFen = out.deductions.reduce((s, d) => s + d.fen, 0);
  out.countsAsDibaoIncome = policy.dibaoIncome.counted;
  const rules = [
    ...out.deductions.map((d) => d.rule),
    ...out.ends.map((e) => e.rule),
    ...out.kept.map((k) => k.rule),
    ...(policy.dibaoIncome.rule && !policy.dibaoIncome.counted ? [policy.dibaoIncome.rule] : []),
  ];
  out.rules = [...new Set(rules)];
  return out;
}

/** The new benefit's amount after its 补差 deductions (never below zero). */
export function afterOffsets(amountFen: number, offsets: Offsets): number {
  return Math.max(0, amountFen - offsets.deductFen);
}

/**
 * 就高 seen from the other side: the held benefit types that replace `type`, so a person holding one
 * may not be recorded for `type` (a child taking 孤儿基本生活费 is not also supported as 特困).
 */
export function replacedBy(
  type: string,
  month: string,
  county: string | null = null,
  policies: OffsetPolicies = offsetPolicies,
): { type: string; rule: OffsetRule }[] {
  return Object.keys(policies).flatMap((taken) => {
    const rule = offsetPolicyFor(taken, month, county, policies)?.replaces.find((r) => r.type === type)?.rule;
    return rule ? [{ type: taken, rule }] : [];
  });
}

/** Whether a held benefit of `type` is left out of 低保 household income by the rules (the child allowances). */
export function leftOutOfDibaoIncome(type: string, month: string, county: string | null = null): boolean {
  const policy = offsetPolicyFor(type, month, county);
  return policy !== null && !policy.dibaoIncome.counted;
}

/** Whether `type` is never offset against another benefit (the 补差 of 特困 included). */
export function neverOffset(type: string, month: string, county: string | null = null): boolean {
  return Object.keys(offsetPolicies).some((taken) => offsetPolicyFor(taken, month, county)?.neverOffset.some((n) => n.type === type));
}

/** The refusal of a benefit the person no longer takes beside one that replaces it (就高). */
export function replacementMessage(names: string[], held: string, type: string, rule: OffsetRule): string {
  return `${names.join('、')} 正在享受${benefitName(held)}：${offsetRules[rule].name}，不能再登记${benefitName(type)}，请先办理原待遇的调整或停发`;
}

const benefitName = (type: string) => exclusiveNames[type] ?? (benefitTypes as Record<string, string>)[type] ?? type;
