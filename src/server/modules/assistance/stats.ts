/**
 * Statistics of social assistance, scoped to the user: persons, households and the monthly
 * amount by county × category for a month (entitlements in force), spending by month from the
 * rolls, borderline households, and persons by benefit type (the categories of people in difficulty).
 * Each figure counts exactly the rows the same user may list (Z2): entitlements, roll lines and
 * benefit records under the scope of their own lists, so organisation staff (who hold stats.read)
 * count their organisation's persons only, as registry statistics do.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import { writeXlsxSheets, type XlsxSheet } from '../../platform/xlsx.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import type { AssistanceStats, StatsInput } from '../../../shared/assistance/stats.js';
import { assistanceCategories } from '../../../shared/assistance-codes.js';
import { benefitTypes } from '../../../shared/registry-codes.js';
import { benefitHoldersByType } from '../registry/read.js';
import { assistanceEntitlements as e } from './schema.js';
import { entitlementScope } from './entitlements/scope.js';
import { rollLineScope } from '../../platform/payments/rolls.js';
import { ASSISTANCE_PROGRAMME } from './entitlements/account.js';

export async function assistanceStats(deps: Deps, ctx: Ctx, input: StatsInput): Promise<AssistanceStats> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const month = input.month ?? monthOf(shanghaiToday());
  const [byCounty, spending, difficulty] = await Promise.all([
    rows<{
      county_code: string;
      county_name: string | null;
      category: string;
      households: number | string;
      persons: number | string;
      monthly_fen: number | string | null;
    }>(
      db,
      sql`select ${e.countyCode} as county_code, (select name from divisions d where d.code = ${e.countyCode}) as county_name,
        ${e.category} as category,
            count(*) as households, sum(jsonb_array_length(${e.coveredPersonIds})) as persons, sum(${e.monthlyFen}) as monthly_fen
          from ${e}
          where ${entitlementScope(actor)} and ${e.status} = 'active' and ${e.startMonth} <= ${month} and (${e.endMonth} is null or
            ${e.endMonth} >= ${month})
          group by ${e.countyCode}, ${e.category} order by ${e.countyCode}, ${e.category}`,
    ),
    // Paid is what the bank confirmed (its result file); failed and not yet answered (未回盘, a 补发 included) apart.
    rows<{
      month: string;
      category: string;
      paid_fen: number | string | null;
      failed_fen: number | string | null;
      pending_fen: number | string | null;
      lines: number | string;
    }>(
      db,
      sql`select r.month, l.benefit_type as category, coalesce(sum(l.amount_fen) filter (where l.payment_status = 'paid'), 0) as paid_fen,
            coalesce(sum(l.amount_fen) filter (where l.payment_status = 'failed'), 0) as failed_fen,
            coalesce(sum(l.amount_fen) filter (where l.payment_status in ('pending', 'reissued')), 0) as pending_fen, count(*) as lines
          from payment_roll_lines l join payment_rolls r on r.id = l.roll_id
          where r.programme = ${ASSISTANCE_PROGRAMME} and ${rollLineScope(actor)} and r.month > ${addMonths(month, -12)}
            and r.month <= ${month}
          group by r.month, l.benefit_type order by r.month, l.benefit_type`,
    ),
    rows<{ type: string; persons: number | string }>(db, benefitHoldersByType(actor, month)),
  ]);
  await deps.readAudit.record(ctx, { action: 'assistance.stats', details: { month } });
  const name = (c: string) => assistanceCategories[c as keyof typeof assistanceCategories] ?? c;
  return {
    month,
    byCounty: byCounty.map((r) => ({
      countyCode: r.county_code,
      countyName: r.county_name,
      category: r.category,
      categoryName: name(r.category),
      households: Number(r.households),
      persons: Number(r.persons),
      monthlyFen: Number(r.monthly_fen ?? 0),
    })),
    spending: spending.map((r) => ({
      month: r.month,
      category: r.category,
      categoryName: name(r.category),
      paidFen: Number(r.paid_fen ?? 0),
      failedFen: Number(r.failed_fen ?? 0),
      pendingFen: Number(r.pending_fen ?? 0),
      lines: Number(r.lines),
    })),
    borderlineHouseholds: byCounty.filter((r) => r.category === 'borderline').reduce((s, r) => s + Number(r.households), 0),
    difficulty: difficulty.map((r) => ({
      type: r.type,
      typeName: benefitTypes[r.type as keyof typeof benefitTypes] ?? r.type,
      persons: Number(r.persons),
    })),
  };
}

/** The statistics as .xlsx: by county × category for the month, and spending by month (paid, failed, 未回盘). */
export async function exportStats(deps: Deps, ctx: Ctx, input: StatsInput): Promise<Buffer> {
  const s = await assistanceStats(deps, ctx, input);
  const fenYuan = (fen: number) => Number((fen / 100).toFixed(2));
  return writeXlsxSheets([
    {
      name: `${s.month} 救助对象`,
      columns: [
        { header: '县（市、区）', width: 24, value: (r: (typeof s.byCounty)[number]) => r.countyName },
        { header: '救助类别', value: (r) => r.categoryName },
        { header: '户数', value: (r) => r.households },
        { header: '人数', value: (r) => r.persons },
        { header: '月发放金额（元）', width: 18, value: (r) => fenYuan(r.monthlyFen) },
      ],
      rows: s.byCounty,
    } satisfies XlsxSheet<(typeof s.byCounty)[number]>,
    {
      name: '按月发放',
      columns: [
        { header: '月份', value: (r: (typeof s.spending)[number]) => r.month },
        { header: '救助类别', value: (r) => r.categoryName },
        { header: '名册行数', value: (r) => r.lines },
        { header: '已发放（元）', width: 16, value: (r) => fenYuan(r.paidFen) },
        { header: '发放失败（元）', width: 16, value: (r) => fenYuan(r.failedFen) },
        { header: '未回盘（元）', width: 16, value: (r) => fenYuan(r.pendingFen) },
      ],
      rows: s.spending,
    } satisfies XlsxSheet<(typeof s.spending)[number]>,
  ]);
}
