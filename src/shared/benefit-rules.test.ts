import { describe, expect, it } from 'vitest';
import {
  afterOffsets,
  childAllowances,
  excludedBy,
  exclusionMessage,
  leftOutOfDibaoIncome,
  neverOffset,
  offsetPolicies,
  offsetPolicyFor,
  offsetRules,
  offsetsFor,
  replacedBy,
  type OffsetPolicies,
  replacementMessage,
} from './benefit-rules.js';
import { benefitTypes } from './registry-codes.js';

describe('benefits one person may not hold at once', () => {
  it('低保 ✕ 特困: each excludes the other, and nothing else is excluded', () => {
    expect(excludedBy('dibao')).toEqual(['tekun']);
    expect(excludedBy('tekun')).toEqual(['dibao']);
    expect(excludedBy('temporary')).toEqual([]);
    expect(excludedBy('pension')).toEqual([]);
  });

  it('the refusal names who holds which benefit, and the pair', () => {
    expect(exclusionMessage(['王大山', '李芳'], 'tekun', 'dibao')).toBe(
      '王大山、李芳 正在享受特困供养：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发',
    );
    expect(exclusionMessage(['张三'], 'dibao', 'tekun')).toBe(
      '张三 正在享受低保：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发',
    );
  });
});

describe('补差 and 就高 as dated policy data (offsetsFor)', () => {
  const dibao = { type: 'dibao', monthlyFen: 60000, household: { monthlyFen: 180000, covered: 3 } };
  const tekun = { type: 'tekun', monthlyFen: 120200 };
  const living = { type: 'disability_living', monthlyFen: 8000 };
  const care = { type: 'disability_care', monthlyFen: 9000 };
  const pension = { type: 'pension', monthlyFen: 15000 };

  it("child_allowance_shortfall: an orphan's or no-carer child's allowance is paid less the child's 低保 share (household amount ÷ covered members)", () => {
    for (const type of childAllowances) {
      const o = offsetsFor(type, [{ ...dibao, household: { monthlyFen: 100000, covered: 3 } }], '2026-05');
      expect(o.deductions).toEqual([{ type: 'dibao', fen: 33333, rule: 'child_allowance_shortfall' }]);
      expect([o.deductFen, afterOffsets(184800, o)]).toEqual([33333, 151467]);
    }
    // Without the household's figures, the child's own record is the share; never below zero.
    const own = offsetsFor('orphan', [{ type: 'dibao', monthlyFen: 60000 }], '2026-05');
    expect([own.deductFen, afterOffsets(50000, own)]).toEqual([60000, 0]);
  });

  it('child_allowance_replaces_tekun: a minor who takes the allowance is no longer 特困 (the allowance replaces the support)', () => {
    expect(offsetsFor('orphan', [tekun], '2026-05').ends).toEqual([{ type: 'tekun', rule: 'child_allowance_replaces_tekun' }]);
    expect(offsetsFor('orphan', [tekun], '2026-05').deductFen).toBe(0);
    expect(replacedBy('tekun', '2026-05')).toEqual([
      { type: 'orphan', rule: 'child_allowance_replaces_tekun' },
      { type: 'unsupported_child', rule: 'child_allowance_replaces_tekun' },
    ]);
    expect(replacedBy('dibao', '2026-05')).toEqual([]);
  });

  it('child_allowance_replaces_disability_living: the minor taking the allowance loses the 困难残疾人生活补贴', () => {
    const o = offsetsFor('unsupported_child', [living, dibao], '2026-05');
    expect(o.ends).toEqual([{ type: 'disability_living', rule: 'child_allowance_replaces_disability_living' }]);
    expect(replacedBy('disability_living', '2026-05').map((r) => r.type)).toEqual(['orphan', 'unsupported_child']);
  });

  it('disability_care_never_offset: the 重度残疾人护理补贴 is kept whole beside the allowance and never taken into a 补差', () => {
    const o = offsetsFor('orphan', [care, dibao], '2026-05');
    expect(o.kept).toEqual([{ type: 'disability_care', rule: 'disability_care_never_offset' }]);
    expect(o.deductions.map((d) => d.type)).toEqual(['dibao']);
    expect(o.ends).toEqual([]);
    expect([neverOffset('disability_care', '2026-05'), neverOffset('pension', '2026-05')]).toEqual([true, false]);
  });

  it('child_allowance_not_dibao_income: the child allowance is not counted as 低保 income', () => {
    expect(offsetsFor('orphan', [], '2026-05').countsAsDibaoIncome).toBe(false);
    expect(offsetsFor('orphan', [], '2026-05').rules).toEqual(['child_allowance_not_dibao_income']);
    expect([leftOutOfDibaoIncome('orphan', '2026-05'), leftOutOfDibaoIncome('unsupported_child', '2026-05')]).toEqual([true, true]);
    expect(leftOutOfDibaoIncome('pension', '2026-05')).toBe(false);
  });

  it('all the rules at once, in order: deductions, what ends, what is kept, the income rule; a benefit without a policy has no offsets', () => {
    const o = offsetsFor('orphan', [dibao, tekun, living, care, pension], '2026-05');
    expect(o.rules).toEqual([
      'child_allowance_shortfall',
      'child_allowance_replaces_tekun',
      'child_allowance_replaces_disability_living',
      'disability_care_never_offset',
      'child_allowance_not_dibao_income',
    ]);
    expect(offsetsFor('dibao', [tekun, pension], '2026-05')).toEqual({
      deductions: [],
      deductFen: 0,
      ends: [],
      kept: [],
      countsAsDibaoIncome: true,
      rules: [],
    });
  });

  it('dated: a version applies from its effectiveFrom month, and a county override replaces what it names', () => {
    const first = offsetPolicies.orphan![0].effectiveFrom;
    expect(first).toMatch(/^\d{4}-\d{2}$/);
    const before = `${Number(first.slice(0, 4)) - 1}-12`;
    expect(offsetPolicyFor('orphan', before)).toBeNull();
    expect(offsetsFor('orphan', [tekun], before).ends).toEqual([]);
    // A county's own policy, by its 6-digit code, applied only there; a later version takes over from its month.
    const own: OffsetPolicies = {
      ...offsetPolicies,
      orphan: [
        { ...offsetPolicies.orphan![0], counties: { '370811': { replaces: [] } } },
        { ...offsetPolicies.orphan![0], effectiveFrom: '2027-01', dibaoIncome: { counted: true } },
      ],
    };
    expect(offsetsFor('orphan', [tekun], '2026-05', '370811', own).ends).toEqual([]);
    expect(offsetsFor('orphan', [tekun], '2026-05', '370812', own).ends.map((e) => e.type)).toEqual(['tekun']);
    expect(replacedBy('tekun', '2026-05', '370811', own).map((r) => r.type)).toEqual(['unsupported_child']);
    expect(offsetsFor('orphan', [tekun], '2027-01', '370811', own).ends.map((e) => e.type)).toEqual(['tekun']);
    expect([
      offsetsFor('orphan', [], '2026-12', null, own).countsAsDibaoIncome,
      offsetsFor('orphan', [], '2027-01', null, own).countsAsDibaoIncome,
    ]).toEqual([false, true]);
  });

  it('the 就高 refusal names who holds which benefit and the rule', () => {
    expect(replacementMessage(['小明'], 'orphan', 'tekun', 'child_allowance_replaces_tekun')).toBe(
      '小明 正在享受孤儿基本生活费：领取孤儿、事实无人抚养儿童基本生活费的未成年人不再享受特困供养（就高，基本生活费替代供养），' +
        '不能再登记特困供养，请先办理原待遇的调整或停发',
    );
  });

  it('every rule has its Chinese name and source, and every benefit type a policy names is a registry code', () => {
    for (const r of Object.values(offsetRules)) expect(r.name && r.source).toBeTruthy();
    const named = Object.entries(offsetPolicies).flatMap(([taken, versions]) => [
      taken,
      ...versions!.flatMap((v) => [...v.shortfall, ...v.replaces, ...v.neverOffset].map((x) => x.type)),
    ]);
    for (const type of named) expect(benefitTypes).toHaveProperty(type);
  });
});
