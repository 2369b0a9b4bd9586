/**
 * 高龄津贴统计: for a month, the persons paid and the amount by division and band, inside the viewer's
 * jurisdiction (the same scoped records as the list: docs/security.md Z2), grouped one level below the
 * viewer (a county's townships, a township's villages, the city's counties). Its xlsx export holds the
 * same rows, with the read audited (elderly_allowance.stats.export).
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
import { writeXlsx } from '../../platform/xlsx.js';

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

/** 导出高龄津贴统计: the month's rows as the page shows them, and the total; the read audited. */
export async function exportAllowanceStats(deps: Deps, ctx: Ctx, input: { month?: string }): Promise<{ name: string; content: Buffer }> {
  const s = await allowanceStats(deps, ctx, input);
  const total = { divisionCode: '', divisionName: '合计', band: null, bandName: '', persons: s.persons, amountFen: s.amountFen };
  type Row = Omit<AllowanceStats['rows'][number], 'band'> & { band: AllowanceBand | null };
  const content = await writeXlsx<Row>(
    `${s.month} 高龄津贴`,
    [
      { header: '区划代码', width: 14, value: (r) => r.divisionCode },
      { header: '区划', width: 36, value: (r) => r.divisionName },
      { header: '年龄段', width: 16, value: (r) => r.bandName },
      { header: '人数', value: (r) => r.persons },
      { header: '金额（元）', width: 16, value: (r) => Number((r.amountFen / 100).toFixed(2)) },
    ],
    [...s.rows, total],
  );
  await deps.readAudit.record(ctx, { action: 'elderly_allowance.stats.export', details: { month: s.month, count: s.persons } });
  return { name: `高龄津贴统计_${s.month}.xlsx`, content };
}
