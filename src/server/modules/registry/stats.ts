/** Registry counts by county (home page chart), inside the jurisdiction. */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withinDivision } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import { personScope } from './person-row.js';
import { householdScope } from './households.js';

export async function registryStats(deps: Deps, ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const found = await rows<{ code: string; name: string; persons: string | number; households: string | number }>(
    db,
    sql`with p as (select left(hukou_division_code, 6) as county, count(*) as n from persons where ${personScope(actor)} group by 1),
             h as (select left(division_code, 6) as county, count(*) as n from households where ${householdScope(actor)} group by 1)
        select d.code, d.name, coalesce(p.n, 0) as persons, coalesce(h.n, 0) as households
        from divisions d left join p on p.county = d.code left join h on h.county = d.code
        where d.level = 3 and (${withinDivision(sql`d.code`, actor.divisionCode)} or ${actor.divisionCode} like d.code || '%')
        order by d.code`,
  );
  const byCounty = found.map((r) => ({ code: r.code, name: r.name, persons: Number(r.persons), households: Number(r.households) }));
  return {
    byCounty,
    totals: { persons: byCounty.reduce((s, r) => s + r.persons, 0), households: byCounty.reduce((s, r) => s + r.households, 0) },
  };
}
