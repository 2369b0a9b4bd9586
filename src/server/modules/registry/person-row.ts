/**
 * How a person is shown: sensitive fields masked (Z5), a damaged one as 数据校验失败 (D7, audited by
 * the FieldView), division names resolved.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { FieldView } from '../../platform/crypto/field-view.js';
import { maskIdNumber, maskPhone } from '../../../shared/mask.js';
import { persons } from './schema.js';
import type { PersonRow } from '../../../shared/registry/persons.js';

export type { PersonRow };

/** The rows of `persons` an actor may see. */
export function personScope(actor: Actor): SQL {
  return scopeWhere(actor, { division: persons.hukouDivisionCode, person: persons.id, household: persons.householdId });
}

/** Columns selected for a person row (the table is not aliased: the scope refers to "persons"). */
export const PERSON_COLUMNS = `persons.id, persons.platform_id, persons.name, persons.sex, persons.birth_date::text as birth_date,
  persons.id_number_enc, persons.phone_enc,
  persons.no_id_reason, persons.hukou_division_code, (select full_name from divisions d where d.code = persons.hukou_division_code) as
    hukou_division_name,
  persons.hukou_unverified, persons.residence_division_code, persons.hukou_type, persons.disability_type, persons.disability_grade,
    persons.household_id, persons.relation, persons.died_on::text as died_on, persons.moved_out_on::text as moved_out_on,
    persons.marital_status,
  (persons.health_notes_enc is not null) as has_health_notes, persons.version`;
export const personColumns = sql.raw(PERSON_COLUMNS);

export interface PersonDbRow {
  id: string | number;
  platform_id: string;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  no_id_reason: string | null;
  hukou_division_code: string;
  hukou_division_name: string | null;
  hukou_unverified: boolean;
  residence_division_code: string | null;
  hukou_type: 'urban' | 'rural';
  disability_type: string | null;
  disability_grade: number | null;
  household_id: string | number | null;
  relation: string | null;
  died_on: string | null;
  moved_out_on: string | null;
  marital_status: string | null;
  has_health_notes: boolean;
  version: number;
}

export function toPersonRow(view: FieldView, r: PersonDbRow): PersonRow {
  const ref = (field: string) => ({ objectType: 'person', objectId: Number(r.id), field });
  return {
    id: Number(r.id),
    platformId: r.platform_id,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    idNumberMasked: view.show(r.id_number_enc, ref('idNumber'), maskIdNumber),
    phoneMasked: view.show(r.phone_enc, ref('phone'), maskPhone),
    noIdReason: r.no_id_reason,
    hukouDivisionCode: r.hukou_division_code,
    hukouDivisionName: r.hukou_division_name,
    hukouUnverified: r.hukou_unverified,
    residenceDivisionCode: r.residence_division_code,
    hukouType: r.hukou_type,
    disabilityType: r.disability_type,
    disabilityGrade: r.disability_grade === null ? null : Number(r.disability_grade),
    householdId: r.household_id === null ? null : Number(r.household_id),
    relation: r.relation,
    diedOn: r.died_on,
    movedOutOn: r.moved_out_on,
    maritalStatus: r.marital_status,
    hasHealthNotes: r.has_health_notes,
    version: Number(r.version),
  };
}
