/**
 * 高龄津贴's answer to a death the registry recorded (registry/events.ts `PERSON_DIED`; docs/rules.md
 * "高龄津贴 (old-age allowance)"): the allowance is paid for the month of death and stops from the
 * month after (已停发, the last month kept as `end_month`), with its history entry and audit row. A death
 * revoked as recorded in error puts the record back where the death found it (发放中, or 待确认) with no
 * end month, so the next rolls pay it again.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import type { PersonDied } from '../registry/events.js';
import { elderlyAllowances } from './schema.js';
import { endAllowanceBenefitsInTx, recordAllowanceBenefitsInTx } from './benefit.js';
import { historyOf, lockAllowance, recordAllowanceInTx } from './workflow.js';

export function deathHandler(deps: Deps): JobHandler {
  return async (job) => {
    const event = job.payload as unknown as PersonDied;
    return {
      status: 'succeeded',
      result: await answerDeath(deps, Number(event.personId), event.revoked || !event.diedOn ? null : event.diedOn),
    };
  };
}

/** `diedOn` null: the death was revoked. */
export async function answerDeath(deps: Deps, personId: number, diedOn: string | null): Promise<{ changed: number }> {
  const db = deps.database.db;
  // The platform's reaction; the registry's clerk is named in the registry's own audit row.
  const ctx: Ctx = { actor: null, ip: '' };
  const today = shanghaiToday();
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ id: elderlyAllowances.id }).from(elderlyAllowances).where(eq(elderlyAllowances.personId, personId));
    const a = found ? await lockAllowance(tx, found.id) : null;
    if (!a) return { changed: 0 };
    if (diedOn) {
      if (a.status !== 'pending' && a.status !== 'paying') return { changed: 0 };
      const endMonth = monthOf(diedOn);
      await recordAllowanceInTx(tx, ctx, a, 'death', {
        today,
        actorName: '平台（人口库死亡登记）',
        reason: `本人于 ${diedOn} 去世（人口库登记），自 ${addMonths(endMonth, 1)} 起停发`,
        data: { diedOn, endMonth },
        set: { endMonth },
      });
      // The ledger: paid for the month of death, not after.
      await endAllowanceBenefitsInTx(tx, a.id, addMonths(endMonth, 1));
      return { changed: 1 };
    }
    if (a.status !== 'stopped') return { changed: 0 };
    // Only a record the death stopped (its last stop: not one stopped since by a move out of the city).
    const death = (await historyOf(tx, a.id)).filter((h) => h.toStatus === 'stopped' && h.fromStatus !== 'stopped').at(-1);
    if (death?.action !== 'death') return { changed: 0 };
    const restored = await recordAllowanceInTx(tx, ctx, a, 'death_revoked', {
      today,
      actorName: '平台（人口库撤销死亡登记）',
      reason: '人口库撤销了该死亡登记（登记有误），恢复发放',
      data: { restore: death.fromStatus ?? 'pending' },
      set: { endMonth: null },
    });
    // The ledger again from the month after the death it ended on (a record back to 待确认 held none).
    const ended = (death.data as { endMonth?: unknown }).endMonth;
    if (restored.confirmedAt && restored.status === 'paying' && typeof ended === 'string')
      await recordAllowanceBenefitsInTx(tx, restored, addMonths(ended, 1), '撤销死亡登记后恢复高龄津贴');
    return { changed: 1 };
  });
}
