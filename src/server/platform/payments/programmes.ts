/**
 * What a module registers to pay monthly through the platform (docs/adding-a-module.md "Payment
 * programmes", docs/decisions.md 32): which payee-months a county's roll of a month holds (one SQL
 * fragment, so the roll is built set-based), the names of the benefit types it pays, how its payees
 * are named from its registry, whether who built a roll may approve it, and the audit rows of what is
 * done with its rolls, written under the programme's own action names in the same transaction (as the
 * casework kernel's stores do). The platform owns the rest: the roll job, approval, the printed roll,
 * the bank file, the result import and 补发.
 */
import type { SQL } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Db } from '../db/index.js';
import type { Permission } from '../../../shared/permissions.js';

/** What is audited of a roll, and the details written with each. */
export type RollAuditAction = 'build' | 'approve' | 'pdf' | 'bank_file' | 'bank_result';
export type RollAuditDetails = {
  countyCode?: string;
  month?: string;
  lines?: number;
  totalFen?: number;
  fullAccounts?: boolean;
  scope?: string;
  format?: 'xlsx' | 'csv';
  onlyFailed?: boolean;
  bankFormat?: number;
  paid?: number;
  failed?: number;
};

export interface PaymentProgramme {
  programme: string;
  /** The programme's name, in titles and file names (社会救助). */
  name: string;
  /** What its benefit types are called in a column header (救助类别). */
  typeLabel: string;
  /** Its benefit types' names as files and pages show them (dibao → 低保). */
  benefitTypes: Record<string, string>;
  /** Who reads its rolls and lines; who builds, approves and exports them. */
  read: Permission;
  manage: Permission;
  /**
   * The payee-months of a county's roll: one row per record paid in `month`, with the columns record_id,
   * household_id, division_code, benefit_type, payee_person_id, covered_person_ids (jsonb array),
   * amount_fen (> 0), breakdown, inputs — for the records whose division starts with `within` (a
   * township, or the county itself).
   */
  eligible(p: { countyCode: string; month: string; within: string }): SQL;
  /** The payee's name and encrypted ID number for a person id column: the module reads its registry. */
  payeeName(personId: SQL): SQL;
  payeeIdNumberEnc(personId: SQL): SQL;
  /** Whether who built the county's roll is barred from approving it now (不相容岗位分离). */
  separatesDuties(db: Db, countyCode: string): Promise<boolean>;
  /** The audit row of an act on a roll, in the caller's transaction (or on the database for a read). */
  audit(tx: Db, ctx: Ctx, e: { action: RollAuditAction; rollId: number; details: RollAuditDetails }): Promise<void>;
  /** The read audit of a roll's lines being listed. */
  auditLines(ctx: Ctx, e: { rollId: number; total: number }): Promise<void>;
}

/** The registered programmes (bootstrap.ts), once each. */
export class PaymentProgrammes {
  private readonly byCode = new Map<string, PaymentProgramme>();

  register(p: PaymentProgramme): void {
    if (this.byCode.has(p.programme)) throw new Error(`payments: ${p.programme} is registered twice`);
    this.byCode.set(p.programme, p);
  }

  all(): PaymentProgramme[] {
    return [...this.byCode.values()];
  }

  get(code: string): PaymentProgramme {
    const p = this.byCode.get(code);
    if (!p) throw new Error(`payments: ${code} is not registered`);
    return p;
  }
}
