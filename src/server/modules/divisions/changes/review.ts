/**
 * The second person and the correction (docs/rules.md "Dated divisions (区划变更)", docs/decisions.md
 * 40): a change re-codes every record of the divisions it moves, so the change one administrator
 * records waits (待复核) until a second administrator checks it: 复核通过 makes it 待生效 (applied on
 * its date, at once when the date has come), 退回 with a reason ends it (已作废). A change recorded in
 * error is withdrawn (作废, with a reason) while it waits; once it took effect it is undone by
 * recording the reverse change. Each step checks the version the user saw, and writes its audit row
 * (the change's history) in its transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { divisionChanges } from '../../../platform/db/schema.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { changeStatuses, type ChangeStatus, type CloseChangeInput } from '../../../../shared/divisions/changes.js';
import type { ChangeSpec } from './record.js';
import { APPLY_CHANGE, enqueueApply } from './due.js';
import { reviewRefusal, stepsOf, versionOf } from './steps.js';

export const STALE = '该区划变更已被他人处理，请刷新后查看最新状态';
const order = (status: ChangeStatus, step: string) => `该区划变更当前状态为「${changeStatuses[status]}」，不能${step}`;

type Answer = { id: number; status: ChangeStatus; jobId: number | null };

/** The change, locked for the step, inside the actor's jurisdiction (else 404, as for an id that does not exist). */
async function lockChange(tx: Db, actor: Actor, id: number) {
  const [c] = await tx.select().from(divisionChanges).where(eq(divisionChanges.id, id)).for('update');
  if (!c) throw AppError.notFound('区划变更');
  const spec = c.spec as ChangeSpec;
  if (!spec.plan.touched.every((code) => code.startsWith(actor.divisionCode))) throw AppError.notFound('区划变更');
  return { ...c, spec };
}

async function checkVersion(tx: Db, id: number, version: number): Promise<void> {
  if ((await versionOf(tx, id)) !== version) throw AppError.conflict(STALE);
}

/** 复核通过: by another administrator; the change is 待生效, and applied now when its date has come. */
export async function reviewChange(deps: Deps, ctx: Ctx, id: number, input: { version: number }): Promise<Answer> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  const change = await deps.database.db.transaction(async (tx) => {
    const c = await lockChange(tx, actor, id);
    if (c.status !== 'pending_review') throw AppError.conflict(order(c.status, '复核'));
    const duty = reviewRefusal((await stepsOf(tx, [id])).get(id)!, actor.userId, c.createdBy);
    if (duty) throw AppError.forbidden(duty);
    await checkVersion(tx, id, input.version);
    await tx
      .update(divisionChanges)
      .set({ status: 'planned' })
      .where(and(eq(divisionChanges.id, id), sql`${divisionChanges.status} = 'pending_review'`));
    await audit(tx, ctx, {
      action: 'division_change.review',
      objectType: 'division_change',
      objectId: id,
      details: { summary: c.spec.plan.summary, effectiveDate: c.effectiveDate, documentNo: c.documentNo },
    });
    return c;
  });
  const jobId = change.effectiveDate <= shanghaiToday() ? await enqueueApply(deps, id, actor.userId) : null;
  return { id, status: 'planned', jobId };
}

/** 退回 at the 复核, with the reason: the change ends (已作废) and reserves no codes. */
export async function returnChange(deps: Deps, ctx: Ctx, id: number, input: CloseChangeInput): Promise<Answer> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  await deps.database.db.transaction(async (tx) => {
    const c = await lockChange(tx, actor, id);
    if (c.status !== 'pending_review') throw AppError.conflict(order(c.status, '退回'));
    const duty = reviewRefusal((await stepsOf(tx, [id])).get(id)!, actor.userId, c.createdBy);
    if (duty) throw AppError.forbidden(duty);
    await checkVersion(tx, id, input.version);
    await close(tx, c);
    await audit(tx, ctx, {
      action: 'division_change.return',
      objectType: 'division_change',
      objectId: id,
      details: { ...closed(c), reason: input.reason },
    });
  });
  return { id, status: 'cancelled', jobId: null };
}

/** 作废 a change recorded in error, while it waits (待复核, 待生效); one that took effect is undone by the reverse change. */
export async function cancelChange(deps: Deps, ctx: Ctx, id: number, input: CloseChangeInput): Promise<Answer> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  await deps.database.db.transaction(async (tx) => {
    const c = await lockChange(tx, actor, id);
    if (c.status === 'applied')
      throw AppError.conflict('该区划变更已生效，不能作废；如需恢复，请登记一项相反的区划变更（改回原代码、原名称或原隶属）');
    if (c.status !== 'pending_review' && c.status !== 'planned') throw AppError.conflict(order(c.status, '作废'));
    // The apply job re-codes in batches: once a run started (running, or stopped half-way and to be taken up
    // again), the change finishes and is then undone by the reverse one.
    const [running] = await rows<{ id: string | number }>(
      tx,
      sql`select id from jobs where kind = ${APPLY_CHANGE} and status <> 'queued' and payload->>'changeId' = ${String(id)} limit 1`,
    );
    if (running || Object.keys(c.counts).length)
      throw AppError.conflict('该区划变更正在生效（改码中），不能作废；生效后如需恢复，请登记一项相反的区划变更');
    await checkVersion(tx, id, input.version);
    await close(tx, c);
    await audit(tx, ctx, {
      action: 'division_change.cancel',
      objectType: 'division_change',
      objectId: id,
      details: { ...closed(c), reason: input.reason },
    });
  });
  return { id, status: 'cancelled', jobId: null };
}

/** The change ends (已作废): it reserves no codes and is never due. */
async function close(tx: Db, c: { id: number }): Promise<void> {
  await tx.update(divisionChanges).set({ status: 'cancelled' }).where(eq(divisionChanges.id, c.id));
}

/** What the audit row of a 退回 or 作废 says besides the reason (the history reads the reason). */
const closed = (c: { status: ChangeStatus; effectiveDate: string; spec: ChangeSpec }) => ({
  summary: c.spec.plan.summary,
  effectiveDate: c.effectiveDate,
  changeStatus: c.status,
});
