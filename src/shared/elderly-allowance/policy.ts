/**
 * 高龄津贴's dated policy (platform/policy, docs/rules.md "高龄津贴 (old-age allowance)"): one kind, the
 * monthly amount of each age band for a county ('' = the whole city) from a month. A band whose amount
 * is 0 is not paid (a county paying from 90 only). The shipped values are examples (示例): no national
 * rule fixes them, and the bureau enters its own.
 */
import { z } from 'zod';
import { allowanceBands, type AllowanceBand } from './codes.js';

export const ELDERLY_POLICY = 'elderly_allowance';
export const AMOUNTS_KIND = 'amounts';

const fen = z.number({ error: '请填写金额' }).int('金额须为整数分').min(0, '金额不能为负').max(10_000_00, '金额过大');
export const bandAmounts = z.object({ a80: fen, a90: fen, a100: fen });
export type BandAmounts = z.infer<typeof bandAmounts>;

/** The shipped example (示例): in force from the month below until the bureau enters its own. */
export const exampleAmounts = {
  effectiveMonth: '2025-01',
  value: { a80: 100_00, a90: 200_00, a100: 500_00 } satisfies BandAmounts,
  note: '示例数值，非本市标准：请录入本地高龄津贴标准',
};

/** 80—89 周岁 100 元；90—99 周岁 200 元；… */
export const amountsText = (v: BandAmounts): string =>
  (Object.keys(allowanceBands) as AllowanceBand[]).map((b) => `${allowanceBands[b]} ${v[b] / 100} 元`).join('；');
