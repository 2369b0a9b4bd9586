/**
 * Registry counts for the home page chart, inside the jurisdiction, by the level below the user's
 * division: a city user's counties, a county user's townships, a township user's villages (a village
 * user sees the village itself).
 */
import { sql } from 'drizzle-orm';
import { levelOf, type DivisionLevel } from '../../../shared/divisions.js';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withinDivision } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import type { RegistryStats } from '../../../shared/registry/stats.js';
import { personScope } from './person-row.js';
import { householdScope } from './households.js';

/** The code length of the level below each level (a village's is the village itself), and its name. */
const LEVEL_BELOW: Record<DivisionLevel, { length: number; name: string }> = {
  city: { length: 6, name: '县（市、区）' },
  county: { length: 9, name: '乡镇（街道）' },
  township: { length: 12, name: '村（社区）' },
  village: { length: 12, name: '村（社区）' },
};

/** The code length of the level below a division's (6 county, 9 township, 12 village), and its name. */
const levelBelow = (code: string): { length: number; name: string } => LEVEL_BELOW[levelOf(code)];

export async function registryStats(deps: Deps, ctx: Ctx): Promise<RegistryStats> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const level = levelBelow(actor.divisionCode);
  const found = await rows<{ code: string; name: string; persons: string | number; households: string | number }>(
    db,
    sql`with p as (select left(hukou_division_code, ${level.length}) as code, count(*) as n from persons where ${personScope(actor)} group
      by 1),
             h as (select left(division_code, ${level.length}) as code, count(*) as n from households where ${householdScope(actor)} group
               by 1)
        select d.code, d.name, coalesce(p.n, 0) as persons, coalesce(h.n, 0) as households
        from divisions d left join p on p.code = d.code left join h on h.code = d.code
        where length(d.code) = ${level.length} and (${withinDivision(sql`d.code`, actor.divisionCode)} or ${actor.divisionCode} like
          d.code || '%')
          -- An ended division (docs/rules.md "Dated divisions") only while rows still carry its code.
          and (d.valid_to is null or p.n is not null or h.n is not null)
        order by d.code`,
  );
  const byDivision = found.map((r) => ({ code: r.code, name: r.name, persons: Number(r.persons), households: Number(r.households) }));
  return {
    /** What the rows are: 县（市、区）, 乡镇（街道） or 村（社区）. */
    level: level.name,
    byDivision,
    totals: { persons: byDivision.reduce((s, r) => s + r.persons, 0), households: byDivision.reduce((s, r) => s + r.households, 0) },
  };
}
