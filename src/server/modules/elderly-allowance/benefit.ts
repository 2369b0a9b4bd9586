/**
 * 高龄津贴 in the registry's benefit ledger (docs/rules.md "The benefit ledger" and "高龄津贴 (old-age
 * allowance)"): a confirmed record is recorded on the person (type `elderly_allowance`, source_ref
 * `elderly_allowance:<id>`) from its first month, one ledger record per stretch of months with one band
 * and one amount — the band changes from the month after the 90th (100th) birthday, the amount from
 * each month an `amounts` value of the dated policy takes effect for the county or the city — so the
 * ledger says what the roll pays, band change and later amounts included, without a monthly job. A band
 * whose amount is 0 (not paid in the county) and the months the hukou was out of the city, or the
 * township's stop held, have none.
 * A death or a move out of the city ends it from the month after; a revoked death or a move back in
 * records it again; the township's 停发 ends it from its month, 恢复发放 records it again from its month;
 * a new amount splits the records of its county from its month (`followAmountsInTx`).
 * 高龄津贴 is held beside 低保 and 特困 (no pair of src/shared/benefit-rules.ts names it), so the
 * set-based writes check nothing first.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { effectiveMonths, valueInForce } from '../../platform/policy/in-sql.js';
import { AMOUNTS_KIND, ELDERLY_POLICY } from '../../../shared/elderly-allowance/policy.js';
import { endBenefitsInTx, recordBenefitsInTx } from '../registry/ledger.js';
import { personsView } from '../registry/read.js';
import { ageSql, bandNameSql, bandSql, unpaidGaps } from './payable.js';
import type { Allowance } from './workflow.js';

export const ALLOWANCE_BENEFIT = 'elderly_allowance';
export const allowanceSourceRef = (id: number) => `elderly_allowance:${id}`;

/** A 'YYYY-MM' text column moved by `n` months. */
const plusMonths = (month: SQL, n: number): SQL =>
  sql`to_char(to_date(${month}, 'YYYY-MM') + ${sql.raw(`interval '${n} month'`)}, 'YYYY-MM')`;

/** The month a band is first due of a birth date column: the month after the birthday of its age. */
const bandStart = (birth: SQL, age: number): SQL =>
  sql`to_char(date_trunc('month', ${birth}) + ${sql.raw(`interval '${age} years 1 month'`)}, 'YYYY-MM')`;

/**
 * The ledger records of the records `where` names (a condition over `elderly_allowances e`), each from
 * the later of its first month and `from` (a value or a column) to its end month (null: open): the
 * months cut where the band, the amount in force or a stretch out of the city begins, each stretch
 * valued at its first month, the stretches of one band and amount joined, those of no amount left out.
 * A select whose columns are those recordBenefitsInTx takes.
 */
export function allowanceBenefitsSql(where: SQL, from: SQL, note: string): SQL {
  return sql`with a as (
      select e.id, e.person_id, e.division_code, e.county_code, e.end_month, p.birth_date,
        greatest(e.start_month, ${from}::text) as from_month
      from elderly_allowances e join ${personsView} p on p.id = e.person_id
      where (${where}) and p.birth_date is not null
    ), gaps as (
      select g.* from ${unpaidGaps} g where g.allowance_id in (select a.id from a)
    ), points as (
      select a.id, a.from_month as m from a
      union select a.id, ${bandStart(sql`a.birth_date`, 90)} from a
      union select a.id, ${bandStart(sql`a.birth_date`, 100)} from a
      union select a.id, em.effective_month
        from a cross join lateral ${effectiveMonths(ELDERLY_POLICY, AMOUNTS_KIND, sql`a.county_code`)} em
      union select g.allowance_id, g.gap_from from gaps g
      union select g.allowance_id, ${plusMonths(sql`g.gap_to`, 1)} from gaps g
    ), segs as (
      select a.id, a.person_id, a.division_code, a.county_code, a.birth_date, pt.m as start_month,
        coalesce(${plusMonths(sql`lead(pt.m) over (partition by a.id order by pt.m)`, -1)}, a.end_month) as end_month
      from a join points pt on pt.id = a.id and pt.m >= a.from_month and (a.end_month is null or pt.m <= a.end_month)
    ), valued as (
      select s.*, b.band,
        case when b.band is null
          or exists (select 1 from gaps g where g.allowance_id = s.id and s.start_month between g.gap_from and g.gap_to)
          then 0
          else coalesce((${valueInForce(ELDERLY_POLICY, AMOUNTS_KIND, sql`s.county_code`, sql`s.start_month`)} ->> b.band)::int, 0)
        end as amount_fen
      from segs s cross join lateral (select ${bandSql(ageSql(sql`s.birth_date`, sql`s.start_month`))} as band) b
    ), cut as (
      select v.*, case when lag(v.band) over w = v.band and lag(v.amount_fen) over w = v.amount_fen then 0 else 1 end as cut
      from valued v window w as (partition by v.id order by v.start_month)
    ), stretches as (
      select c.*, sum(c.cut) over (partition by c.id order by c.start_month) as stretch from cut c
    )
    select s.person_id, s.division_code, ${ALLOWANCE_BENEFIT}::text as type, s.amount_fen as monthly_amount_fen,
      min(s.start_month) as start_month, case when bool_or(s.end_month is null) then null else max(s.end_month) end as end_month,
      concat(${'elderly_allowance:'}::text, s.id) as source_ref, concat(${note}::text, '（', ${bandNameSql(sql`s.band`)}, '）') as note
    from stretches s where s.amount_fen > 0
    group by s.id, s.person_id, s.division_code, s.band, s.amount_fen, s.stretch`;
}

/** Records the allowance from `fromMonth` in the ledger, in the caller's transaction. */
export async function recordAllowanceBenefitsInTx(tx: Db, a: Pick<Allowance, 'id'>, fromMonth: string, note: string): Promise<void> {
  await recordBenefitsInTx(tx, allowanceBenefitsSql(sql`e.id = ${a.id}`, sql`${fromMonth}`, note));
}

/** Ends the record's ledger records with the month before `fromMonth` (those starting from it go). */
export async function endAllowanceBenefitsInTx(tx: Db, id: number, fromMonth: string): Promise<void> {
  await endBenefitsInTx(tx, [allowanceSourceRef(id)], fromMonth);
}

/**
 * A new amount in the dated policy (for a county, or the city: `countyCode` '') from `effectiveMonth`:
 * the ledger of every confirmed record of the county (of the city) paid in that month or after is cut
 * there — its records end with the month before and it is recorded again from the month, at the amounts
 * now in force. Two statements for the whole city, in the entry's transaction (policy.ts).
 */
export async function followAmountsInTx(tx: Db, entry: { countyCode: string; effectiveMonth: string }): Promise<void> {
  const month = entry.effectiveMonth;
  const where = sql`e.confirmed_at is not null and e.status in ('paying', 'stopped') and (e.end_month is null or e.end_month >= ${month})
    ${entry.countyCode ? sql`and e.county_code = ${entry.countyCode}` : sql``}`;
  await endBenefitsInTx(tx, sql`select concat(${'elderly_allowance:'}::text, e.id) from elderly_allowances e where ${where}`, month);
  await recordBenefitsInTx(tx, allowanceBenefitsSql(where, sql`${month}`, `高龄津贴标准自 ${month} 起调整`));
}
