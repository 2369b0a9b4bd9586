/**
 * 志愿服务's rows as every read shows them: the scope (the platform's scoped data layer: the viewer's
 * jurisdiction over the residence division; a team's staff, the volunteers registered under their team
 * and its sub-teams; a resident, their own), the filters of the list and the export, and the row with
 * the registry's name, sex, age and masked ID number joined in (read through modules/registry/read.ts,
 * never copied).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { scopeWhere, withinDivision } from '../../platform/access/scope.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { rows, type Db } from '../../platform/db/index.js';
import { personNameStartsWith, personsView } from '../registry/read.js';
import { maskIdNumber } from '../../../shared/mask.js';
import { yearsOld } from '../../../shared/dates.js';
import {
  availableTimes,
  registrationSources,
  serviceCategories,
  volunteerStatuses,
  type AvailableTime,
  type RegistrationSource,
  type ServiceCategory,
  type VolunteerStatus,
} from '../../../shared/volunteers/codes.js';
import type { VolunteerFilter, VolunteerRow } from '../../../shared/volunteers/volunteers.js';
import { volunteers } from './schema.js';

/** The volunteers `actor` may see. */
export function volunteerScope(actor: Actor): SQL {
  return scopeWhere(actor, { division: volunteers.divisionCode, person: volunteers.personId, organisation: volunteers.organisationId });
}

/** The filter of the list and the export, as a condition over the (scoped) table. */
export function filterWhere(f: VolunteerFilter): SQL[] {
  const where: SQL[] = [];
  if (f.divisionCode) where.push(withinDivision(volunteers.divisionCode, f.divisionCode));
  if (f.status) where.push(sql`${volunteers.status} = ${f.status}`);
  if (f.category) where.push(sql`${volunteers.categories} @> ${JSON.stringify([f.category])}::jsonb`);
  if (f.registeredFrom) where.push(sql`${volunteers.registeredOn} >= ${f.registeredFrom}`);
  if (f.registeredTo) where.push(sql`${volunteers.registeredOn} <= ${f.registeredTo}`);
  if (f.organisationId) where.push(sql`${volunteers.organisationId} = ${f.organisationId}`);
  if (f.name) where.push(personNameStartsWith(volunteers.personId, f.name));
  return where;
}

export interface VolunteerDbRow {
  id: number | string;
  volunteer_no: string;
  person_id: number | string;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  division_code: string;
  division_name: string | null;
  categories: ServiceCategory[];
  skills: string[];
  available_times: AvailableTime[];
  organisation_id: number | string | null;
  organisation_name: string | null;
  source: RegistrationSource;
  status: VolunteerStatus;
  registered_on: string;
  deregistered_on: string | null;
  deregister_reason: string | null;
  consent_guardian_id: number | string | null;
  consent_guardian_name: string | null;
  consent_method: 'written' | 'on_site' | null;
  consented_on: string | null;
  version: number;
}

/** The rows matching `where` (the table is not aliased: the scope names "volunteers"), in the list's order. */
export function selectVolunteers(where: SQL[]): SQL {
  return sql`select volunteers.id, volunteers.volunteer_no, volunteers.person_id, p.name, p.sex, p.birth_date::text as birth_date,
      p.id_number_enc, volunteers.division_code, (select d.full_name from divisions d where d.code = volunteers.division_code) as
      division_name, volunteers.categories, volunteers.skills, volunteers.available_times, volunteers.organisation_id,
      (select o.name from organisations o where o.id = volunteers.organisation_id) as organisation_name, volunteers.source,
      volunteers.status, volunteers.registered_on::text as registered_on, volunteers.deregistered_on::text as deregistered_on,
      volunteers.deregister_reason, volunteers.consent_guardian_id,
      (select g.name from ${personsView} g where g.id = volunteers.consent_guardian_id) as consent_guardian_name,
      volunteers.consent_method, volunteers.consented_on::text as consented_on, volunteers.version
    from volunteers join ${personsView} p on p.id = volunteers.person_id
    where ${sql.join(where.length ? where : [sql`true`], sql` and `)}`;
}

export const listOrder = sql`order by volunteers.registered_on desc, volunteers.id desc`;

export function toVolunteerRow(view: FieldView, r: VolunteerDbRow, today: string): VolunteerRow {
  return {
    id: Number(r.id),
    volunteerNo: r.volunteer_no,
    personId: Number(r.person_id),
    name: r.name,
    sex: r.sex,
    age: r.birth_date ? yearsOld(r.birth_date, today) : null,
    idNumber: view.show(r.id_number_enc, { objectType: 'person', objectId: Number(r.person_id), field: 'idNumber' }, maskIdNumber),
    divisionCode: r.division_code,
    divisionName: r.division_name ?? r.division_code,
    categories: r.categories,
    categoryNames: r.categories.map((c) => serviceCategories[c] ?? c),
    skills: r.skills,
    availableTimes: r.available_times,
    availableTimeNames: r.available_times.map((c) => availableTimes[c] ?? c),
    organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    organisationName: r.organisation_name,
    source: r.source,
    sourceName: registrationSources[r.source],
    status: r.status,
    statusName: volunteerStatuses[r.status],
    registeredOn: r.registered_on,
    deregisteredOn: r.deregistered_on,
    deregisterReason: r.deregister_reason,
  };
}

/** One volunteer inside the actor's scope (null outside it or missing: the caller's 404); `lock` for a write. */
export async function volunteerInScope(db: Db, actor: Actor, id: number, lock = false): Promise<VolunteerDbRow | null> {
  const [r] = await rows<VolunteerDbRow>(
    db,
    sql`${selectVolunteers([sql`volunteers.id = ${id}`, volunteerScope(actor)])}${lock ? sql` for update of volunteers` : sql``}`,
  );
  return r ?? null;
}

export const viewOf = (deps: Deps, ctx: Ctx) => new FieldView(deps, ctx);
