/**
 * The value in force as a scalar of the caller's statement, for set-based paths (a payment
 * programme's `eligible`, whose roll is one INSERT … SELECT and cannot ask a `PolicyBook` per row):
 * the same rule as `PolicyBook.value` (book.ts) — the latest effective month not after the month; at
 * the same month a county's own value over the city's (''); of two entries for the same kind, county
 * and month, the later one. `src/server/modules/elderly-allowance/elderly-allowance.int.test.ts` holds
 * the two to the same answers.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The jsonb value of `kind` in force for the county (a value or a column) in `month` (a value or a column), or null. */
export function valueInForce(module: string, kind: string, countyCode: string | SQL, month: string | SQL): SQL {
  return sql`(select pv.value from policy_values pv where pv.module = ${module} and pv.kind = ${kind}
    and pv.county_code in ('', ${countyCode}) and pv.effective_month <= ${month}
    order by pv.effective_month desc, (pv.county_code <> '') desc, pv.id desc limit 1)`;
}

/**
 * The months from which a value of `kind` for the county (a value or a column) or the city takes effect:
 * a derived table of one column, `effective_month` — where the value in force may change.
 */
export function effectiveMonths(module: string, kind: string, countyCode: string | SQL): SQL {
  return sql`(select distinct pv.effective_month from policy_values pv where pv.module = ${module} and pv.kind = ${kind}
    and pv.county_code in ('', ${countyCode}))`;
}
