/**
 * 高龄津贴统计: for a month, the persons paid and the amount by division and band, inside the viewer's
 * jurisdiction (the same scoped records as the list: docs/security.md Z2), grouped one level below the
 * viewer (a county's townships, a township's villages, the city's counties).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import { requirePermission } from '../../platform/access/scope.js';
import { monthOf, shanghaiToday } from '../../../shared/dates.js';
import { allowanceBands, type AllowanceBand } from '../../../shared/elderly-allowance/codes.js';
import type { AllowanceStats } from '../../../shared/elderly-allowance/allowances.js';
import { allowanceScope, allowancesIn, paidIn } from './payable.js';

const childLength = (code: string) => (code.length <= 4 ? 6 : code.length <= 6 ? 9 : 12);

export async function allowanceStats(deps: Deps, ctx: Ctx, input: { month?: string }): Promise<AllowanceStats> {
  const actor = requirePermission(ctx.actor, 'elderly_allowance.read');
  const month = input.month ?? monthOf(shanghaiToday());
  const len = childLength(actor.divisionCode);
  const found = await rows<{ code: string; name: string | null; band: AllowanceBand; persons: number | string; fen: number | string }>(
    deps.database.db,
    sql`select g.code, (select d.full_name from divisions d where d.code = g.code) as name, g.band, g.persons, g.fen
      from (select left(x.division_code, ${len}) as code, x.band, count(*) as persons, sum(x.amount_fen) as fen
        from ${allowancesIn(month, allowanceScope(actor))} x where ${paidIn(month)} group by 1, 2) g
      order by g.code, g.band`,
  );
  const out = found.map((r) => ({
    divisionCode: r.code,
    divisionName: r.name ?? r.code,
    band: r.band,
    bandName: allowanceBands[r.band],
    persons: Number(r.persons),
    amountFen: Number(r.fen),
  }));
  return {
    month,
    rows: out,
    persons: out.reduce((s, r) => s + r.persons, 0),
    amountFen: out.reduce((s, r) => s + r.amountFen, 0),
  };
}
