/**
 * Social assistance's view of its dated policy (the platform's PolicyBook, src/server/platform/policy):
 * the standards (救助标准) and policy parameters in force for the month a computation computes, typed
 * by the module's own kinds (src/shared/assistance/policy.ts). A standard without an urban/rural split
 * is stored as 'all'.
 */
import type { Db } from '../../../platform/db/index.js';
import { PolicyBook as DatedBook } from '../../../platform/policy/book.js';
import { seedValues } from '../../../platform/policy/values.js';
import type { AssistanceCategory, CaseStatus, IncomeKind, ParameterKey, StandardKind } from '../../../../shared/assistance-codes.js';
import {
  ASSISTANCE_POLICY,
  parameterPolicyKind,
  standardPolicyKind,
  type ParameterValue,
  type StandardHukouType,
} from '../../../../shared/assistance/policy.js';
import { stageDeadline } from '../cases/workflow.js';
import type { StageDeadline } from '../../../platform/casework/clocks.js';
import type { DibaoPolicy } from './benefit.js';
import seed from './jining-policy.json' with { type: 'json' };

export type { ParameterValue };

export interface StandardValue {
  id: number;
  amountFen: number;
  effectiveMonth: string;
}

/** All standards and parameters, loaded once for a computation (a request, a recomputation job). */
export class AssistancePolicy {
  private constructor(private readonly book: DatedBook) {}

  /** The book cached a minute per process (the platform's PolicyBook.cached), for reads on hot paths. */
  static async cached(db: Db): Promise<AssistancePolicy> {
    return new AssistancePolicy(await DatedBook.cached(db, ASSISTANCE_POLICY));
  }

  static async load(db: Db): Promise<AssistancePolicy> {
    return new AssistancePolicy(await DatedBook.load(db, ASSISTANCE_POLICY));
  }

  /** The standard in force; a kind without urban/rural split is stored as 'all'. */
  standard(kind: StandardKind, hukouType: 'urban' | 'rural', countyCode: string, month: string): StandardValue | null {
    const at = (h: StandardHukouType) => this.book.value<number>(standardPolicyKind(kind, h), countyCode, month);
    const found = at(hukouType) ?? at('all');
    return found ? { id: found.id, amountFen: found.value, effectiveMonth: found.effectiveMonth } : null;
  }

  param<K extends ParameterKey>(key: K, countyCode: string, month: string): ParameterValue<K> {
    const found = this.book.value<ParameterValue<K>>(parameterPolicyKind(key), countyCode, month);
    if (!found) throw new Error(`parameter ${key} has no value in force for ${countyCode} ${month}`);
    return found.value;
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

/** The name the use cases know the book by. */
export { AssistancePolicy as PolicyBook };

/**
 * First start: the city's standards and parameters from the seed (jining-policy.json), each kind
 * the database has no value of yet (an upgrade that adds a parameter adds its default).
 */
export async function seedPolicy(db: Db): Promise<void> {
  await seedValues(db, ASSISTANCE_POLICY, {
    effectiveMonth: seed.effectiveMonth,
    values: [
      ...seed.standards.map(([kind, hukouType, amountFen]) => ({
        kind: standardPolicyKind(kind as StandardKind, hukouType as StandardHukouType),
        value: amountFen,
        note: '初始数据',
      })),
      ...Object.entries(seed.parameters).map(([key, value]) => ({ kind: parameterPolicyKind(key as ParameterKey), value, note: null })),
      ...seed.visits.map(({ kind, value, note }) => ({ kind, value, note })),
    ],
  });
}
