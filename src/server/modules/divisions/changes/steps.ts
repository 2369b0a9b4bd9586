/**
 * A change's history (docs/rules.md "Dated divisions (区划变更)"): its steps are its audit rows (登记,
 * 复核通过, 退回, 作废, 生效), written in the transaction of each step, so the append-only audit log is
 * the one record of who did what when. The change's version is the number of its steps: a step sends
 * the version it saw, and one taken meanwhile by someone else makes it stale (409).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../platform/db/index.js';
import type { ChangeStep } from '../../../../shared/divisions/changes.js';

/** The audit action of each step. */
export const stepActions: Record<ChangeStep, string> = {
  record: 'division_change.record',
  review: 'division_change.review',
  return: 'division_change.return',
  cancel: 'division_change.cancel',
  apply: 'division_change.apply',
};
const stepOf = new Map(Object.entries(stepActions).map(([step, action]) => [action, step as ChangeStep]));
const actions = sql.join(
  Object.values(stepActions).map((a) => sql`${a}`),
  sql`, `,
);

export interface StepRow {
  step: ChangeStep;
  userId: number | null;
  by: string | null;
  at: string;
  /** The reason a 退回 or 作废 gave. */
  reason: string | null;
}

/** The steps of the changes named, oldest first. */
export async function stepsOf(db: Db, ids: readonly number[]): Promise<Map<number, StepRow[]>> {
  const out = new Map<number, StepRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const found = await rows<{
    object_id: string;
    action: string;
    user_id: string | number | null;
    display_name: string | null;
    at: Date | string;
    reason: string | null;
  }>(
    db,
    sql`select a.object_id, a.action, a.user_id, u.display_name, a.at,
          case when a.action in (${stepActions.return}, ${stepActions.cancel}) then a.details->>'reason' end as reason
        from audit_log a left join users u on u.id = a.user_id
        where a.object_type = 'division_change' and a.action in (${actions})
          and a.object_id in (${sql.join(
            ids.map((id) => sql`${String(id)}`),
            sql`, `,
          )})
        order by a.id`,
  );
  for (const r of found)
    out.get(Number(r.object_id))?.push({
      step: stepOf.get(r.action)!,
      userId: r.user_id === null ? null : Number(r.user_id),
      by: r.display_name,
      at: new Date(r.at).toISOString(),
      reason: r.reason,
    });
  return out;
}

/** The version of one change: its steps so far. */
export async function versionOf(db: Db, id: number): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log
        where object_type = 'division_change' and object_id = ${String(id)} and action in (${actions})`,
  );
  return Number(n);
}

/** Separation of duties: the recorder does not 复核 their own change. The reason, or null. */
export function reviewRefusal(steps: readonly StepRow[], userId: number, createdBy: number | null): string | null {
  const recorder = steps.find((s) => s.step === 'record')?.userId ?? createdBy;
  return recorder === userId ? '您登记了本项区划变更，按不相容岗位分离的规定，复核须由其他管理员办理' : null;
}
