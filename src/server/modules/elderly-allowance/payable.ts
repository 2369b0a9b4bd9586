/**
 * What 高龄津贴 pays in a month, as SQL fragments over the module's table (docs/rules.md "高龄津贴
 * (old-age allowance)"): the age a person has reached for the month (a birthday counts from the month
 * after it: ageInMonth in src/shared/elderly-allowance/codes.ts), their band, and the band's amount in
 * force for the record's county in that month (the dated policy value, read in the statement:
 * platform/policy/in-sql.ts). A record is paid in a month once the township confirmed it, from its
 * first month to the month of death (or of moving out of the city, or before the month the township
 * stopped it), not in the months its hukou was out or the township's stop held.
 */
import { sql, type SQL } from 'drizzle-orm';
import { scopeWhere, withinDivision } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';
import { valueInForce } from '../../platform/policy/in-sql.js';
import { personsView } from '../registry/read.js';
import { AMOUNTS_KIND, ELDERLY_POLICY } from '../../../shared/elderly-allowance/policy.js';
import { allowanceBands } from '../../../shared/elderly-allowance/codes.js';
import { elderlyAllowances } from './schema.js';

/** The age reached for `month` ('YYYY-MM', a value or a text column) of a birth date column: as ageInMonth. */
export const ageSql = (birth: SQL, month: string | SQL): SQL =>
  sql`floor(((${
    typeof month === 'string'
      ? Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 2
      : sql`substr(${month}, 1, 4)::int * 12 + substr(${month}, 6, 2)::int - 2`
  })::int
    - (extract(year from ${birth})::int * 12 + extract(month from ${birth})::int - 1)) / 12.0)::int`;

/** The band code of an age column (null below 80), as bandOf. */
export const bandSql = (age: SQL): SQL =>
  sql`(case when ${age} >= 100 then 'a100' when ${age} >= 90 then 'a90' when ${age} >= 80 then 'a80' end)`;

/** A band code column's Chinese name. */
export const bandNameSql = (band: SQL): SQL =>
  sql`(case ${band} ${sql.join(
    Object.entries(allowanceBands).map(([code, name]) => sql`when ${code} then ${name}`),
    sql` `,
  )} end)`;

/**
 * Every record with its person's age, band and this month's amount, for the month: a derived table
 * with the record's columns and `age`, `band`, `amount_fen`, `household_id`, `birth_date`, `died_on`, `moved_out_on`,
 * `name`, `id_number_enc`, `id_number_hash` — the list, the statistics and the roll read the same one.
 */
export function allowancesIn(month: string, where: SQL = sql`true`): SQL {
  return sql`(select elderly_allowances.*, p.household_id, p.birth_date, p.died_on, p.moved_out_on, p.name, p.id_number_enc,
      p.id_number_hash, g.age, g.band,
      coalesce((${valueInForce(ELDERLY_POLICY, AMOUNTS_KIND, sql`elderly_allowances.county_code`, month)} ->> g.band)::int, 0) as amount_fen
    from elderly_allowances join ${personsView} p on p.id = elderly_allowances.person_id
    cross join lateral (select ${ageSql(sql`p.birth_date`, month)} as age) ga
    cross join lateral (select ga.age, ${bandSql(sql`ga.age`)} as band) g
    where ${where})`;
}

/** The records `actor` may see (the scoped data layer), for `allowancesIn`'s `where`. */
export const allowanceScope = (actor: Actor): SQL =>
  scopeWhere(actor, { division: elderlyAllowances.divisionCode, person: elderlyAllowances.personId });

/**
 * The months a record is not paid between a stop and its resumption, as the resumption recorded them: its
 * hukou out of the city (hukou.ts, the move back in: `gapFrom`, the month after the month of moving out,
 * to `gapTo`, the month of moving back in), or the township's stop (decide.ts, 恢复发放: from the month
 * it stopped to the month before the one it resumes): a derived table (`allowance_id`, `gap_from`,
 * `gap_to`) of the history's entries.
 */
export const unpaidGaps = sql`(select h.allowance_id, h.data ->> 'gapFrom' as gap_from, h.data ->> 'gapTo' as gap_to
  from elderly_allowance_history h where h.action in ('hukou_moved_in', 'resume') and h.data ? 'gapFrom')`;

/**
 * Whether a row of `allowancesIn(month)` (alias `x`) is paid in the month: confirmed, in its months,
 * alive then, its hukou not moved out of the city before it (the month of moving out is paid) nor in a
 * month it was out before it moved back in, nor one the township's stop held before 恢复发放, an amount for its band.
 */
export const paidIn = (month: string): SQL =>
  sql`x.confirmed_at is not null and x.status in ('paying', 'stopped') and x.start_month <= ${month}
    and (x.end_month is null or x.end_month >= ${month}) and (x.died_on is null or to_char(x.died_on, 'YYYY-MM') >= ${month})
    and (x.moved_out_on is null or to_char(x.moved_out_on, 'YYYY-MM') >= ${month})
    and not exists (select 1 from ${unpaidGaps} g where g.allowance_id = x.id and ${month}::text between g.gap_from and g.gap_to)
    and x.band is not null and x.amount_fen > 0`;

/** The payee-months of a county's roll (the programme's `eligible`), its records whose division starts with `within`. */
export function payableSql(p: { countyCode: string; month: string; within: string }): SQL {
  const county = sql`${elderlyAllowances.countyCode} = ${p.countyCode} and ${withinDivision(elderlyAllowances.divisionCode, p.within)}`;
  return sql`select x.id as record_id, x.household_id, x.division_code, x.band as benefit_type, x.person_id as payee_person_id,
      jsonb_build_array(x.person_id) as covered_person_ids, x.amount_fen,
      concat(${bandNameSql(sql`x.band`)}, '（', x.age, ' 周岁）') as breakdown,
      jsonb_build_object('age', x.age, 'band', x.band) as inputs
    from ${allowancesIn(p.month, county)} x
    where ${paidIn(p.month)}`;
}
