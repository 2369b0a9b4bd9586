/**
 * What the organisation registry's use cases share: the scope of the organisations an actor sees,
 * the row as the list and the pages show it, the lookup that answers 404 outside the scope, the
 * checks of a write's references and the history rows (docs/rules.md "The organisation registry").
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.js';
import { organisationSubtree, scopeWhere, withinDivision } from '../../../platform/access/scope.js';
import { organisations } from '../../../platform/db/schema.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import {
  organisationEventKinds,
  organisationLegalTypes,
  organisationRoleKinds,
  organisationStatuses,
  type OrganisationEventKind,
  type OrganisationLegalType,
  type OrganisationRoleKind,
  type OrganisationStatus,
} from '../../../../shared/registry/organisation-codes.js';
import type { OrganisationRow } from '../../../../shared/registry/organisations.js';
import { organisationEvents } from './schema.js';
import { persons } from '../schema.js';

/**
 * The organisations an actor sees: those of their jurisdiction; for an organisation's staff, also
 * only their organisation and its sub-organisations (docs/rules.md "Organisation scope").
 */
export function organisationScope(actor: Actor): SQL {
  const parts = [withinDivision(organisations.divisionCode, actor.divisionCode)];
  if (actor.kind === 'resident') return sql`false`;
  if (actor.organisationId !== null) parts.push(sql`${organisations.id} in ${organisationSubtree(actor.organisationId)}`);
  return and(...parts)!;
}

/** The columns of `OrganisationRow`, over `from organisations`. */
export function organisationColumns(today = shanghaiToday()): SQL {
  return sql`organisations.id, organisations.name, organisations.credit_code, organisations.platform_no, organisations.legal_type,
    organisations.registration_authority, organisations.legal_rep_name, organisations.legal_rep_person_id, organisations.address,
    organisations.division_code, (select d.full_name from divisions d where d.code = organisations.division_code) as division_name,
    organisations.parent_id, (select p.name from organisations p where p.id = organisations.parent_id) as parent_name,
    organisations.status, organisations.status_on::text as status_on, organisations.version,
    coalesce((select json_agg(r.role order by r.role) from organisation_roles r where r.organisation_id = organisations.id
      and r.from_date <= ${today} and (r.to_date is null or r.to_date >= ${today})), '[]'::json) as current_roles`;
}

export interface OrganisationDbRow {
  id: string | number;
  name: string;
  credit_code: string | null;
  platform_no: string | null;
  legal_type: string | null;
  registration_authority: string | null;
  legal_rep_name: string | null;
  legal_rep_person_id: string | number | null;
  address: string | null;
  division_code: string;
  division_name: string | null;
  parent_id: string | number | null;
  parent_name: string | null;
  status: string;
  status_on: string | null;
  version: number;
  current_roles: string[] | string;
}

export function toOrganisationRow(r: OrganisationDbRow): OrganisationRow {
  const legalType = r.legal_type as OrganisationLegalType | null;
  const status = r.status as OrganisationStatus;
  const current = (typeof r.current_roles === 'string' ? JSON.parse(r.current_roles) : r.current_roles) as OrganisationRoleKind[];
  return {
    id: Number(r.id),
    name: r.name,
    creditCode: r.credit_code,
    platformNo: r.platform_no,
    legalType,
    legalTypeName: legalType ? (organisationLegalTypes[legalType] ?? legalType) : null,
    registrationAuthority: r.registration_authority,
    legalRepName: r.legal_rep_name,
    legalRepPersonId: r.legal_rep_person_id === null ? null : Number(r.legal_rep_person_id),
    address: r.address,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    parentName: r.parent_name,
    status,
    statusName: organisationStatuses[status] ?? status,
    statusOn: r.status_on,
    currentRoles: [...new Set(current)].map((k) => organisationRoleKinds[k] ?? k),
    version: Number(r.version),
  };
}

/** The organisation as the actor may see it, or 404 (missing and outside are the same answer). */
export async function organisationInScope(db: Db, actor: Actor, id: number, lock = false): Promise<OrganisationRow> {
  const [r] = await rows<OrganisationDbRow>(
    db,
    sql`select ${organisationColumns()} from organisations where organisations.id = ${id} and ${organisationScope(actor)}
      ${lock ? sql`for update of organisations` : sql``}`,
  );
  if (!r) throw AppError.notFound('组织');
  return toOrganisationRow(r);
}

/** The parent named by a write: in the actor's scope, and for an update neither the organisation nor one below it. */
export async function checkParent(db: Db, actor: Actor, parentId: number | null, self: number | null): Promise<string | null> {
  if (parentId === null) return null;
  const [p] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, parentId), organisationScope(actor)));
  if (!p) throw AppError.field('parentId', '所选上级组织不存在或不在您的管辖范围内');
  if (self !== null) {
    const [below] = await rows<{ id: string }>(db, sql`select id from ${organisationSubtree(self)} s where s.id = ${parentId}`);
    if (below) throw AppError.field('parentId', '上级组织不能是本组织或其下级组织');
  }
  return p.name;
}

/** The legal representative's registry entry, when one is named: a person the actor sees. */
export async function checkLegalRep(db: Db, actor: Actor, personId: number | null): Promise<void> {
  if (personId === null) return;
  const [p] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, personId), scopeWhere(actor, { division: persons.hukouDivisionCode, person: persons.id })));
  if (!p) throw AppError.field('legalRepPersonId', '所选法定代表人不在人口库中或不在您的管辖范围内');
}

/**
 * 村（居）民委员会 are their divisions (docs/rules.md "The organisation registry"): no organisation is
 * registered in their name.
 */
export function refuseVillageCommittee(name: string): void {
  if (/(村民委员会|居民委员会|村委会|居委会|社区居委会)$/.test(name.trim()))
    throw AppError.field('name', '村（居）民委员会就是其行政区划，不另行登记为组织：请在“所在区划”中选择该村（社区）');
}

/** The credit code is not another organisation's (a unique index holds it too). */
export async function checkCreditCodeFree(db: Db, code: string | null, self: number | null): Promise<void> {
  if (!code) return;
  const [other] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.creditCode, code));
  if (other && other.id !== self) throw AppError.field('creditCode', CREDIT_CODE_TAKEN);
}

export const CREDIT_CODE_TAKEN = '统一社会信用代码已登记：该组织已在平台中，请勿重复登记';

/** Whether an error is the unique index of credit codes refusing a duplicate written at the same time. */
export function isCreditCodeClash(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = e?.cause ?? e;
  return c?.code === '23505' && (c.constraint ?? '').includes('credit_code');
}

export interface OrganisationChange {
  what: OrganisationEventKind;
  oldValue?: string | null;
  newValue?: string | null;
}

/** The history rows of a change, in the change's transaction. */
export async function recordOrganisationEvents(tx: Db, ctx: Ctx, organisationId: number, changes: OrganisationChange[]): Promise<void> {
  if (!changes.length) return;
  await tx.insert(organisationEvents).values(
    changes.map((c) => ({
      organisationId,
      what: c.what,
      oldValue: c.oldValue ?? null,
      newValue: c.newValue ?? null,
      userId: ctx.actor?.userId ?? null,
      username: ctx.actor?.username ?? null,
    })),
  );
}

export const eventName = (what: string) => organisationEventKinds[what as OrganisationEventKind] ?? what;
