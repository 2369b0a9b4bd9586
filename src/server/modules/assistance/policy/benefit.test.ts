import { describe, expect, it } from 'vitest';
import {
  computeDibao,
  computeTekun,
  countIncome,
  isBorderline,
  singleCoverageFailure,
  tekunBasicFromDibao,
  tekunFailures,
  type DibaoPolicy,
  type MemberFacts,
} from './benefit.js';

const policy: DibaoPolicy = {
  excludedIncomeKinds: ['youfu', 'award', 'scholarship', 'assistance', 'basic_pension_central'],
  employmentCostDeductionFen: 0,
  rigidCostDeduction: true,
  bandedAmounts: [],
};
const member = (name: string, covered: boolean, incomes: MemberFacts['incomes'] = [], extra: Partial<MemberFacts> = {}): MemberFacts => ({
  personId: name.length,
  name,
  covered,
  incomes,
  ...extra,
});

describe('低保 benefit = standard × members covered − household income', () => {
  it('924 × 3 − 1,200 = 1,572 元', () => {
    const r = computeDibao({
      standardFen: 92400,
      policy,
      members: [member('张一', true, [{ kind: 'wage', monthlyFen: 120000 }]), member('张二', true), member('张三', true)],
    });
    expect(r).toMatchObject({ eligible: true, monthlyFen: 157200, breakdown: '924 × 3 − 1,200 = 1,572 元' });
  });

  it('excluded incomes (优抚, awards, scholarships, assistance money, central basic pension) are not counted', () => {
    const r = computeDibao({
      standardFen: 74500,
      policy,
      members: [
        member('李一', true, [
          { kind: 'scholarship', monthlyFen: 50000 },
          { kind: 'basic_pension_central', monthlyFen: 14300 },
          { kind: 'pension', monthlyFen: 30000 },
        ]),
        member('李二', true),
      ],
    });
    expect(r.monthlyFen).toBe(74500 * 2 - 30000);
    expect(r.lines).toContain('李一 奖学金、助学金 500 元：不计入家庭收入');
  });

  it('employment cost deduction lowers counted wage income, never below zero for the member', () => {
    const r = computeDibao({
      standardFen: 92400,
      policy: { ...policy, employmentCostDeductionFen: 30000 },
      members: [member('王一', true, [{ kind: 'wage', monthlyFen: 150000 }]), member('王二', true, [{ kind: 'wage', monthlyFen: 10000 }])],
    });
    // 1,500 − 300 + 100 − 100 = 1,200
    expect(r.breakdown).toBe('924 × 2 − 1,200 = 648 元');
  });

  it('rigid medical costs are deducted where configured, and not where not', () => {
    const members = [member('赵一', true, [{ kind: 'wage', monthlyFen: 100000 }], { rigidCostsFen: 40000 }), member('赵二', true)];
    expect(computeDibao({ standardFen: 92400, policy, members }).monthlyFen).toBe(184800 - 60000);
    expect(computeDibao({ standardFen: 92400, policy: { ...policy, rigidCostDeduction: false }, members }).monthlyFen).toBe(
      184800 - 100000,
    );
  });

  it('income of members not covered is still household income', () => {
    const r = computeDibao({
      standardFen: 92400,
      policy,
      members: [member('孙一', true), member('孙二', false, [{ kind: 'wage', monthlyFen: 50000 }])],
    });
    expect(r.breakdown).toBe('924 × 1 − 500 = 424 元');
  });

  it('a household whose income reaches the standard is not eligible, and the explanation says so', () => {
    const r = computeDibao({
      standardFen: 92400,
      policy,
      members: [member('周一', true, [{ kind: 'wage', monthlyFen: 200000 }]), member('周二', true)],
    });
    expect(r.eligible).toBe(false);
    expect(r.breakdown).toContain('家庭收入不低于保障标准');
  });

  it('banded amounts pay the band of the shortfall where configured', () => {
    const banded = {
      ...policy,
      bandedAmounts: [
        { maxShortfallFen: 50000, amountFen: 40000 },
        { maxShortfallFen: 100000, amountFen: 80000 },
        { maxShortfallFen: 10_000_000, amountFen: 120000 },
      ],
    };
    const r = computeDibao({ standardFen: 92400, policy: banded, members: [member('吴一', true, [{ kind: 'wage', monthlyFen: 20000 }])] });
    expect(r.monthlyFen).toBe(80000);
    expect(r.breakdown).toBe('924 × 1 − 200 = 724 元，按分档发放 800 元');
  });

  it('单人保 counts only the covered person and their own income', () => {
    const r = computeDibao({
      standardFen: 92400,
      policy,
      singleCoverage: true,
      members: [
        member('郑一', true, [{ kind: 'pension', monthlyFen: 20000 }]),
        member('郑二', false, [{ kind: 'wage', monthlyFen: 150000 }]),
      ],
    });
    expect(r.breakdown).toBe('924 × 1 − 200 = 724 元');
  });

  it('单人保 needs per-capita income below 1.5 × standard and a severe disability or major illness', () => {
    const base = { standardFen: 92400, factor: 1.5, disabilityGrade: 1, disabilityType: 'physical', majorIllness: false };
    expect(singleCoverageFailure({ ...base, perCapitaIncomeFen: 130000 })).toBeNull();
    expect(singleCoverageFailure({ ...base, perCapitaIncomeFen: 140000 })).toContain('1.5 倍');
    expect(singleCoverageFailure({ ...base, perCapitaIncomeFen: 100000, disabilityGrade: 3, disabilityType: 'mental' })).toBeNull();
    expect(singleCoverageFailure({ ...base, perCapitaIncomeFen: 100000, disabilityGrade: 3 })).toContain('一二级残疾');
  });

  it('counts income lines for the worker to read', () => {
    const f = countIncome([member('钱一', true, [{ kind: 'business', monthlyFen: 80000 }])], policy);
    expect(f).toEqual({ countedFen: 80000, lines: ['钱一 经营净收入 800 元'] });
  });
});

