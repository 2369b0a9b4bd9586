/**
 * 公示: a case in its notice period is shown on the portal's public page of its village with the
 * name masked, household size and amount; never ID numbers or reasons, nothing after the period
 * (D4). The period ends by itself: `endDueNotices` moves cases whose 7 days are over on to approval.
 * Recipients whose 特困 support is to stop are shown the same way during their 终止公示.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { rows } from '../../platform/db/index.js';
import { withinDivision } from '../../platform/access/scope.js';
import { maskName } from '../../../shared/mask.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { assistanceCategories } from '../../../shared/assistance-codes.js';
import type { AssistanceCategory } from '../../../shared/assistance-codes.js';
import { recordActionInTx, unsafeLockCaseForPlatformInTx } from './case-store.js';
import { PolicyBook } from './policy.js';
import { endDueStopNotices } from './manage.js';

export const publicNoticeInput = z.object({ divisionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择乡镇（街道）或村（社区）') });

export async function publicNotices(deps: Deps, input: z.infer<typeof publicNoticeInput>, today = shanghaiToday()) {
  const db = deps.database.db;
  type Row = {
    name: string;
    category: AssistanceCategory;
    members: number;
    monthly_fen: number | null;
    notice_ends: string;
    division_name: string | null;
  };
  const [proposed, stopping] = await Promise.all([
    rows<Row>(
      db,
      sql`select p.name, c.category, jsonb_array_length(c.application->'members') as members, (c.computation->>'monthlyFen')::int as
        monthly_fen,
            c.notice_ends::text as notice_ends, (select full_name from divisions d where d.code = c.division_code) as division_name
          from assistance_cases c join persons p on p.id = c.applicant_person_id
          where c.status = 'notice' and ${withinDivision(sql`c.division_code`, input.divisionCode)} and c.notice_ends >= ${today}
          order by c.division_code, c.id limit 500`,
    ),
    // 终止公示: recipients whose support is to stop (特困).
    rows<Row>(
      db,
      sql`select p.name, e.category, jsonb_array_length(e.covered_person_ids) as members, e.monthly_fen,
            e.stop_notice_ends::text as notice_ends, (select full_name from divisions d where d.code = e.division_code) as division_name
          from assistance_entitlements e join persons p on p.id = e.payee_person_id
          where e.stop_notice_ends >= ${today} and ${withinDivision(sql`e.division_code`, input.divisionCode)}
          order by e.division_code, e.id limit 500`,
    ),
  ]);
  const show = (matter: string) => (r: Row) => ({
    matter,
    name: maskName(r.name),
    category: assistanceCategories[r.category],
    householdSize: Number(r.members),
    monthlyFen: r.monthly_fen,
    noticeEnds: r.notice_ends,
    divisionName: r.division_name,
  });
  return [...proposed.map(show('拟批准救助')), ...stopping.map(show('拟终止供养'))];
}

/** Ends every 公示 whose last day is before `today` (run at start and every 10 minutes), the 终止公示 too. */
export async function endDueNotices(deps: Deps, today = shanghaiToday()): Promise<number> {
  const stopped = await endDueStopNotices(deps, today);
  const db = deps.database.db;
  const due = await rows<{ id: number | string }>(
    db,
    sql`select id from assistance_cases where status = 'notice' and notice_ends < ${today} order by id`,
  );
  const cal = await deps.calendar.get();
  const book = await PolicyBook.load(db);
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const c = await unsafeLockCaseForPlatformInTx(tx, Number(id));
      if (c?.status !== 'notice') return;
      await recordActionInTx(tx, { actor: null, ip: '' }, c, 'end_notice', {
        today,
        cal,
        book,
        actorName: '系统',
        actorDivision: null,
        reason: '公示期满无异议',
      });
    });
  }
  return due.length + stopped;
}
