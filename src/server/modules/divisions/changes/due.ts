/**
 * A change applies on its date (docs/rules.md "Dated divisions (区划变更)"): the timer enqueues the
 * apply job of every planned change whose effective date (Asia/Shanghai) has come, unless one is
 * already waiting or running. A failed run is taken up again by the next tick (the job resumes).
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import { rows } from '../../../platform/db/index.js';
import { divisionChanges } from '../../../platform/db/schema.js';
import { shanghaiToday } from '../../../../shared/dates.js';

/** The job kind that applies a change (payload: `changeId`). */
export const APPLY_CHANGE = 'divisions.change_apply';

export async function enqueueApply(deps: Deps, changeId: number, createdBy: number | null): Promise<number> {
  const [waiting] = await rows<{ id: string | number }>(
    deps.database.db,
    sql`select id from jobs where kind = ${APPLY_CHANGE} and status in ('queued', 'running') and payload->>'changeId' = ${String(changeId)}
        limit 1`,
  );
  if (waiting) return Number(waiting.id);
  return deps.jobs.enqueue({ kind: APPLY_CHANGE, payload: { changeId }, createdBy });
}

/** Enqueues the changes due by `today`; answers their ids. */
export async function enqueueDueChanges(deps: Deps, today = shanghaiToday()): Promise<number[]> {
  const due = await deps.database.db
    .select({ id: divisionChanges.id })
    .from(divisionChanges)
    .where(and(eq(divisionChanges.status, 'planned'), lte(divisionChanges.effectiveDate, today)))
    .orderBy(divisionChanges.effectiveDate, divisionChanges.id);
  for (const c of due) await enqueueApply(deps, c.id, null);
  return due.map((c) => c.id);
}
