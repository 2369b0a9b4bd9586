/**
 * The roles an organisation holds on the platform (志愿服务组织, 慈善组织, 养老机构 …, 强制报告责任单位 with
 * its kind), each from a date until one. A role is held once at a time; a children's welfare
 * institution's role does not end while foster families are still placed with it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import {
  FOSTER_CONTRACTOR_ROLE,
  organisationRoleKinds,
  reportingPartnerKinds,
  type OrganisationRoleKind,
  type ReportingPartnerKind,
} from '../../../../shared/registry/organisation-codes.js';
import type { AddOrganisationRoleInput, EndDatedInput, OrganisationRoleRow } from '../../../../shared/registry/organisations.js';
import { addOrganisationRoleInput } from '../../../../shared/registry/organisations.js';
import { fosterFamilies, organisationRoles } from './schema.js';
import { organisationInScope, recordOrganisationEvents } from './rows.js';

export function toRoleRow(r: typeof organisationRoles.$inferSelect): OrganisationRoleRow {
  const role = r.role as OrganisationRoleKind;
  const partnerKind = r.partnerKind as ReportingPartnerKind | null;
  return {
    id: r.id,
    role,
    roleName: organisationRoleKinds[role] ?? role,
    partnerKind,
    partnerKindName: partnerKind ? (reportingPartnerKinds[partnerKind] ?? partnerKind) : null,
    fromDate: r.fromDate,
    toDate: r.toDate,
  };
}

const describe = (r: OrganisationRoleRow) => `${r.roleName}${r.partnerKindName ? `（${r.partnerKindName}）` : ''}`;

export async function addOrganisationRole(deps: Deps, ctx: Ctx, id: number, raw: AddOrganisationRoleInput): Promise<OrganisationRoleRow> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const org = await organisationInScope(db, actor, id);
  const input = addOrganisationRoleInput.parse(raw);
  if (org.status !== 'active') throw AppError.conflict(`该组织已${org.statusName}，不能增加平台角色`);
  return db.transaction(async (tx) => {
    await organisationInScope(tx, actor, id, true);
    const [open] = await tx
      .select()
      .from(organisationRoles)
      .where(and(eq(organisationRoles.organisationId, id), eq(organisationRoles.role, input.role), isNull(organisationRoles.toDate)));
    if (open) throw AppError.conflict(`该组织已具有“${organisationRoleKinds[input.role]}”角色（自 ${open.fromDate} 起），不能重复增加`);
    const [row] = await tx
      .insert(organisationRoles)
      .values({ organisationId: id, role: input.role, partnerKind: input.partnerKind, fromDate: input.fromDate })
      .returning();
    const shown = toRoleRow(row);
    await recordOrganisationEvents(tx, ctx, id, [{ what: 'role_add', newValue: `${describe(shown)}，自 ${input.fromDate} 起` }]);
    await audit(tx, ctx, {
      action: 'organisation.role_add',
      objectType: 'organisation',
      objectId: id,
      details: { organisationRole: input.role },
    });
    return shown;
  });
}

export async function endOrganisationRole(
  deps: Deps,
  ctx: Ctx,
  id: number,
  roleId: number,
  input: EndDatedInput,
): Promise<OrganisationRoleRow> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  await organisationInScope(db, actor, id);
  return db.transaction(async (tx) => {
    await organisationInScope(tx, actor, id, true);
    const [role] = await tx
      .select()
      .from(organisationRoles)
      .where(and(eq(organisationRoles.id, roleId), eq(organisationRoles.organisationId, id)));
    if (!role) throw AppError.notFound('平台角色');
    if (role.toDate) throw AppError.conflict(`该角色已于 ${role.toDate} 终止`);
    if (input.toDate < role.fromDate) throw AppError.field('toDate', `终止日期不能早于起始日期（${role.fromDate}）`);
    if (role.role === FOSTER_CONTRACTOR_ROLE) {
      const [placed] = await tx
        .select({ id: fosterFamilies.id })
        .from(fosterFamilies)
        .where(and(eq(fosterFamilies.organisationId, id), isNull(fosterFamilies.toDate)));
      if (placed) throw AppError.conflict('该机构尚有在寄养的家庭，请先终止家庭寄养，再终止儿童福利机构角色');
    }
    const [row] = await tx.update(organisationRoles).set({ toDate: input.toDate }).where(eq(organisationRoles.id, roleId)).returning();
    const shown = toRoleRow(row);
    await recordOrganisationEvents(tx, ctx, id, [
      { what: 'role_end', oldValue: `${describe(shown)}，自 ${role.fromDate} 起`, newValue: `终止于 ${input.toDate}` },
    ]);
    await audit(tx, ctx, {
      action: 'organisation.role_end',
      objectType: 'organisation',
      objectId: id,
      details: { organisationRole: role.role },
    });
    return shown;
  });
}
