/**
 * Social assistance's answer to a death the registry recorded (registry/events.ts `PERSON_DIED`;
 * docs/rules.md "A recipient's death"): the deceased is no longer covered from the month after the
 * death. Where nobody covered is left, the entitlement ends: a 低保 one stops from that month; a
 * 特困 one stops being paid from that month and its termination is announced (终止公示, 特困人员认定办法
 * 第二十六条, which exempts no ground), ending when the notice does. Other households are recomputed
 * without the deceased from the later of that month and next month, and are due for re-review within
 * 3 months. Months already paid after the death are listed for recovery (payments/after-death.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { rows, type Db } from '../../../platform/db/index.js';
import type { JobHandler } from '../../../platform/jobs/runner.js';
import { actorForJob } from '../../../platform/jobs/actor.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import type { PersonDied } from '../../registry/events.js';
import { stopNotice } from '../cases/workflow.js';
import { PolicyBook } from '../policy/policy.js';
import { compute, type EntitlementInputs } from '../policy/compute.js';
import { assistanceEntitlements } from '../schema.js';
import { endBenefitRecordsInTx, writeBenefitRecordsInTx } from './entitlements.js';
import { recordEntitlementInTx, type Entitlement } from './lifecycle.js';
import { startStopNoticeInTx } from './stop-notice.js';

/** The suspension a payee's death brings (history kind), lifted by 变更领取人. */
export const PAYEE_DIED_KIND = 'payee_died';
const PAYEE_DIED = '领取人去世，待变更领取人';

export function deathHandler(deps: Deps): JobHandler {
  return async (job) => {
    const event = job.payload as unknown as PersonDied;
    if (event.revoked || !event.diedOn)
      return { status: 'succeeded', result: await noteRevokedDeath(deps, Number(event.personId), job.createdBy) };
    return { status: 'succeeded', result: await reactToDeath(deps, Number(event.personId), event.diedOn, job.createdBy) };
  };
}

/** The re-review date a death sets: 3 months after it (a day past the 28th as the 28th), unless one is due sooner. */
export function reviewDueAfterDeath(diedOn: string, current: string | null): string {
  const day = diedOn.slice(8, 10) > '28' ? '28' : diedOn.slice(8, 10);
  const due = `${addMonths(monthOf(diedOn), 3)}-${day}`;
  return current && current < due ? current : due;
}

export async function reactToDeath(deps: Deps, personId: number, diedOn: string, userId: number | null) {
  const db = deps.database.db;
  const affected = await rows<{ id: number | string }>(
    db,
    sql`select e.id from assistance_entitlements e where e.status in ('active', 'suspended')
        and (e.covered_person_ids @> ${JSON.stringify([personId])}::jsonb
          or exists (select 1 from jsonb_array_elements(e.inputs->'members') m where (m->>'personId')::bigint = ${personId}))
        order by e.id`,
  );
  if (!affected.length) return { entitlements: 0 };
  // The reaction is the platform's, on behalf of whoever recorded the death (the history names them).
  const actor = userId ? await actorForJob(deps, userId).catch(() => null) : null;
  const ctx: Ctx = { actor: null, ip: '' };
  const today = shanghaiToday();
  const uncovered = addMonths(monthOf(diedOn), 1);
  const next = addMonths(monthOf(today), 1);
  const from = uncovered > next ? uncovered : next;
  const book = await PolicyBook.load(db);
  const outcomes: Record<string, number> = { ended: 0, announced: 0, recomputed: 0 };
  for (const { id } of affected) {
    await db.transaction(async (tx) => {
      const [e] = await tx
        .select()
        .from(assistanceEntitlements)
        .where(eq(assistanceEntitlements.id, Number(id)))
        .for('update');
      if (!e || e.status === 'stopped') return;
      const covered = e.coveredPersonIds.filter((p) => p !== personId);
      const reason = `家庭成员于 ${diedOn} 去世（人口库登记），自 ${uncovered} 起不再计入保障人口`;
      if (!covered.length) {
        outcomes[await endForDeath(deps, tx, ctx, e, { diedOn, uncovered, today, by: actor?.userId ?? null })]++;
        return;
      }
      await recomputeWithout(tx, ctx, e, { personId, diedOn, from, today, reason, covered, book, by: actor?.userId ?? null });
      outcomes.recomputed++;
    });
  }
  return { entitlements: affected.length, ...outcomes };
}

/** Nobody covered is left: a 低保 entitlement stops from the month after the death; a 特困 one stops being paid and is announced. */
async function endForDeath(
  deps: Deps,
  tx: Db,
  ctx: Ctx,
  e: Entitlement,
  o: { diedOn: string; uncovered: string; today: string; by: number | null },
): Promise<'ended' | 'announced'> {
  const reason = `本人于 ${o.diedOn} 去世（人口库登记）`;
  if (!stopNotice.categories.includes(e.category)) {
    await recordEntitlementInTx(tx, ctx, e, 'stop', {
      today: o.today,
      reason,
      set: { endMonth: addMonths(o.uncovered, -1), nextReviewDate: null },
      data: {
        kind: 'death_stopped',
        effectiveMonth: o.uncovered,
        oldFen: e.monthlyFen,
        newFen: 0,
        historyReason: `${reason}，自 ${o.uncovered} 起停发`,
        auditDetails: { effectiveMonth: o.uncovered, kind: 'death' },
      },
      recordedActorUserId: o.by,
    });
    await endBenefitRecordsInTx(tx, [e.id], o.uncovered);
    return 'ended';
  }
  // 特困: no payment from the month after the death (暂停), then the 终止公示 the rules require for every ground.
  const suspended =
    e.status === 'active'
      ? await recordEntitlementInTx(tx, ctx, e, 'suspend', {
          today: o.today,
          reason,
          data: {
            kind: 'death_suspended',
            effectiveMonth: o.uncovered,
            oldFen: e.monthlyFen,
            newFen: 0,
            historyReason: `${reason}，自 ${o.uncovered} 起停止发放，终止公示期满后终止供养`,
            auditDetails: { effectiveMonth: o.uncovered, kind: 'death' },
          },
          recordedActorUserId: o.by,
        })
      : e;
  await endBenefitRecordsInTx(tx, [e.id], o.uncovered);
  if (!suspended.stopNoticeEnds)
    await startStopNoticeInTx(deps, tx, ctx, suspended, { effectiveMonth: null, reason, breakdown: null, actorUserId: o.by });
  return 'announced';
}

