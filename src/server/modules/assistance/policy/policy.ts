/**
 * Standards (救助标准) and policy parameters as dated data: every computation asks for the value in
 * force for the month it computes. A value in force is the one with the latest effective month not
 * after that month; at the same month, a county's own value wins over the city's ('').
 */
import { z } from 'zod';
import type { Db } from '../../../platform/db/index.js';
import { assistanceParameters, assistanceStandards } from '../schema.js';
import type { AssistanceCategory, CaseStatus, IncomeKind, ParameterKey, StandardKind } from '../../../../shared/assistance-codes.js';
import { stageDeadline } from '../cases/workflow.js';
import type { StageDeadline } from '../../../platform/casework/clocks.js';
import type { DibaoPolicy } from './benefit.js';
import seed from './jining-policy.json' with { type: 'json' };

export interface StandardValue {
  id: number;
  amountFen: number;
  effectiveMonth: string;
}

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

interface Dated<T> {
  countyCode: string;
  effectiveMonth: string;
  value: T;
}

/** All standards and parameters, loaded once for a computation (a request, a recomputation job). */
let shared = new WeakMap<Db, { at: number; book: Promise<PolicyBook> }>();

export class PolicyBook {
  constructor(
    private readonly standards: Map<string, Dated<{ id: number; amountFen: number }>[]>,
    private readonly parameters: Map<string, Dated<unknown>[]>,
  ) {}

  /**
   * For reads on hot paths (the worklist's delegation): the book cached a minute per process and
   * database, like the holiday calendar, and dropped by every write of a standard or policy value in
   * this process. Decisions keep loading it afresh in their transaction.
   */
  static cached(db: Db): Promise<PolicyBook> {
    const now = Date.now();
    const hit = shared.get(db);
    if (hit && now - hit.at <= 60_000) return hit.book;
    const book = PolicyBook.load(db);
    book.catch(() => shared.delete(db));
    shared.set(db, { at: now, book });
    return book;
  }

  /** After a write of a standard or policy value. */
  static invalidate(): void {
    shared = new WeakMap();
  }

  static async load(db: Db): Promise<PolicyBook> {
    const standards = new Map<string, Dated<{ id: number; amountFen: number }>[]>();
    for (const s of await db.select().from(assistanceStandards)) {
      const key = `${s.kind}|${s.hukouType}`;
      if (!standards.has(key)) standards.set(key, []);
      standards.get(key)!.push({ countyCode: s.countyCode, effectiveMonth: s.effectiveMonth, value: { id: s.id, amountFen: s.amountFen } });
    }
    const parameters = new Map<string, Dated<unknown>[]>();
    for (const p of await db.select().from(assistanceParameters)) {
      if (!parameters.has(p.key)) parameters.set(p.key, []);
      parameters.get(p.key)!.push({ countyCode: p.countyCode, effectiveMonth: p.effectiveMonth, value: p.value });
    }
    return new PolicyBook(standards, parameters);
  }

  /** The standard in force; a kind without urban/rural split is stored as 'all'. */
  standard(kind: StandardKind, hukouType: 'urban' | 'rural', countyCode: string, month: string): StandardValue | null {
    const found =
      pick(this.standards.get(`${kind}|${hukouType}`), countyCode, month) ?? pick(this.standards.get(`${kind}|all`), countyCode, month);
    return found ? { id: found.value.id, amountFen: found.value.amountFen, effectiveMonth: found.effectiveMonth } : null;
  }

  param<K extends ParameterKey>(key: K, countyCode: string, month: string): ParameterValue<K> {
    const found = pick(this.parameters.get(key), countyCode, month);
    if (!found) throw new Error(`parameter ${key} has no value in force for ${countyCode} ${month}`);
    return found.value as ParameterValue<K>;
  }

  dibaoPolicy(countyCode: string, month: string): DibaoPolicy {
    return {
      excludedIncomeKinds: this.param('excluded_income_kinds', countyCode, month) as IncomeKind[],
      employmentCostDeductionFen: this.param('employment_cost_deduction_fen', countyCode, month),
      rigidCostDeduction: this.param('rigid_cost_deduction', countyCode, month),
      bandedAmounts: this.param('banded_amounts', countyCode, month),
    };
  }

  /** The deadline of a stage: the rule's where one fixes it, else the county's platform default (workflow.ts). */
  deadline(category: AssistanceCategory, status: CaseStatus, countyCode: string, month: string): StageDeadline | null {
    return stageDeadline(category, status, this.param('stage_deadline_days', countyCode, month)[category]);
  }

  delegated(category: AssistanceCategory, countyCode: string, month: string): boolean {
    return this.param('approval_delegated', countyCode, month).includes(category);
  }
}

function pick<T>(rows: Dated<T>[] | undefined, countyCode: string, month: string): Dated<T> | null {
  let best: Dated<T> | null = null;
  for (const r of rows ?? []) {
    if (r.effectiveMonth > month || (r.countyCode !== '' && r.countyCode !== countyCode)) continue;
    if (!best || r.effectiveMonth > best.effectiveMonth || (r.effectiveMonth === best.effectiveMonth && r.countyCode !== '')) best = r;
  }
  return best;
}

/**
 * First start: the city's standards and parameters from the seed. Standards only into an empty
 * table; a parameter key the seed has and the database lacks (an upgrade added it) is added.
 */
export async function seedPolicy(db: Db): Promise<void> {
  const [any] = await db.select({ id: assistanceStandards.id }).from(assistanceStandards).limit(1);
  await db.transaction(async (tx) => {
    if (!any) {
      await tx.insert(assistanceStandards).values(
        seed.standards.map(([kind, hukouType, amountFen]) => ({
          kind: kind as string,
          hukouType: hukouType as 'urban',
          amountFen: amountFen as number,
          effectiveMonth: seed.effectiveMonth,
          note: '初始数据',
        })),
      );
    }
    const have = new Set((await tx.selectDistinct({ key: assistanceParameters.key }).from(assistanceParameters)).map((p) => p.key));
    const missing = Object.entries(seed.parameters).filter(([key]) => !have.has(key));
    if (missing.length)
      await tx.insert(assistanceParameters).values(missing.map(([key, value]) => ({ key, value, effectiveMonth: seed.effectiveMonth })));
  });
  PolicyBook.invalidate();
}
