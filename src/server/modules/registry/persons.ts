/**
 * One person: open (audited), create, update (optimistic version check → 409), unmask (permission
 * + reason, audited). One person per ID number (一数一源): a second registration is refused.
 */
import { randomFillSync } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { assertWritableDivision, requireActor, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { announceFactsChangedInTx } from './events.js';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { assertDivisionExists } from '../divisions/queries.js';
import { checkPerson, encryptPerson } from './person-fields.js';
import type { ClearValues, PersonDetail, PersonInput, UnmaskInput, UpdatePersonInput } from '../../../shared/registry/persons.js';
import { personColumns, personScope, toPersonRow, type PersonDbRow, type PersonRow } from './person-row.js';
import { persons } from './schema.js';
import { listBenefits } from './benefits.js';
import { FieldView } from '../../platform/crypto/field-view.js';

// Crockford-style alphabet: readable aloud and on paper, no I/L/O/U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Random bytes drawn 4 KiB at a time: an import makes 100,000 identifiers.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

export function newPlatformId(prefix: 'P' | 'H'): string {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = prefix === 'P' ? 'JM' : 'HH';
  for (let i = 0; i < 10; i++) out += ALPHABET[pool[poolOffset + i] & 31];
  poolOffset += 10;
  return out;
}

/** A person inside the actor's scope, or 404 (Z1: the same answer as a missing one). */
export async function loadPerson(
  db: Db,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<PersonDbRow & { id_number_hash: string | null }> {
  const [r] = await rows<PersonDbRow & { id_number_hash: string | null }>(
    db,
    sql`select ${personColumns}, persons.id_number_hash from persons where persons.id = ${id} and ${personScope(actor)}
      ${forUpdate ? sql`for update` : sql``}`,
  );
  if (!r) throw AppError.notFound('人员');
  return r;
}

export async function openPerson(deps: Deps, ctx: Ctx, id: number): Promise<PersonDetail> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const r = await loadPerson(db, actor, id);
  const [household] = r.household_id
    ? await rows<{ id: string | number; head_name: string | null; household_no: string }>(
        db,
        sql`select h.id, h.household_no, (select name from persons hp where hp.id = h.head_person_id) as head_name from households h where
          h.id = ${r.household_id}`,
      )
    : [];
  await deps.readAudit.record(ctx, { action: 'person.open', objectType: 'person', objectId: id });
  return {
    ...toPersonRow(new FieldView(deps, ctx), r),
    household: household
      ? { id: Number(household.id), householdNo: household.household_no, headName: household.head_name, relation: r.relation }
      : null,
    benefits: await listBenefits(deps, actor, { personId: id }),
  };
}

/** Validates, checks jurisdiction and uniqueness, inserts; the caller owns the transaction. */
export async function insertPersonInTx(
  deps: Deps,
  tx: Db,
  actor: Actor,
  input: PersonInput,
  prefix = '',
  household?: { id: number; relation: string },
): Promise<number> {
  const checked = checkPerson(input, prefix);
  if (checked.errors.length) throw AppError.validation(checked.errors);
  assertWritableDivision(actor, input.hukouDivisionCode, `${prefix}hukouDivisionCode`);
  await assertDivisionExists(tx, input.hukouDivisionCode, `${prefix}hukouDivisionCode`);
  if (input.residenceDivisionCode) await assertDivisionExists(tx, input.residenceDivisionCode, `${prefix}residenceDivisionCode`);
  const columns = encryptPerson(deps.cipher, input, checked);
  if (columns.idNumberHash) await assertIdNumberFree(tx, columns.idNumberHash, `${prefix}idNumber`, null);
  const [created] = await tx
    .insert(persons)
    .values({ ...columns, platformId: newPlatformId('P'), householdId: household?.id ?? null, relation: household?.relation ?? null })
    .returning({ id: persons.id });
  return created.id;
}

export async function createPerson(deps: Deps, ctx: Ctx, input: PersonInput): Promise<PersonRow> {
  const actor = requireActor(ctx.actor);
  const id = await deps.database.db.transaction(async (tx) => {
    const id = await insertPersonInTx(deps, tx, actor, input);
    await audit(tx, ctx, { action: 'person.create', objectType: 'person', objectId: id });
    return id;
  });
  return toPersonRow(new FieldView(deps, ctx), await loadPerson(deps.database.db, actor, id));
}

export async function updatePerson(deps: Deps, ctx: Ctx, id: number, input: UpdatePersonInput): Promise<PersonRow> {
  const actor = requireActor(ctx.actor);
  const view = new FieldView(deps, ctx);
  // A stored value the update keeps is re-validated and re-encrypted: a damaged one cannot be, so
  // the user is asked to enter it again (the damage is audited by the view).
  const kept = (stored: string | null, field: 'idNumber' | 'phone', label: string) =>
    stored
      ? view.strict(stored, { objectType: 'person', objectId: id, field }, () =>
          AppError.field(field, `原${label}数据校验失败（记录可能被篡改），请重新填写${label}后保存`),
        )
      : null;
  await deps.database.db.transaction(async (tx) => {
    const current = await loadPerson(tx, actor, id, true);
    if (input.version !== undefined && input.version !== Number(current.version)) {
      throw AppError.conflict('该人员信息已被他人修改，请刷新后重试');
    }
    // Merge over the stored values so the same checks run on the whole record.
    const merged: PersonInput = {
      name: input.name ?? current.name,
      idNumber: input.idNumber === undefined ? kept(current.id_number_enc, 'idNumber', '身份证号') : input.idNumber,
      noIdReason: input.noIdReason === undefined ? current.no_id_reason : input.noIdReason,
      sex: input.sex === undefined ? current.sex : input.sex,
      birthDate: input.birthDate === undefined ? current.birth_date : input.birthDate,
      phone: input.phone === undefined ? kept(current.phone_enc, 'phone', '联系电话') : input.phone,
      hukouDivisionCode: input.hukouDivisionCode ?? current.hukou_division_code,
      residenceDivisionCode: input.residenceDivisionCode === undefined ? current.residence_division_code : input.residenceDivisionCode,
      hukouType: input.hukouType ?? current.hukou_type,
      disabilityType:
        input.disabilityType === undefined ? (current.disability_type as PersonInput['disabilityType']) : input.disabilityType,
      disabilityGrade: input.disabilityGrade === undefined ? current.disability_grade : input.disabilityGrade,
      healthNotes: input.healthNotes === undefined ? undefined : input.healthNotes,
    };
    const checked = checkPerson(merged);
    if (checked.errors.length) throw AppError.validation(checked.errors);
    assertWritableDivision(actor, merged.hukouDivisionCode, 'hukouDivisionCode');
    await assertDivisionExists(tx, merged.hukouDivisionCode, 'hukouDivisionCode');
    const columns = encryptPerson(deps.cipher, merged, checked);
    if (columns.idNumberHash && columns.idNumberHash !== current.id_number_hash)
      await assertIdNumberFree(tx, columns.idNumberHash, 'idNumber', id);
    const { healthNotesEnc, ...rest } = columns;
    await tx
      .update(persons)
      .set({
        ...rest,
        ...(input.healthNotes === undefined ? {} : { healthNotesEnc }),
        version: sql`${persons.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(persons.id, id));
    await audit(tx, ctx, {
      action: 'person.update',
      objectType: 'person',
      objectId: id,
      details: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
    await announceFactsChangedInTx(deps, tx, actor, [id]);
  });
  return toPersonRow(view, await loadPerson(deps.database.db, actor, id));
}

export async function unmaskPerson(deps: Deps, ctx: Ctx, id: number, input: UnmaskInput): Promise<ClearValues> {
  const actor = requirePermission(ctx.actor, 'registry.unmask');
  const db = deps.database.db;
  const [r] = await rows<{ id_number_enc: string | null; phone_enc: string | null; health_notes_enc: string | null }>(
    db,
    sql`select id_number_enc, phone_enc, health_notes_enc from persons where persons.id = ${id} and ${personScope(actor)}`,
  );
  if (!r) throw AppError.notFound('人员');
  // The clear values or the integrity error (D2): an unmask never answers 数据校验失败 as a value.
  const view = new FieldView(deps, ctx);
  const ref = (field: string) => ({ objectType: 'person', objectId: id, field });
  const clear = {
    idNumber: r.id_number_enc ? view.strict(r.id_number_enc, ref('idNumber')) : null,
    phone: r.phone_enc ? view.strict(r.phone_enc, ref('phone')) : null,
    healthNotes: r.health_notes_enc ? view.strict(r.health_notes_enc, ref('healthNotes')) : null,
  };
  await audit(db, ctx, { action: 'person.unmask', objectType: 'person', objectId: id, details: { reason: input.reason } });
  return clear;
}

async function assertIdNumberFree(db: Db, hash: string, field: string, exceptId: number | null): Promise<void> {
  const [other] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.idNumberHash, hash), exceptId === null ? undefined : sql`${persons.id} <> ${exceptId}`));
  if (other) throw AppError.field(field, '该身份证号已在人口库中登记，请查找已有人员，不要重复登记');
}
