/**
 * Re-review (复核): yearly for stable households, every 6 months for irregular income, within 3
 * months after a member's death. 渐退期: when a re-review finds the household above the line because
 * a member found work, payment continues for up to the configured months.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import type { AssistanceCategory } from '../../../../shared/assistance-codes.js';
import type { ReviewAnswer, ReviewInput } from '../../../../shared/assistance/entitlements.js';
import { compute, type EntitlementInputs } from '../policy/compute.js';
import { PolicyBook } from '../policy/policy.js';
import { endBenefitRecordsInTx, writeBenefitRecordsInTx } from './entitlements.js';
import { stopNotice } from '../cases/workflow.js';
import { entitlementWorkflow, recordEntitlementInTx } from './lifecycle.js';
import { lockEntitlement } from './scope.js';
import { startStopNoticeInTx } from './stop-notice.js';

/**
 * Re-review: recompute with the incomes found now and the standard of next month. Still eligible:
 * the new amount from next month. Above the line because a member found work: 渐退期, the current
 * amount continues for up to `taper_max_months`, then stops. Otherwise: stops from next month.
 */
export async function reviewEntitlement(deps: Deps, ctx: Ctx, id: number, input: ReviewInput): Promise<ReviewAnswer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const book = await PolicyBook.load(db);
  const today = shanghaiToday();
  const next = addMonths(monthOf(today), 1);
  return db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    // The order and a running 终止公示 first, before anything is computed or a notice started.
    const why = entitlementWorkflow.whyNot(e.category, e.status, 'review', { stopNoticeEnds: e.stopNoticeEnds, today });
    if (why) throw AppError.conflict(why);
    const old = e.inputs as unknown as EntitlementInputs;
    const incomes = new Map(input.members.map((m) => [m.personId, m.incomes]));
    const inputs: EntitlementInputs = {
      ...old,
      month: next,
      members: old.members.map((m) => ({ ...m, incomes: incomes.get(m.personId) ?? m.incomes })),
    };
    const r = compute(inputs, book);
    const county = e.countyCode;
    const interval = book.param('review_interval_months', county, next);
    const nextReviewDate = `${addMonths(next, input.irregularIncome ? interval.irregular : interval.stable)}-01`;
    let kind: 'reviewed' | 'adjusted' | 'taper' | 'stopped';
    let endMonth: string | null = e.endMonth;
    let monthlyFen = e.monthlyFen;
    let breakdown = e.breakdown;
    if (r.eligible) {
      kind = r.monthlyFen === e.monthlyFen ? 'reviewed' : 'adjusted';
      monthlyFen = r.monthlyFen;
      breakdown = r.breakdown;
    } else if (input.foundWork && book.param('taper_max_months', county, next) > 0) {
      // 渐退期 (低保审核确认办法): keep paying the current amount for up to N months.
      kind = 'taper';
      endMonth = addMonths(next, book.param('taper_max_months', county, next) - 1);
      breakdown = `${e.breakdown}（渐退期至 ${endMonth}）`;
    } else if (stopNotice.categories.includes(e.category as AssistanceCategory)) {
      // 特困: no longer meets the conditions; the stop is announced first (终止公示).
      await closeRecheckInTx(tx, id);
      const started = await startStopNoticeInTx(deps, tx, ctx, e, {
        effectiveMonth: null,
        reason: `${input.reason}；${r.failures.join('；') || r.breakdown}`,
        breakdown: r.breakdown,
        version: input.version,
      });
      return {
        id,
        kind: 'stop_notice' as const,
        monthlyFen: e.monthlyFen,
        breakdown: e.breakdown,
        endMonth: addMonths(started.effectiveMonth, -1),
        nextReviewDate: e.nextReviewDate,
        stopNoticeEnds: started.stopNoticeEnds,
      };
    } else {
      kind = 'stopped';
      endMonth = addMonths(next, -1);
    }
    const reason = kind === 'stopped' ? `${input.reason}；${r.breakdown}` : input.reason;
    await recordEntitlementInTx(tx, ctx, e, 'review', {
      today,
      version: input.version,
      reason: input.reason,
      set: {
        monthlyFen,
        breakdown,
        inputs: (r.eligible ? r.inputs : inputs) as unknown as Record<string, unknown>,
        endMonth,
        nextReviewDate: kind === 'stopped' || kind === 'taper' ? null : nextReviewDate,
      },
      data: {
        kind,
        effectiveMonth: next,
        oldFen: e.monthlyFen,
        newFen: kind === 'stopped' ? 0 : monthlyFen,
        breakdown: r.breakdown,
        historyReason: reason,
        auditDetails: { kind, effectiveMonth: next },
      },
    });
    if (kind !== 'reviewed') {
      await endBenefitRecordsInTx(tx, [id], next);
      if (kind !== 'stopped') await writeBenefitRecordsInTx(tx, [id], next);
    }
    await closeRecheckInTx(tx, id);
    return { id, kind, monthlyFen, breakdown, endMonth, nextReviewDate: kind === 'stopped' || kind === 'taper' ? null : nextReviewDate };
  });
}

/** The review closes the household's batch re-check, if one was open. */
async function closeRecheckInTx(tx: Db, entitlementId: number) {
  await tx.execute(
    sql`update assistance_checks set status = 'reviewed', updated_at = now() where entitlement_id = ${entitlementId} and status in
      ('requested', 'replied')`,
  );
}
