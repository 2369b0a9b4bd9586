/** A member of a household in receipt died: the household's re-review moves up. */
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { AppError } from '../../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import type { DeathInput } from '../../../../shared/assistance/entitlements.js';
import { type EntitlementInputs } from '../policy/compute.js';
import { recordEntitlementInTx } from './lifecycle.js';
import { lockEntitlement } from './scope.js';

/** A member died: the household is re-reviewed within 3 months (the review date moves up). */
export async function reportDeath(deps: Deps, ctx: Ctx, id: number, input: DeathInput): Promise<{ id: number; nextReviewDate: string }> {
  const actor = requireActor(ctx.actor);
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (
      !e.coveredPersonIds.includes(input.personId) &&
      !(e.inputs as unknown as EntitlementInputs).members?.some((m) => m.personId === input.personId)
    ) {
      throw AppError.field('personId', '该人员不是此待遇的家庭成员');
    }
    const due = `${addMonths(monthOf(input.diedOn), 3)}-${input.diedOn.slice(8, 10) > '28' ? '28' : input.diedOn.slice(8, 10)}`;
    const nextReviewDate = e.nextReviewDate && e.nextReviewDate < due ? e.nextReviewDate : due;
    await recordEntitlementInTx(tx, ctx, e, 'death', {
      today: shanghaiToday(),
      version: input.version,
      set: { nextReviewDate },
      data: {
        kind: 'death_reported',
        effectiveMonth: monthOf(input.diedOn),
        historyReason: `家庭成员于 ${input.diedOn} 去世，须于 ${due} 前复核`,
        auditDetails: { personId: input.personId },
      },
    });
    return { id, nextReviewDate };
  });
}
