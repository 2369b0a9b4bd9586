/**
 * Computes a case's benefit from the household's facts, the application and the standards and
 * parameters in force for `month`, through the rules module. The result keeps its inputs, so a
 * recomputation (a new standard, a changed fact) starts from the same facts.
 */
import type { AssistanceCategory } from '../../../../shared/assistance-codes.js';
import { benefitTypes } from '../../../../shared/registry-codes.js';
import { yuanShort } from '../../../../shared/money.js';
import { selfCareLevel, type SelfCareItem } from '../../../../shared/assistance-rules.js';
import { countyOf } from '../../../../shared/divisions.js';
import { yearsOld } from '../../../../shared/dates.js';
import { neverOffset } from '../../../../shared/benefit-rules.js';
import type { PolicyBook } from './policy.js';
import type { HouseholdFacts, StoredApplication } from '../cases/application.js';
import {
  computeDibao,
  computeTekun,
  countIncome,
  isBorderline,
  singleCoverageFailure,
  tekunFailures,
  tekunIncomeFailure,
  type MemberFacts,
} from './benefit.js';

export interface Computation {
  eligible: boolean;
  monthlyFen: number;
  breakdown: string;
  lines: string[];
  /** Why the household does not qualify, in Chinese (empty when it does). */
  failures: string[];
  /** Everything the amount depends on; stored with the entitlement and frozen in roll lines. */
  inputs: EntitlementInputs;
}

export interface EntitlementInputs {
  category: AssistanceCategory;
  month: string;
  countyCode: string;
  hukouType: 'urban' | 'rural';
  members: MemberFacts[];
  singleCoverage: boolean;
  selfCareUnable: string[];
  otherBenefits: { name: string; monthlyFen: number }[];
  /** Members who died (the registry's death record), no longer among `members` from the month after. */
  deceased?: { personId: number; diedOn: string }[];
  /** 临时救助: the one-off amount. */
  amountFen?: number;
  standardFen?: number;
  standardId?: number;
}

/** Facts from the registry and the application, gathered once (also what a recomputation reuses). */
export function inputsFor(facts: HouseholdFacts, app: StoredApplication, month: string, book: PolicyBook): EntitlementInputs {
  const countyCode = countyOf(facts.divisionCode);
  const applicant = facts.members.find((m) => m.personId === app.applicantPersonId) ?? facts.members[0];
  const names = new Map(facts.members.map((m) => [m.personId, m.name]));
  const covered = app.members.find((m) => m.covered);
  const person = facts.members.find((m) => m.personId === covered?.personId);
  const shortfallTypes = book.param('shortfall_benefit_types', countyCode, month);
  return {
    category: app.category,
    month,
    countyCode,
    hukouType: (app.category === 'tekun' ? person?.hukouType : applicant?.hukouType) ?? 'rural',
    members: app.members.map((m) => ({
      personId: m.personId,
      name: names.get(m.personId) ?? '',
      covered: m.covered,
      incomes: m.incomes,
      rigidCostsFen: m.rigidCostsFen,
    })),
    singleCoverage: Boolean(app.singleCoverage),
    selfCareUnable: app.selfCareUnable ?? [],
    otherBenefits:
      app.category === 'tekun' && person
        ? person.benefits
            // 补差 never takes a benefit the rules keep whole (重度残疾人护理补贴), whatever the county lists.
            .filter((b) => shortfallTypes.includes(b.type) && !neverOffset(b.type, month, countyCode))
            .map((b) => ({ name: benefitTypes[b.type as keyof typeof benefitTypes] ?? b.type, monthlyFen: b.monthlyFen }))
        : [],
    amountFen: app.requestedAmountFen,
  };
}

