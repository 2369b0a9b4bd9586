/**
 * Applying a division change from its date (docs/rules.md "Dated divisions (区划变更)", docs/decisions.md
 * 40), a durable job in three steps:
 * 1. the tree: the new divisions are added from the effective date, the mapped ones end on it (their
 *    rows stay, with their names, for the records that keep the old code), names and full names follow;
 * 2. the live rows: every column holding a division code in every manifest's tables (tables.ts) is
 *    re-coded through the mapping table, a batch of rows per transaction, each batch adding its count to
 *    the change in the same transaction. A row already re-coded no longer matches an old code, so a run
 *    stopped half-way and run again skips it: no row twice, the counts exact;
 * 3. the change is marked applied with its audit row (the counts per table) in one transaction.
 * Only a reviewed change (待生效) is applied: a job left queued for a change cancelled since does nothing.
 * The tables that keep what was approved or issued (manifests' `frozen`) are never touched.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { rows, startsWith, type Db } from '../../../platform/db/index.js';
import { divisionChanges } from '../../../platform/db/schema.js';
import { audit } from '../../../platform/audit/audit.js';
import { forgetSessions } from '../../../platform/auth/session.js';
import { AppError } from '../../../platform/errors.js';
import type { JobHandler } from '../../../platform/jobs/runner.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { allModules, codedColumns, type CodedColumn } from './tables.js';
import type { ChangeSpec } from './record.js';

/** Rows re-coded per transaction: small enough that a township clerk's list never waits on a long lock. */
export const BATCH_SIZE = 500;

export interface ApplyOptions {
  batchSize?: number;
  /** Called after each committed batch (tests stop a run here, as a crash would). */
  afterBatch?: (column: CodedColumn, rows: number) => void | Promise<void>;
  progress?: (done: number, total: number) => Promise<void>;
}

const levelOfLength: Record<number, number> = { 6: 3, 9: 4, 12: 5 };
const parentOf = (code: string): string => code.slice(0, code.length === 6 ? 4 : code.length - 3);
const key = (c: CodedColumn) => `${c.table}.${c.column}`;
const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export async function applyChange(deps: Deps, changeId: number, opts: ApplyOptions = {}): Promise<Record<string, number>> {
  const db = deps.database.db;
  const [change] = await db.select().from(divisionChanges).where(eq(divisionChanges.id, changeId));
  if (!change) throw AppError.notFound('区划变更');
  if (change.status === 'applied') return change.counts;
  if (change.status !== 'planned') return {};
  if (change.effectiveDate > shanghaiToday()) throw AppError.conflict(`该变更 ${change.effectiveDate} 起生效，尚未到期`);
  const spec = change.spec as ChangeSpec;

  // The tree step holds the change's row: a 作废 waits for it, then finds the job running and is refused.
  const started = await db.transaction(async (tx) => {
    const [c] = await tx
      .select({ status: divisionChanges.status })
      .from(divisionChanges)
      .where(eq(divisionChanges.id, changeId))
      .for('update');
    if (c.status !== 'planned') return false;
    await applyToTree(tx, changeId, change.effectiveDate, spec);
    return true;
  });
  if (!started) return {};

  const { live: declared, frozen } = codedColumns(await allModules());
  // Only what the database has: a manifest's table whose migration has not run yet has no rows to re-code.
  const present = new Set(
    (
      await rows<{ t: string; c: string }>(
        db,
        sql`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`,
      )
    ).map((r) => `${r.t}.${r.c}`),
  );
  const live = declared.filter((c) => present.has(key(c)));
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  for (const [i, column] of live.entries()) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const changed = await rows<{ one: number }>(
          tx,
          sql`with b as (select t.ctid as rid, m.new_code from ${ident(column.table)} t join division_code_map m
                  on m.change_id = ${changeId} and m.old_code = t.${ident(column.column)} limit ${batchSize})
              update ${ident(column.table)} t set ${ident(column.column)} = b.new_code from b where t.ctid = b.rid returning 1 as one`,
        );
        if (changed.length)
          await tx.execute(
            sql`update division_changes set counts = jsonb_set(counts, array[${key(column)}],
                  to_jsonb(coalesce((counts->>${key(column)})::int, 0) + ${changed.length})) where id = ${changeId}`,
          );
        return changed.length;
      });
      await opts.progress?.(i + (n < batchSize ? 1 : 0), live.length);
      // A re-coded account's jurisdiction is read again at its next request (the session cache holds the old one).
      if (n && column.table === 'users') forgetSessions();
      if (n) await opts.afterBatch?.(column, n);
      if (n < batchSize) break;
    }
  }

  const ctx: Ctx = { actor: null, ip: '' };
  return db.transaction(async (tx) => {
    const [c] = await tx
      .update(divisionChanges)
      .set({ status: 'applied', appliedAt: new Date() })
      .where(eq(divisionChanges.id, changeId))
      .returning({ counts: divisionChanges.counts });
    const counts = c.counts;
    await audit(tx, ctx, {
      action: 'division_change.apply',
      objectType: 'division_change',
      objectId: changeId,
      details: {
        summary: spec.plan.summary,
        effectiveDate: change.effectiveDate,
        counts,
        rows: Object.values(counts).reduce((s, x) => s + x, 0),
        frozen: [...new Set(frozen.map((f) => f.table))],
      },
    });
    return counts;
  });
}

/** Step 1, idempotent: what is there already is left as it is. */
async function applyToTree(tx: Db, changeId: number, date: string, spec: ChangeSpec): Promise<void> {
  for (const c of spec.plan.created)
    await tx.execute(
      sql`insert into divisions (code, name, parent_code, level, full_name, valid_from)
          values (${c.code}, ${c.name}, ${parentOf(c.code)}, ${levelOfLength[c.code.length]}, ${c.name}, ${date})
          on conflict (code) do nothing`,
    );
  await tx.execute(
    sql`update divisions set valid_to = ${date}
        where code in (select old_code from division_code_map where change_id = ${changeId}) and valid_to is null`,
  );
  for (const r of spec.plan.renamed) await tx.execute(sql`update divisions set name = ${r.name} where code = ${r.code}`);
  // Full names of what is new or renamed and of everything in force below it, from the names up the tree.
  const roots = [...spec.plan.created.map((c) => c.code), ...spec.plan.renamed.map((r) => r.code)];
  if (!roots.length) return;
  const city = roots[0].slice(0, 4);
  const tree = await rows<{ code: string; name: string; parent_code: string | null; full_name: string; valid_to: string | null }>(
    tx,
    sql`select code, name, parent_code, full_name, valid_to::text as valid_to from divisions where ${startsWith(sql`code`, city)}`,
  );
  const byCode = new Map(tree.map((d) => [d.code, d]));
  const full = (code: string): string => {
    const chain: string[] = [];
    for (let c: string | null = code; c; c = byCode.get(c)?.parent_code ?? null) chain.unshift(byCode.get(c)?.name ?? c);
    return chain.join('');
  };
  for (const d of tree) {
    if (d.valid_to !== null || !roots.some((r) => d.code.startsWith(r))) continue;
    const f = full(d.code);
    if (f !== d.full_name) await tx.execute(sql`update divisions set full_name = ${f} where code = ${d.code}`);
  }
}

export function applyChangeHandler(deps: Deps): JobHandler {
  return async (job) => {
    const counts = await applyChange(deps, Number(job.payload.changeId), { progress: job.progress });
    return { status: 'succeeded', result: { counts } };
  };
}