/** Others remain: the household is recomputed without the deceased and re-reviewed within 3 months. */
async function recomputeWithout(
  tx: Db,
  ctx: Ctx,
  e: Entitlement,
  o: {
    personId: number;
    diedOn: string;
    from: string;
    today: string;
    reason: string;
    covered: number[];
    book: PolicyBook;
    by: number | null;
  },
) {
  const old = e.inputs as unknown as EntitlementInputs & { migrated?: unknown };
  let inputs = old as EntitlementInputs;
  let monthlyFen = e.monthlyFen;
  let breakdown = e.breakdown;
  // A migrated entitlement has no members' facts to recompute from: its amount stays until the re-review.
  if (!old.migrated && old.members) {
    const r = compute({ ...old, month: o.from, members: old.members.filter((m) => m.personId !== o.personId) }, o.book);
    inputs = { ...r.inputs, deceased: [...(old.deceased ?? []), { personId: o.personId, diedOn: o.diedOn }] };
    monthlyFen = r.monthlyFen;
    breakdown = r.breakdown;
  }
  const nextReviewDate = reviewDueAfterDeath(o.diedOn, e.nextReviewDate);
  const recomputed = await recordEntitlementInTx(tx, ctx, e, 'death', {
    today: o.today,
    set: { coveredPersonIds: o.covered, inputs: inputs as never, monthlyFen, breakdown, nextReviewDate },
    data: {
      kind: 'death_reported',
      effectiveMonth: o.from,
      oldFen: e.monthlyFen,
      newFen: monthlyFen,
      breakdown,
      historyReason: `${o.reason}；按 ${o.covered.length} 人重新核算，须于 ${nextReviewDate} 前复核`,
      auditDetails: { personId: o.personId, effectiveMonth: o.from },
    },
    recordedActorUserId: o.by,
  });
  // The deceased was the payee: nothing more goes into their account; paid again once 变更领取人 names another member (payee.ts).
  if (e.payeePersonId === o.personId && recomputed.status === 'active')
    await recordEntitlementInTx(tx, ctx, recomputed, 'suspend', {
      today: o.today,
      reason: PAYEE_DIED,
      data: {
        kind: PAYEE_DIED_KIND,
        effectiveMonth: o.from,
        historyReason: `领取人于 ${o.diedOn} 去世，自 ${o.from} 起暂停发放，变更领取人后恢复`,
        auditDetails: { effectiveMonth: o.from, kind: PAYEE_DIED_KIND },
      },
      recordedActorUserId: o.by,
    });
  await endBenefitRecordsInTx(tx, [e.id], o.from);
  await writeBenefitRecordsInTx(tx, [e.id], o.from, o.reason);
}

/**
 * A death recorded in error was revoked: each entitlement that reacted is due for re-review today,
 * recorded through the lifecycle (its history and audit row) on behalf of who revoked it; a clerk
 * restores what applies at the review.
 */
async function noteRevokedDeath(deps: Deps, personId: number, userId: number | null) {
  const db = deps.database.db;
  const today = shanghaiToday();
  const found = await rows<{ id: number | string }>(
    db,
    sql`select e.id from assistance_entitlements e
        where (e.inputs->'deceased' @> ${JSON.stringify([{ personId }])}::jsonb
            or e.covered_person_ids @> ${JSON.stringify([personId])}::jsonb)
          and exists (select 1 from assistance_entitlement_changes c where c.entitlement_id = e.id
            and c.kind in ('death_reported', 'death_stopped', 'death_suspended'))`,
  );
  const actor = userId ? await actorForJob(deps, userId).catch(() => null) : null;
  const ctx: Ctx = { actor: null, ip: '' };
  for (const { id } of found)
    await db.transaction(async (tx) => {
      const [e] = await tx
        .select()
        .from(assistanceEntitlements)
        .where(eq(assistanceEntitlements.id, Number(id)))
        .for('update');
      if (!e) return;
      await recordEntitlementInTx(tx, ctx, e, 'death', {
        today,
        set: { nextReviewDate: today },
        data: {
          kind: 'death_revoked',
          effectiveMonth: monthOf(today),
          historyReason: '人口库撤销了该死亡登记（登记有误），请复核并按实际情况恢复待遇',
          auditDetails: { personId, kind: 'death_revoked' },
        },
        recordedActorUserId: actor?.userId ?? null,
      });
    });
  return { entitlements: found.length };
}
