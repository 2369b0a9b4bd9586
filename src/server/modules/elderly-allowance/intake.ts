/**
 * 新增高龄对象: the persons of the registry who reached 80 and have no record yet get one, 待确认, for
 * their township to confirm (docs/rules.md "高龄津贴 (old-age allowance)"). Computed from the registry
 * (alive, a birth date, the hukou division inside the scope and not moved out of the city), each opened through the kernel with its
 * history entry and audit row. A person turning 80 this month is listed now, due from next month; one
 * found later is due from the month the record is opened (no back payment before it).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import { requirePermission, withinDivision } from '../../platform/access/scope.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { countyOf } from '../../../shared/divisions.js';
import { ALLOWANCE_AGE, firstDueMonth } from '../../../shared/elderly-allowance/codes.js';
import { personsView } from '../registry/read.js';
import { openAllowanceInTx } from './workflow.js';

/** Opens the records of the newly eligible inside `within` (the actor's jurisdiction, or '' for the platform's daily run). */
export async function openNewlyEligible(deps: Deps, ctx: Ctx, within: string): Promise<{ opened: number }> {
  const db = deps.database.db;
  const today = shanghaiToday();
  const month = monthOf(today);
  // Reached 80 by the end of this month: the birth month at most this month 80 years ago.
  const bornBefore = `${addMonths(month, -ALLOWANCE_AGE * 12 + 1)}-01`;
  const found = await rows<{ id: number | string; hukou_division_code: string; birth_date: string }>(
    db,
    sql`select p.id, p.hukou_division_code, p.birth_date::text as birth_date from ${personsView} p
      where ${withinDivision(sql`p.hukou_division_code`, within)} and p.died_on is null and p.moved_out_on is null
        and p.birth_date is not null and p.birth_date < ${bornBefore}::date and length(p.hukou_division_code) = 12
        and not exists (select 1 from elderly_allowances a where a.person_id = p.id)
      order by p.id`,
  );
  let opened = 0;
  for (const p of found) {
    const first = firstDueMonth(p.birth_date);
    const startMonth = first > month ? first : month;
    await db.transaction(async (tx) => {
      const made = await openAllowanceInTx(tx, ctx, {
        personId: Number(p.id),
        divisionCode: p.hukou_division_code,
        countyCode: countyOf(p.hukou_division_code),
        startMonth,
        today,
      });
      if (made) opened++;
    });
  }
  return { opened };
}

/** 生成待确认名单 for the actor's jurisdiction. */
export async function intake(deps: Deps, ctx: Ctx): Promise<{ opened: number }> {
  const actor = requirePermission(ctx.actor, 'elderly_allowance.confirm');
  return openNewlyEligible(deps, ctx, actor.divisionCode);
}