describe('特困', () => {
  // The self-care level that selects the care subsidy: src/shared/assistance-rules.test.ts.
  it('特困 benefit = basic living + care subsidy of the self-care level: 1,202 + 702 = 1,904 元', () => {
    expect(computeTekun({ basicFen: 120200, careFen: 70200, level: 'total', otherBenefits: [] })).toMatchObject({
      monthlyFen: 190400,
      breakdown: '1,202 + 702 = 1,904 元',
    });
  });

  it('shortfall rule: other benefits the person receives are deducted from the basic living part only', () => {
    const r = computeTekun({ basicFen: 96900, careFen: 70200, level: 'total', otherBenefits: [{ name: '养老金', monthlyFen: 30000 }] });
    expect(r.breakdown).toBe('(969 − 300) + 702 = 1,371 元');
    const more = computeTekun({ basicFen: 96900, careFen: 70200, level: 'total', otherBenefits: [{ name: '养老金', monthlyFen: 200000 }] });
    expect(more.monthlyFen).toBe(70200);
  });

  it('特困 needs all three conditions: no working ability, no income, no able supporter', () => {
    const ok = {
      ageYears: 72,
      disabilityGrade: null,
      disabilityType: null,
      monthlyIncomeFen: 20000,
      dibaoStandardFen: 74500,
      assetsWithinLimits: true,
      hasAbleSupporter: false,
    };
    expect(tekunFailures(ok)).toEqual([]);
    expect(tekunFailures({ ...ok, ageYears: 45 })).toHaveLength(1);
    expect(tekunFailures({ ...ok, ageYears: 45, disabilityGrade: 2 })).toEqual([]);
    expect(tekunFailures({ ...ok, monthlyIncomeFen: 80000 })[0]).toContain('不低于低保标准');
    expect(tekunFailures({ ...ok, hasAbleSupporter: true })[0]).toContain('法定义务人');
  });

  it('特困 basic living = 1.3 × 低保 rounded up to the yuan: 924 → 1,202, 745 → 969', () => {
    expect(tekunBasicFromDibao(92400)).toBe(120200);
    expect(tekunBasicFromDibao(74500)).toBe(96900);
  });
});

describe('低保边缘家庭', () => {
  it('borderline: per-capita income above the standard and below 1.5 × the standard', () => {
    expect(isBorderline(100000, 92400, 1.5)).toBe(true);
    expect(isBorderline(92400, 92400, 1.5)).toBe(false);
    expect(isBorderline(138600, 92400, 1.5)).toBe(false);
  });
});
