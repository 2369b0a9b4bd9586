/**
 * 高龄津贴's answer to a hukou moved out of the city, and back in (the registry's 户口迁出 / 迁入,
 * `moved_out_on`, announced as registry/events.ts `FACTS_CHANGED`; docs/rules.md "高龄津贴 (old-age
 * allowance)"): the allowance is paid for the month of moving out and stops from the month after (已停发,
 * the last month kept as `end_month`, the ledger ended), with its history entry and audit row. A move
 * back in of a record the move-out stopped puts it back where the move-out found it (发放中, or 待确认)
 * with no end month: the months from the one after the move-out to the month the move back in is answered
 * are not paid (kept in the entry's data as `gapFrom`–`gapTo`, which the roll and the ledger read), the
 * next ones are. The event says only that facts of the persons changed: each answer reads the registry
 * now and changes nothing when the record already agrees (a second run, another fact changed).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { personsView } from '../registry/read.js';
import { endAllowanceBenefitsInTx, recordAllowanceBenefitsInTx } from './benefit.js';
import { historyOf, lockAllowance, recordAllowanceInTx } from './workflow.js';

export function hukouHandler(deps: Deps): JobHandler {
  return async (job) => {
    const ids = (job.payload as { personIds?: unknown }).personIds;
    return { status: 'succeeded', result: await answerHukouMoves(deps, Array.isArray(ids) ? ids.map(Number) : []) };
  };
}

/** The records of `personIds` whose status disagrees with the registry's hukou, each answered in its own transaction. */
export async function answerHukouMoves(deps: Deps, personIds: number[]): Promise<{ changed: number }> {
  if (!personIds.length) return { changed: 0 };
  const candidates = await rows<{ id: number | string }>(
    deps.database.db,
    sql`select e.id from elderly_allowances e join ${personsView} p on p.id = e.person_id
      where e.person_id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::bigint)
        and ((p.moved_out_on is not null and e.status in ('pending', 'paying')) or (p.moved_out_on is null and e.status = 'stopped'))`,
  );
  let changed = 0;
  for (const c of candidates) changed += await answerHukou(deps, Number(c.id));
  return { changed };
}

async function answerHukou(deps: Deps, id: number): Promise<number> {
  // The platform's reaction; the registry's clerk is named in the registry's own audit row.
  const ctx: Ctx = { actor: null, ip: '' };
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const a = await lockAllowance(tx, id);
    if (!a) return 0;
    const [p] = await rows<{ died_on: string | null; moved_out_on: string | null }>(
      tx,
      sql`select p.died_on::text as died_on, p.moved_out_on::text as moved_out_on from ${personsView} p where p.id = ${a.personId}`,
    );
    if (!p) return 0;
    if (p.moved_out_on) {
      if (a.status !== 'pending' && a.status !== 'paying') return 0;
      const endMonth = monthOf(p.moved_out_on);
      await recordAllowanceInTx(tx, ctx, a, 'hukou_moved_out', {
        today,
        actorName: '平台（人口库户口迁出登记）',
        reason: `本人户口于 ${p.moved_out_on} 迁出本市（人口库登记），自 ${addMonths(endMonth, 1)} 起停发`,
        data: { movedOutOn: p.moved_out_on, endMonth },
        set: { endMonth },
      });
      // The ledger: paid for the month of moving out, not after.
      await endAllowanceBenefitsInTx(tx, a.id, addMonths(endMonth, 1));
      return 1;
    }
    if (a.status !== 'stopped' || p.died_on) return 0;
    // Only a record the move-out stopped (its last stop) is put back by a move back in.
    const stop = (await historyOf(tx, a.id)).filter((h) => h.toStatus === 'stopped' && h.fromStatus !== 'stopped').at(-1);
    const ended = (stop?.data as { endMonth?: unknown } | undefined)?.endMonth;
    if (stop?.action !== 'hukou_moved_out' || typeof ended !== 'string') return 0;
    const movedInMonth = monthOf(today);
    const resumeMonth = addMonths(movedInMonth, 1);
    const gapFrom = addMonths(ended, 1);
    const unpaid = gapFrom <= movedInMonth ? `，${gapFrom === movedInMonth ? gapFrom : `${gapFrom} 至 ${movedInMonth}`} 不发放` : '';
    const restored = await recordAllowanceInTx(tx, ctx, a, 'hukou_moved_in', {
      today,
      actorName: '平台（人口库户口迁入登记）',
      reason: `本人户口已迁回本市（人口库登记）${unpaid}，自 ${resumeMonth} 起恢复发放`,
      data: { restore: stop.fromStatus ?? 'pending', gapFrom, gapTo: movedInMonth, resumeMonth },
      set: { endMonth: null },
    });
    // The ledger again from the month after the move back in (a record back to 待确认 held none).
    if (restored.confirmedAt && restored.status === 'paying')
      await recordAllowanceBenefitsInTx(tx, restored, resumeMonth, '户口迁回本市后恢复高龄津贴');
    return 1;
  });
}
