/** The list of organisations (paged, filtered by name, legal type, role, status and division) and its filter. */
import { count, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor, withinDivision } from '../../../platform/access/scope.js';
import { organisations } from '../../../platform/db/schema.js';
import { rows } from '../../../platform/db/index.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import type { Page } from '../../../../shared/paging.js';
import type { ListOrganisationsInput, OrganisationFilter, OrganisationRow } from '../../../../shared/registry/organisations.js';
import { organisationColumns, organisationScope, toOrganisationRow, type OrganisationDbRow } from './rows.js';

export function organisationFilterWhere(actor: Actor, f: OrganisationFilter): SQL {
  const today = shanghaiToday();
  const parts: SQL[] = [organisationScope(actor)];
  if (f.q)
    parts.push(
      sql`(${organisations.name} like ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or ${organisations.creditCode} = ${f.q.toUpperCase()}
        or ${organisations.platformNo} = ${f.q.toUpperCase()})`,
    );
  if (f.legalType) parts.push(sql`${organisations.legalType} = ${f.legalType}`);
  if (f.status) parts.push(sql`${organisations.status} = ${f.status}`);
  if (f.divisionCode) parts.push(withinDivision(organisations.divisionCode, f.divisionCode));
  if (f.role)
    parts.push(
      sql`exists (select 1 from organisation_roles r where r.organisation_id = ${organisations.id} and r.role = ${f.role}
        and r.from_date <= ${today} and (r.to_date is null or r.to_date >= ${today}))`,
    );
  return sql.join(parts, sql` and `);
}

export async function listOrganisations(deps: Deps, ctx: Ctx, input: ListOrganisationsInput): Promise<Page<OrganisationRow>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const where = organisationFilterWhere(actor, input);
  const [{ total }] = await db.select({ total: count() }).from(organisations).where(where);
  const found = await rows<OrganisationDbRow>(
    db,
    sql`select ${organisationColumns()} from organisations where ${where} order by organisations.id desc
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
  );
  return { items: found.map(toOrganisationRow), total, page: input.page, pageSize: input.pageSize };
}
