/**
 * Adjusting an entitlement: suspending, resuming and stopping, each from a month and recorded in
 * its history. Stopping a 特困 recipient's support is announced first (stop-notice.ts).
 */
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { AppError } from '../../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import type { ChangeInput, EntitlementChanged } from '../../../../shared/assistance/entitlements.js';
import { endBenefitRecordsInTx, writeBenefitRecordsInTx } from './entitlements.js';
import { stopNotice } from '../cases/workflow.js';
import { recordEntitlementInTx } from './lifecycle.js';
import { lockEntitlement } from './scope.js';
import { startStopNoticeInTx } from './stop-notice.js';

/** Suspend, resume or stop from a month (never a month already paid: from next month on). */
export async function changeEntitlement(deps: Deps, ctx: Ctx, id: number, input: ChangeInput): Promise<EntitlementChanged> {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  const next = addMonths(monthOf(today), 1);
  if (input.effectiveMonth < next) throw AppError.field('effectiveMonth', `只能从下月（${next}）起调整，已发放的月份不能更改`);
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (input.kind === 'stop' && stopNotice.categories.includes(e.category)) {
      return startStopNoticeInTx(deps, tx, ctx, e, {
        effectiveMonth: input.effectiveMonth,
        reason: input.reason,
        breakdown: null,
        version: input.version,
      });
    }
    const updated = await recordEntitlementInTx(tx, ctx, e, input.kind, {
      today,
      version: input.version,
      reason: input.reason,
      set: input.kind === 'stop' ? { endMonth: addMonths(input.effectiveMonth, -1) } : {},
      data: {
        effectiveMonth: input.effectiveMonth,
        oldFen: e.monthlyFen,
        newFen: input.kind === 'resume' ? e.monthlyFen : 0,
        auditDetails: { effectiveMonth: input.effectiveMonth },
      },
    });
    if (input.kind !== 'resume') await endBenefitRecordsInTx(tx, [id], input.effectiveMonth);
    else await writeBenefitRecordsInTx(tx, [id], input.effectiveMonth);
    return { id, status: updated.status };
  });
}
