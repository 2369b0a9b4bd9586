/**
 * Organisations (bureau departments, rescue stations, care facilities, volunteer teams, charities,
 * shops) have their own staff, whose registry view narrows to the organisation's persons.
 */
import { and, count, desc, eq, like } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { divisions, organisations } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { assertWritableDivision, requireActor, withinDivision } from '../../platform/access/scope.js';
import { assertDivisionExists } from '../divisions/queries.js';
import { organisationKinds } from '../../../shared/admin-codes.js';
import type { ListOrganisationsInput, Organisation, OrganisationInput } from '../../../shared/admin/organisations.js';
import type { Page } from '../../../shared/paging.js';

export async function listOrganisations(deps: Deps, ctx: Ctx, input: ListOrganisationsInput): Promise<Page<Organisation>> {
  const actor = requireActor(ctx.actor);
  const cond = and(
    withinDivision(organisations.divisionCode, actor.divisionCode),
    input.q ? like(organisations.name, `%${input.q}%`) : undefined,
    input.kind ? eq(organisations.kind, input.kind) : undefined,
  );
  const db = deps.database.db;
  const [{ total }] = await db.select({ total: count() }).from(organisations).where(cond);
  const found = await db
    .select({ o: organisations, divisionName: divisions.fullName })
    .from(organisations)
    .leftJoin(divisions, eq(divisions.code, organisations.divisionCode))
    .where(cond)
    .orderBy(desc(organisations.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: found.map((r) => toRow(r.o, r.divisionName)), total, page: input.page, pageSize: input.pageSize };
}

function toRow(o: typeof organisations.$inferSelect, divisionName: string | null): Organisation {
  const k = o.kind as keyof typeof organisationKinds;
  return { id: o.id, name: o.name, kind: k, kindName: organisationKinds[k] ?? o.kind, divisionCode: o.divisionCode, divisionName };
}

export async function saveOrganisation(deps: Deps, ctx: Ctx, id: number | null, input: OrganisationInput): Promise<Organisation> {
  const actor = requireActor(ctx.actor);
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  await assertDivisionExists(deps.database.db, input.divisionCode, 'divisionCode');
  const saved = await deps.database.db.transaction(async (tx) => {
    let row;
    if (id === null) {
      [row] = await tx.insert(organisations).values(input).returning();
    } else {
      [row] = await tx
        .update(organisations)
        .set(input)
        .where(and(eq(organisations.id, id), withinDivision(organisations.divisionCode, actor.divisionCode)))
        .returning();
      if (!row) throw AppError.notFound('组织');
    }
    await audit(tx, ctx, {
      action: id === null ? 'organisation.create' : 'organisation.update',
      objectType: 'organisation',
      objectId: row.id,
    });
    return row;
  });
  const [d] = await deps.database.db.select({ n: divisions.fullName }).from(divisions).where(eq(divisions.code, saved.divisionCode));
  return toRow(saved, d?.n ?? null);
}
