/**
 * Social assistance's dated policy on the platform (src/server/platform/policy): its kinds, which the
 * server registers and the standards page reads the platform's values through. A standard is a kind
 * per standard and urban/rural (`dibao_urban`, `tekun_care_self_all`: 'all' = one figure for both),
 * a parameter a kind per key (`parameter:taper_max_months`); each with its name and value schema.
 */
import { z } from 'zod';
import { parameterKeys, standardHukouTypes, standardKinds, type ParameterKey, type StandardKind } from '../assistance-codes.js';
import type { PolicyValue } from '../policy/values.js';

/** The module whose values these are (policy_values.module, /api/policy/assistance/values). */
export const ASSISTANCE_POLICY = 'assistance';

export type StandardHukouType = keyof typeof standardHukouTypes;

export const standardPolicyKind = (kind: StandardKind, hukouType: StandardHukouType) => `${kind}_${hukouType}`;
export const parameterPolicyKind = (key: ParameterKey) => `parameter:${key}`;

export type AssistancePolicyKind =
  { group: 'standard'; standard: StandardKind; hukouType: StandardHukouType } | { group: 'parameter'; key: ParameterKey };

/** What a platform kind of social assistance is, or null for one it does not have. */
export function assistancePolicyKind(kind: string): AssistancePolicyKind | null {
  if (kind.startsWith('parameter:')) {
    const key = kind.slice('parameter:'.length);
    return Object.hasOwn(parameterKeys, key) ? { group: 'parameter', key: key as ParameterKey } : null;
  }
  const m = /^(.+)_(urban|rural|all)$/.exec(kind);
  return m && Object.hasOwn(standardKinds, m[1])
    ? { group: 'standard', standard: m[1] as StandardKind, hukouType: m[2] as StandardHukouType }
    : null;
}

/** A standard: 分 per person per month. */
export const standardValue = z.number().int().min(1, '标准须大于 0').max(10_000_000, '标准过大');

/** The value types of the parameters (validated when an administrator enters one). */
export const parameterSchemas = {
  borderline_factor: z.number().min(1).max(3),
  employment_cost_deduction_fen: z.number().int().min(0).max(1_000_000),
  excluded_income_kinds: z.array(z.string()),
  rigid_cost_deduction: z.boolean(),
  deposit_limit_months: z.number().int().min(0).max(240),
  vehicle_limit: z.number().int().min(0).max(10),
  extra_house_limit: z.number().int().min(0).max(10),
  approval_delegated: z.array(z.enum(['dibao', 'tekun', 'temporary', 'borderline'])),
  temporary_township_limit_fen: z.number().int().min(0).max(100_000_000),
  temporary_reserve_fund_fen: z.number().int().min(0).max(10_000_000_000),
  review_interval_months: z.object({ stable: z.number().int().min(1).max(36), irregular: z.number().int().min(1).max(36) }),
  taper_max_months: z.number().int().min(0).max(24),
  banded_amounts: z.array(z.object({ maxShortfallFen: z.number().int().min(0), amountFen: z.number().int().min(0) })),
  tekun_sample_rate: z.number().min(0).max(1),
  shortfall_benefit_types: z.array(z.string()),
  notice_categories: z.array(z.enum(['borderline', 'temporary_expense'])),
  separation_of_duties: z.boolean(),
  stage_deadline_days: z.record(
    z.enum(['dibao', 'tekun', 'temporary', 'borderline']),
    z.record(
      z.enum(['submitted', 'accepted', 'checking', 'visiting', 'township_review', 'awaiting_decision', 'paid_first']),
      z.number().int().min(1).max(60),
    ),
  ),
} satisfies Record<ParameterKey, z.ZodType>;

export type ParameterValue<K extends ParameterKey> = z.infer<(typeof parameterSchemas)[K]>;

/** A standard as the standards page lists it (救助标准). */
export interface Standard {
  id: number;
  kind: StandardKind;
  kindName: string;
  hukouType: StandardHukouType;
  hukouTypeName: string;
  countyCode: string;
  effectiveMonth: string;
  amountFen: number;
  note: string | null;
  createdAt: string;
}

/** A parameter as the standards page lists it (政策参数). */
export interface Parameter {
  id: number;
  key: ParameterKey;
  name: string;
  countyCode: string;
  effectiveMonth: string;
  value: unknown;
  createdAt: string;
}

/** The standards among the platform's values (current entries only), by standard, urban/rural and latest month first. */
export function standardsOf(values: PolicyValue[]): Standard[] {
  const out: Standard[] = [];
  for (const v of values) {
    const k = assistancePolicyKind(v.kind);
    if (!v.current || k?.group !== 'standard') continue;
    out.push({
      id: v.id,
      kind: k.standard,
      kindName: standardKinds[k.standard],
      hukouType: k.hukouType,
      hukouTypeName: standardHukouTypes[k.hukouType],
      countyCode: v.countyCode,
      effectiveMonth: v.effectiveMonth,
      amountFen: Number(v.value),
      note: v.note,
      createdAt: v.createdAt,
    });
  }
  const order = (s: Standard) => `${s.kind}|${s.hukouType}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : b.effectiveMonth.localeCompare(a.effectiveMonth)));
}

/** The parameters among the platform's values (current entries only), by key and latest month first. */
export function parametersOf(values: PolicyValue[]): Parameter[] {
  const out: Parameter[] = [];
  for (const v of values) {
    const k = assistancePolicyKind(v.kind);
    if (!v.current || k?.group !== 'parameter') continue;
    out.push({
      id: v.id,
      key: k.key,
      name: parameterKeys[k.key],
      countyCode: v.countyCode,
      effectiveMonth: v.effectiveMonth,
      value: v.value,
      createdAt: v.createdAt,
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.effectiveMonth.localeCompare(a.effectiveMonth)));
}
