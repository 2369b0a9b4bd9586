/**
 * 终止公示: stopping a 特困 recipient's support is announced first (`stopNotice`) on the platform's
 * notice board, carried out when the notice ends without objection, and withdrawn by an objection.
 */
import { eq, sql } from 'drizzle-orm';
import { personNameOf } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { maskName } from '../../../../shared/mask.js';
import { assistanceCategories, type AssistanceCategory } from '../../../../shared/assistance-codes.js';
import type { StopObjectionInput } from '../../../../shared/assistance/entitlements.js';
import { assistanceEntitlements } from '../schema.js';
import { endBenefitRecordsInTx } from './entitlements.js';
import { stopNotice } from '../cases/workflow.js';
import { calendarDays } from '../../../platform/casework/clocks.js';
import { recordEntitlementInTx, type Entitlement } from './lifecycle.js';
import { lockEntitlement } from './scope.js';

/** Suspend and resume from next month; a stop too, unless it needs a 终止公示 first (then the month after the notice). */
export function earliestChanges(category: string, today = shanghaiToday()) {
  const next = addMonths(monthOf(today), 1);
  if (!stopNotice.categories.includes(category as AssistanceCategory)) return { month: next, stopMonth: next, stopNoticeEnds: null };
  const ends = calendarDays(today, stopNotice.calendarDays).lastDay;
  return { month: next, stopMonth: addMonths(monthOf(ends), 1), stopNoticeEnds: ends };
}

/**
 * 终止公示: announces the stop of a 特困 recipient's support for 7 calendar days from today. The stop
 * takes effect from `effectiveMonth`, at the earliest the month after the notice's last day.
 */
export async function startStopNoticeInTx(
  deps: Deps,
  tx: Db,
  ctx: Ctx,
  e: Entitlement,
  opts: {
    effectiveMonth: string | null;
    reason: string;
    breakdown: string | null;
    version?: number;
    /** Who the stop is carried out for, where the platform starts the notice (a death the registry recorded). */
    actorUserId?: number | null;
  },
) {
  const today = shanghaiToday();
  const { stopMonth: earliest, stopNoticeEnds } = earliestChanges(e.category, today);
  const ends = stopNoticeEnds!;
  const month = opts.effectiveMonth ?? earliest;
  if (month < earliest)
    throw AppError.field(
      'effectiveMonth',
      `特困人员终止供养须先公示 ${stopNotice.calendarDays} 天（至 ${ends}），最早从 ${earliest} 起停发`,
    );
  await recordEntitlementInTx(tx, ctx, e, 'stop_notice', {
    today,
    version: opts.version,
    reason: opts.reason,
    set: {
      stopNoticeEnds: ends,
      stopPending: {
        effectiveMonth: month,
        reason: opts.reason,
        actorUserId: ctx.actor ? requireActor(ctx.actor).userId : (opts.actorUserId ?? null),
      },
    },
    data: {
      effectiveMonth: month,
      oldFen: e.monthlyFen,
      newFen: 0,
      breakdown: opts.breakdown,
      historyReason: `终止公示至 ${ends}：${opts.reason}`,
      auditDetails: { effectiveMonth: month, noticeEnds: ends },
    },
    recordedActorUserId: ctx.actor ? undefined : (opts.actorUserId ?? null),
  });
  // On the village's public page: the payee's name masked, the household covered, the amount (docs/security.md D4).
  const [payee] = await rows<{ name: string }>(tx, sql`select ${personNameOf(e.payeePersonId)} as name`);
  await deps.notices.startInTx(tx, {
    kind: STOP_NOTICE,
    recordId: e.id,
    divisionCode: e.divisionCode,
    matter: '拟终止供养',
    shown: {
      name: maskName(payee.name),
      category: assistanceCategories[e.category],
      householdSize: e.coveredPersonIds.length,
      monthlyFen: e.monthlyFen,
    },
    startsOn: today,
    lastDay: ends,
  });
  return { id: e.id, status: e.status, stopNoticeEnds: ends, effectiveMonth: month };
}

/** An objection within the 终止公示 withdraws the stop; support continues and the household is due for re-review now. */
export async function objectToStop(deps: Deps, ctx: Ctx, id: number, input: StopObjectionInput) {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    await recordEntitlementInTx(tx, ctx, e, 'stop_objection', {
      today,
      version: input.version,
      reason: input.reason,
      set: { stopNoticeEnds: null, stopPending: null, nextReviewDate: today },
      data: {
        effectiveMonth: e.stopPending?.effectiveMonth ?? monthOf(today),
        oldFen: e.monthlyFen,
        newFen: e.monthlyFen,
        historyReason: `终止公示异议，继续供养并重新复核：${input.reason}`,
      },
    });
    await deps.notices.withdrawInTx(tx, STOP_NOTICE, id);
    return { id, status: e.status, nextReviewDate: today };
  });
}

/** The kind of a 终止公示 on the platform's notice board. */
export const STOP_NOTICE = 'assistance_stop';

/** A 终止公示 that ended without objection: support stops from the month it announced. */
export async function endStopNotice(tx: Db, entitlementId: number, today: string): Promise<void> {
  const [e] = await tx.select().from(assistanceEntitlements).where(eq(assistanceEntitlements.id, entitlementId)).for('update');
  if (!e?.stopNoticeEnds || e.stopNoticeEnds >= today || !e.stopPending) return;
  // The announced month; a notice carried out late never stops a month before the current one.
  const month = e.stopPending.effectiveMonth > monthOf(today) ? e.stopPending.effectiveMonth : monthOf(today);
  await recordEntitlementInTx(tx, { actor: null, ip: '' }, e, 'stop', {
    today,
    reason: e.stopPending.reason,
    set: { endMonth: addMonths(month, -1), nextReviewDate: null, stopNoticeEnds: null, stopPending: null },
    data: {
      effectiveMonth: month,
      oldFen: e.monthlyFen,
      newFen: 0,
      historyReason: `终止公示期满无异议：${e.stopPending.reason}`,
      auditDetails: { effectiveMonth: month, afterNotice: e.stopNoticeEnds },
    },
    recordedActorUserId: e.stopPending.actorUserId,
  });
  await endBenefitRecordsInTx(tx, [e.id], month);
}
