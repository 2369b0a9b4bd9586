/**
 * Recomputing entitlements when a standard or a parameter changes: a durable job takes every
 * entitlement in force in `month`, recomputes it from its stored inputs with the values in force
 * for that month, and where the amount or explanation changes, updates it from that month, records
 * the change in its history and moves its benefit records. Set-based writes per batch of 5,000.
 * A county's own value recomputes that county only, so the job's figures (checked, changed) are of
 * the county whose value changed, inside the jurisdiction of whoever entered it (Z2).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { withinDivision } from '../../../platform/access/scope.js';
import type { JobHandler } from '../../../platform/jobs/runner.js';
import { PolicyBook } from '../policy/policy.js';
import { compute, type EntitlementInputs } from '../policy/compute.js';
import { endBenefitRecordsInTx, writeBenefitRecordsInTx } from './entitlements.js';

export const RECOMPUTE = 'assistance.recompute';
const BATCH = 5000;

export function recomputeHandler(deps: Deps): JobHandler {
  return async (job) => {
    const result = await recompute(
      deps.database.db,
      String(job.payload.month),
      String(job.payload.reason ?? '救助标准调整'),
      job.createdBy,
      (d, t) => job.progress(d, t),
      String(job.payload.countyCode ?? ''),
    );
    return { status: 'succeeded', result };
  };
}

/** Recomputes the entitlements in force in `month`: of `countyCode` where given (a county's own value), else of the whole city. */
export async function recompute(
  db: Db,
  month: string,
  reason: string,
  userId: number | null,
  progress: (done: number, total: number) => Promise<void> = async () => {},
  countyCode = '',
) {
  const book = await PolicyBook.load(db);
  const county = countyCode ? sql` and ${withinDivision(sql`county_code`, countyCode)}` : sql``;
  // Migrated entitlements have no recorded facts to recompute from: they are re-reviewed instead.
  const inForce = sql`status = 'active' and category in ('dibao', 'tekun') and (end_month is null or end_month >= ${month}) and not
    (inputs ? 'migrated')${county}`;
  const [{ n }] = await rows<{ n: number | string }>(db, sql`select count(*) as n from assistance_entitlements where ${inForce}`);
  const total = Number(n);
  let done = 0;
  let changed = 0;
  let after = 0;
  for (;;) {
    const batch = await rows<{ id: number | string; monthly_fen: number; breakdown: string; inputs: EntitlementInputs }>(
      db,
      sql`select id, monthly_fen, breakdown, inputs from assistance_entitlements where ${inForce} and id > ${after} order by id limit
        ${BATCH}`,
    );
    if (!batch.length) break;
    after = Number(batch.at(-1)!.id);
    const updates: { id: number; fen: number; old: number; b: string; i: EntitlementInputs }[] = [];
    for (const e of batch) {
      const inputs = { ...e.inputs, month };
      const r = compute(inputs, book);
      if (r.monthlyFen !== e.monthly_fen || r.breakdown !== e.breakdown)
        updates.push({ id: Number(e.id), fen: r.monthlyFen, old: e.monthly_fen, b: r.breakdown, i: r.inputs });
    }
    if (updates.length) await applyInTx(db, updates, month, reason, userId);
    changed += updates.length;
    done += batch.length;
    await progress(done, total);
  }
  return { month, checked: done, changed };
}

/** Writes recomputed entitlements from `month`: amounts, history (`kind`), benefit records. */
export async function applyInTx(
  db: Db,
  updates: { id: number; fen: number; old: number; b: string; i: EntitlementInputs }[],
  month: string,
  reason: string,
  userId: number | null,
  kind = 'recomputed',
) {
  const v = sql`jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, fen int, old int, b text, i jsonb)`;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update assistance_entitlements e set monthly_fen = v.fen, breakdown = v.b, inputs = v.i, version = e.version + 1, updated_at =
        now() from ${v} where e.id = v.id`,
    );
    await tx.execute(sql`insert into assistance_entitlement_changes (entitlement_id, kind, effective_month, old_fen, new_fen, breakdown,
      reason, actor_user_id)
      select v.id, ${kind}, ${month}, v.old, v.fen, v.b, ${reason}, ${userId} from ${v}`);
    // Benefit records: the old amount ends with the month before; the new one starts in `month`.
    const ids = updates.map((u) => u.id);
    await endBenefitRecordsInTx(tx, ids, month);
    await writeBenefitRecordsInTx(tx, ids, month, reason);
  });
}
