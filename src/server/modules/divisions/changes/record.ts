/**
 * Recording a division change (登记区划变更, docs/rules.md "Dated divisions (区划变更)"): the change,
 * its mapping table (every old code of the moved subtrees → its new code) and the audit row in one
 * transaction. It waits for a second administrator's 复核 (review.ts); reviewed, a change effective
 * today or earlier is applied at once, a later one by the timer on its date (due.ts).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/access/scope.js';
import { rows, startsWith, type Db } from '../../../platform/db/index.js';
import { divisionChanges, divisionCodeMap } from '../../../platform/db/schema.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { countyOf } from '../../../../shared/divisions.js';
import { changeStatuses, type ChangeStatus, type RecordChangeInput } from '../../../../shared/divisions/changes.js';
import { planChange, type Plan, type Tree, type TreeNode } from './plan.js';

/** The spec a change keeps: what was asked and what it was worked out to do. */
export interface ChangeSpec extends Record<string, unknown> {
  input: RecordChangeInput;
  plan: Omit<Plan, 'map'>;
}

/** The changes not yet applied nor cancelled. */
const waiting = sql`${divisionChanges.status} in ('pending_review', 'planned')`;

export async function loadTree(db: Db, cityCode: string): Promise<Tree> {
  const found = await rows<{ code: string; name: string; parent_code: string | null; level: number; valid_to: string | null }>(
    db,
    sql`select code, name, parent_code, level, valid_to::text as valid_to from divisions where ${startsWith(sql`code`, cityCode)}`,
  );
  const nodes = new Map<string, TreeNode>(
    found.map((r) => [r.code, { code: r.code, name: r.name, parentCode: r.parent_code, level: Number(r.level), validTo: r.valid_to }]),
  );
  // A change waiting (待复核, 待生效) reserves the codes it creates; a cancelled one frees them.
  const planned = await db.select({ spec: divisionChanges.spec }).from(divisionChanges).where(waiting);
  const reserved = new Set(planned.flatMap((p) => (p.spec as ChangeSpec).plan.created.map((c) => c.code)));
  return { nodes, reserved };
}

export async function recordChange(
  deps: Deps,
  ctx: Ctx,
  input: RecordChangeInput,
): Promise<{ id: number; status: ChangeStatus; jobId: number | null }> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  const db = deps.database.db;
  const tree = await loadTree(db, deps.config.JIMIN_CITY);
  const plan = planChange(tree, input);
  for (const code of plan.touched) if (!code.startsWith(actor.divisionCode)) throw AppError.notFound('行政区划');
  // One waiting change per county at a time: the next one is worked out on the tree the first leaves.
  const counties = new Set(plan.touched.map(countyOf));
  const pending = await db
    .select({ id: divisionChanges.id, status: divisionChanges.status, spec: divisionChanges.spec })
    .from(divisionChanges)
    .where(waiting);
  const clash = pending.find((p) => (p.spec as ChangeSpec).plan.touched.some((c) => counties.has(countyOf(c))));
  if (clash)
    throw AppError.conflict(`该县（市、区）已有一项${changeStatuses[clash.status]}的区划变更（#${clash.id}），请待其生效或作废后再登记`);

  const { map, ...rest } = plan;
  const spec: ChangeSpec = { input, plan: rest };
  const id = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(divisionChanges)
      .values({
        kind: input.kind,
        effectiveDate: input.effectiveDate,
        documentNo: input.documentNo,
        reason: input.reason,
        spec,
        status: 'pending_review',
        createdBy: actor.userId,
      })
      .returning({ id: divisionChanges.id });
    for (let i = 0; i < map.length; i += 500)
      await tx.insert(divisionCodeMap).values(map.slice(i, i + 500).map(([oldCode, newCode]) => ({ changeId: c.id, oldCode, newCode })));
    await audit(tx, ctx, {
      action: 'division_change.record',
      objectType: 'division_change',
      objectId: c.id,
      details: {
        kind: input.kind,
        effectiveDate: input.effectiveDate,
        documentNo: input.documentNo,
        reason: input.reason,
        summary: plan.summary,
        mapped: map.length,
      },
    });
    return c.id;
  });
  return { id, status: 'pending_review', jobId: null };
}
