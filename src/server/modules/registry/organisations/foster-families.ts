/**
 * 家庭寄养: a registry household contracted by an institution holding the children's welfare role on
 * the contract's first day, dated; the household is one the actor sees. Linked, never copied: the
 * household stays the registry's.
 */
import { and, eq, isNull, lte, or, gte, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor, scopeWhere } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { FOSTER_CONTRACTOR_ROLE, organisationRoleKinds } from '../../../../shared/registry/organisation-codes.js';
import type { AddFosterFamilyInput, EndDatedInput, FosterFamilyRow } from '../../../../shared/registry/organisations.js';
import { households } from '../schema.js';
import { fosterFamilies, organisationRoles } from './schema.js';
import { organisationInScope, recordOrganisationEvents } from './rows.js';

export const NEEDS_CHILDREN_WELFARE_ROLE = `只有在签约日具有“${organisationRoleKinds[FOSTER_CONTRACTOR_ROLE]}”角色的组织才能签约寄养家庭`;

/** The organisation's foster families, newest first. */
export async function fosterFamiliesOf(db: Db, organisationId: number): Promise<FosterFamilyRow[]> {
  const found = await rows<{
    id: string;
    household_id: string;
    household_no: string;
    head_name: string | null;
    division_name: string | null;
    from_date: string;
    to_date: string | null;
  }>(
    db,
    sql`select f.id, f.household_id, h.household_no, (select p.name from persons p where p.id = h.head_person_id) as head_name,
      (select d.full_name from divisions d where d.code = h.division_code) as division_name, f.from_date::text as from_date,
      f.to_date::text as to_date
      from foster_families f join households h on h.id = f.household_id where f.organisation_id = ${organisationId}
      order by f.from_date desc, f.id desc`,
  );
  return found.map((r) => ({
    id: Number(r.id),
    householdId: Number(r.household_id),
    householdNo: r.household_no,
    headName: r.head_name,
    divisionName: r.division_name,
    fromDate: r.from_date,
    toDate: r.to_date,
  }));
}

export async function addFosterFamily(deps: Deps, ctx: Ctx, id: number, input: AddFosterFamilyInput): Promise<FosterFamilyRow[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  await organisationInScope(db, actor, id);
  const [household] = await db
    .select({ id: households.id, no: households.householdNo })
    .from(households)
    .where(and(eq(households.id, input.householdId), scopeWhere(actor, { division: households.divisionCode, household: households.id })));
  if (!household) throw AppError.field('householdId', '所选家庭不存在或不在您的管辖范围内');
  await db.transaction(async (tx) => {
    await organisationInScope(tx, actor, id, true);
    const [role] = await tx
      .select({ id: organisationRoles.id })
      .from(organisationRoles)
      .where(
        and(
          eq(organisationRoles.organisationId, id),
          eq(organisationRoles.role, FOSTER_CONTRACTOR_ROLE),
          lte(organisationRoles.fromDate, input.fromDate),
          or(isNull(organisationRoles.toDate), gte(organisationRoles.toDate, input.fromDate)),
        ),
      );
    if (!role) throw AppError.conflict(NEEDS_CHILDREN_WELFARE_ROLE);
    const [open] = await tx
      .select({ id: fosterFamilies.id })
      .from(fosterFamilies)
      .where(and(eq(fosterFamilies.organisationId, id), eq(fosterFamilies.householdId, input.householdId), isNull(fosterFamilies.toDate)));
    if (open) throw AppError.conflict('该家庭已是本机构的寄养家庭');
    await tx.insert(fosterFamilies).values({ organisationId: id, householdId: input.householdId, fromDate: input.fromDate });
    await recordOrganisationEvents(tx, ctx, id, [{ what: 'foster_add', newValue: `家庭 ${household.no}，自 ${input.fromDate} 起` }]);
    await audit(tx, ctx, {
      action: 'organisation.foster_add',
      objectType: 'organisation',
      objectId: id,
      details: { fosterHouseholdId: input.householdId },
    });
  });
  return fosterFamiliesOf(db, id);
}

export async function endFosterFamily(
  deps: Deps,
  ctx: Ctx,
  id: number,
  fosterId: number,
  input: EndDatedInput,
): Promise<FosterFamilyRow[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  await organisationInScope(db, actor, id);
  await db.transaction(async (tx) => {
    await organisationInScope(tx, actor, id, true);
    const [link] = await tx
      .select()
      .from(fosterFamilies)
      .where(and(eq(fosterFamilies.id, fosterId), eq(fosterFamilies.organisationId, id)));
    if (!link) throw AppError.notFound('寄养家庭');
    if (link.toDate) throw AppError.conflict(`该家庭寄养已于 ${link.toDate} 终止`);
    if (input.toDate < link.fromDate) throw AppError.field('toDate', `终止日期不能早于签约日期（${link.fromDate}）`);
    await tx.update(fosterFamilies).set({ toDate: input.toDate }).where(eq(fosterFamilies.id, fosterId));
    const [h] = await tx.select({ no: households.householdNo }).from(households).where(eq(households.id, link.householdId));
    await recordOrganisationEvents(tx, ctx, id, [
      { what: 'foster_end', oldValue: `家庭 ${h?.no ?? link.householdId}，自 ${link.fromDate} 起`, newValue: `终止于 ${input.toDate}` },
    ]);
    await audit(tx, ctx, {
      action: 'organisation.foster_end',
      objectType: 'organisation',
      objectId: id,
      details: { fosterHouseholdId: link.householdId },
    });
  });
  return fosterFamiliesOf(db, id);
}
