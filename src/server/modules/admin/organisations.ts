/**
 * Organisations (bureau departments, rescue stations, care facilities, volunteer teams, charities,
 * shops) have their own staff, whose registry view narrows to the organisation's persons.
 */
import { and, count, desc, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { divisions, organisations } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { assertWritableDivision, requireActor, withinDivision } from '../../platform/access/scope.js';
import { assertDivisionExists } from '../divisions/queries.js';
import { pageInput } from '../../platform/http/paging.js';
import { organisationKinds } from '../../../shared/admin-codes.js';
import { keysOf } from '../../../shared/registry-codes.js';

const kind = z.enum(keysOf(organisationKinds));

export const organisationRow = z.object({
  id: z.number(),
  name: z.string(),
  kind,
  kindName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
});

export const listOrganisationsInput = pageInput.extend({ q: z.string().trim().max(64).optional(), kind: kind.optional() });

export async function listOrganisations(deps: Deps, ctx: Ctx, input: z.infer<typeof listOrganisationsInput>) {
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

function toRow(o: typeof organisations.$inferSelect, divisionName: string | null) {
  const k = o.kind as keyof typeof organisationKinds;
  return { id: o.id, name: o.name, kind: k, kindName: organisationKinds[k] ?? o.kind, divisionCode: o.divisionCode, divisionName };
}

export const organisationInput = z.object({
  name: z.string().trim().min(2, '请填写组织名称').max(100),
  kind,
  divisionCode: z.string().regex(/^\d{4,12}$/, '请选择所在区划'),
});

export async function saveOrganisation(deps: Deps, ctx: Ctx, id: number | null, input: z.infer<typeof organisationInput>) {
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