export function compute(
  inputs: EntitlementInputs,
  book: PolicyBook,
  extra: { facts?: HouseholdFacts; app?: StoredApplication } = {},
): Computation {
  const { category, month, countyCode, hukouType } = inputs;
  const dibao = book.standard('dibao', hukouType, countyCode, month);
  if (!dibao) return none(inputs, [`${month} 没有有效的低保标准，请先维护救助标准`]);
  const policy = book.dibaoPolicy(countyCode, month);
  const failures = extra.app && extra.facts ? assetFailures(extra.app, dibao.amountFen, book, countyCode, month) : [];

  switch (category) {
    case 'dibao': {
      const r = computeDibao({ standardFen: dibao.amountFen, members: inputs.members, policy, singleCoverage: inputs.singleCoverage });
      if (inputs.singleCoverage && extra.facts) {
        const person = extra.facts.members.find((m) => m.personId === inputs.members.find((x) => x.covered)?.personId);
        const all = countIncome(inputs.members, policy).countedFen / Math.max(1, inputs.members.length);
        const why = singleCoverageFailure({
          perCapitaIncomeFen: all,
          standardFen: dibao.amountFen,
          factor: book.param('borderline_factor', countyCode, month),
          disabilityGrade: person?.disabilityGrade ?? null,
          disabilityType: person?.disabilityType ?? null,
          majorIllness: Boolean(extra.app?.members.find((m) => m.personId === person?.personId)?.majorIllness),
        });
        if (why) failures.push(why);
      }
      if (!r.eligible) failures.push(r.breakdown);
      return {
        ...r,
        eligible: r.eligible && failures.length === 0,
        failures,
        inputs: { ...inputs, standardFen: dibao.amountFen, standardId: dibao.id },
      };
    }
    case 'borderline': {
      const income = countIncome(inputs.members, policy);
      const perCapita = Math.round(income.countedFen / Math.max(1, inputs.members.length));
      const factor = book.param('borderline_factor', countyCode, month);
      const ok = isBorderline(perCapita, dibao.amountFen, factor);
      if (!ok)
        failures.push(`家庭人均月收入 ${yuanShort(perCapita)} 元，不在低保标准 ${yuanShort(dibao.amountFen)} 元至其 ${factor} 倍之间`);
      return {
        eligible: ok && failures.length === 0,
        monthlyFen: 0,
        lines: income.lines,
        failures,
        breakdown:
          `家庭人均月收入 ${yuanShort(income.countedFen)} ÷ ${inputs.members.length} = ${yuanShort(perCapita)} 元` +
          `（低保标准 ${yuanShort(dibao.amountFen)} 元，${factor} 倍为 ${yuanShort(Math.round(dibao.amountFen * factor))} 元）`,
        inputs: { ...inputs, standardFen: dibao.amountFen, standardId: dibao.id },
      };
    }
    case 'tekun': {
      const level = selfCareLevel(inputs.selfCareUnable as SelfCareItem[]);
      const basic = book.standard('tekun_basic', hukouType, countyCode, month);
      const care = book.standard(`tekun_care_${level}`, hukouType, countyCode, month);
      if (!basic || !care) return none(inputs, [`${month} 没有有效的特困供养标准，请先维护救助标准`]);
      const person = inputs.members.find((m) => m.covered);
      const facts = extra.facts?.members.find((m) => m.personId === person?.personId);
      const income = countIncome(person ? [person] : [], policy).countedFen;
      if (facts && extra.app) {
        failures.push(
          ...tekunFailures({
            ageYears: ageOn(facts.birthDate, `${month}-01`),
            disabilityGrade: facts.disabilityGrade,
            disabilityType: facts.disabilityType,
            monthlyIncomeFen: income,
            dibaoStandardFen: dibao.amountFen,
            assetsWithinLimits: failures.length === 0,
            hasAbleSupporter: Boolean(extra.app.hasAbleSupporter),
          }),
        );
      } else {
        // A re-review has the incomes found now, not the application: the income condition is what it can check.
        const why = tekunIncomeFailure(income, dibao.amountFen);
        if (why) failures.push(why);
      }
      const r = computeTekun({ basicFen: basic.amountFen, careFen: care.amountFen, level, otherBenefits: inputs.otherBenefits });
      return { ...r, eligible: failures.length === 0, failures, inputs: { ...inputs, standardFen: basic.amountFen, standardId: basic.id } };
    }
    case 'temporary': {
      const amount = inputs.amountFen ?? 0;
      return {
        eligible: amount > 0,
        monthlyFen: amount,
        breakdown: `临时救助一次性 ${yuanShort(amount)} 元`,
        lines: [],
        failures: amount > 0 ? [] : ['救助金额须大于 0'],
        inputs,
      };
    }
  }
}

function none(inputs: EntitlementInputs, failures: string[]): Computation {
  return { eligible: false, monthlyFen: 0, breakdown: failures[0], lines: [], failures, inputs };
}

/** Assets within the configurable limits (存款、车辆、房产). */
function assetFailures(app: StoredApplication, standardFen: number, book: PolicyBook, county: string, month: string): string[] {
  if (app.category === 'temporary') return [];
  const out: string[] = [];
  const months = book.param('deposit_limit_months', county, month);
  const limit = standardFen * months * Math.max(1, app.members.length);
  if (app.assets.depositsFen > limit)
    out.push(
      `家庭存款等金融资产 ${yuanShort(app.assets.depositsFen)} 元，超过上限 ${yuanShort(limit)} 元（${months} 个月低保标准 × ${app.members.length} 人）`,
    );
  if (app.assets.vehicles > book.param('vehicle_limit', county, month)) out.push(`家庭有机动车 ${app.assets.vehicles} 辆，超过规定`);
  if (app.assets.extraHouses > book.param('extra_house_limit', county, month))
    out.push(`家庭有住房以外的房产 ${app.assets.extraHouses} 套，超过规定`);
  return out;
}

/** Age in whole years on `date`; unknown birth dates count as working age. */
export function ageOn(birthDate: string | null, date: string): number {
  return birthDate ? yearsOld(birthDate, date) : 30;
}
