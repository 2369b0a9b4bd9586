/**
 * The teams a volunteer may join: the organisations holding the role 志愿服务组织 today and 正常; a
 * team's own staff choose among their team and its sub-teams.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { organisationSubtree, requirePermission } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import { organisationHoldsRole } from '../registry/read.js';
import { shanghaiToday } from '../../../shared/dates.js';
import type { Team } from '../../../shared/volunteers/volunteers.js';
import { VOLUNTEER_ORGANISATION } from './register.js';

export async function listTeams(deps: Deps, ctx: Ctx): Promise<Team[]> {
  const actor = requirePermission(ctx.actor, 'volunteers.read');
  const found = await rows<{ id: number | string; name: string; parent_id: number | string | null }>(
    deps.database.db,
    sql`select o.id, o.name, o.parent_id from organisations o where o.status = 'active'
      and ${organisationHoldsRole(sql`o.id`, VOLUNTEER_ORGANISATION, shanghaiToday())}
      ${actor.organisationId !== null ? sql`and o.id in ${organisationSubtree(actor.organisationId)}` : sql``}
      order by o.name limit 500`,
  );
  return found.map((o) => ({ id: Number(o.id), name: o.name, parentId: o.parent_id === null ? null : Number(o.parent_id) }));
}
