/** One organisation as its page shows it: its registration, every role, its sub-organisations and foster families. */
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import type { OrganisationDetail } from '../../../../shared/registry/organisations.js';
import { organisationColumns, organisationInScope, organisationScope, toOrganisationRow, type OrganisationDbRow } from './rows.js';
import { organisationRoles } from './schema.js';
import { toRoleRow } from './roles.js';
import { fosterFamiliesOf } from './foster-families.js';

export async function openOrganisation(deps: Deps, ctx: Ctx, id: number): Promise<OrganisationDetail> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const org = await organisationInScope(db, actor, id);
  const roles = await db
    .select()
    .from(organisationRoles)
    .where(eq(organisationRoles.organisationId, id))
    .orderBy(sql`${organisationRoles.toDate} is not null`, desc(organisationRoles.fromDate), asc(organisationRoles.id));
  const children = await rows<OrganisationDbRow>(
    db,
    sql`select ${organisationColumns()} from organisations where organisations.parent_id = ${id} and ${organisationScope(actor)}
      order by organisations.name`,
  );
  return {
    ...org,
    roles: roles.map(toRoleRow),
    children: children.map(toOrganisationRow).map((c) => ({
      id: c.id,
      name: c.name,
      platformNo: c.platformNo,
      creditCode: c.creditCode,
      status: c.status,
      statusName: c.statusName,
    })),
    fosterFamilies: await fosterFamiliesOf(db, id),
  };
}
