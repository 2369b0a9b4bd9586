/**
 * A person's fields as entered: validated (GB 11643 for the ID number, divisions that exist and lie
 * in the jurisdiction), sex and birth date taken from the ID number, sensitive fields encrypted
 * with a keyed hash for exact lookup. Used by the form, the household form and the import alike.
 */
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { FieldError } from '../../platform/errors.js';
import type { PersonInput } from '../../../shared/registry/persons.js';

// The schemas live in the contract (src/shared/registry/persons.ts); the modules that take a name import them from here too.
export { personInput, personName, personNameTerm, type PersonInput } from '../../../shared/registry/persons.js';

/** Columns ready to store (no id, no household). */
export interface PersonColumns {
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  noIdReason: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  hukouDivisionCode: string;
  residenceDivisionCode: string | null;
  hukouType: 'urban' | 'rural';
  disabilityType: string | null;
  disabilityGrade: number | null;
  healthNotesEnc: string | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Field-level checks beyond the schema; `prefix` names the field in nested forms ("members.0."). */
export function checkPerson(
  input: PersonInput,
  prefix = '',
): { errors: FieldError[]; idNumber: string | null; sex: 'male' | 'female' | null; birthDate: string | null } {
  const errors: FieldError[] = [];
  let idNumber: string | null = null;
  let sex = input.sex ?? null;
  let birthDate = input.birthDate ?? null;
  if (input.idNumber) {
    const parsed = parseResidentId(input.idNumber);
    if (!parsed.ok) errors.push({ field: `${prefix}idNumber`, message: `身份证号：${parsed.message}` });
    else {
      idNumber = parsed.idNumber;
      sex = parsed.sex;
      birthDate = parsed.birthDate;
    }
  } else if (!input.noIdReason) {
    errors.push({ field: `${prefix}idNumber`, message: '请填写身份证号；没有身份证号的（身份不明、尚未落户等）请说明原因' });
  }
  if (input.phone && !MOBILE.test(input.phone) && !LANDLINE.test(input.phone)) {
    errors.push({ field: `${prefix}phone`, message: '联系电话应为 11 位手机号或带区号的固定电话' });
  }
  if (((input.disabilityType ?? null) === null) !== ((input.disabilityGrade ?? null) === null)) {
    errors.push({ field: `${prefix}disabilityGrade`, message: '残疾类别和残疾等级应同时填写' });
  }
  return { errors, idNumber, sex, birthDate };
}

export function encryptPerson(
  cipher: FieldCipher,
  input: PersonInput,
  checked: { idNumber: string | null; sex: 'male' | 'female' | null; birthDate: string | null },
  /** The ID number's lookup hash when the caller has computed it already. */
  idNumberHash?: string | null,
): PersonColumns {
  const phone = input.phone ? input.phone.replace(/-/g, '') : null;
  return {
    name: input.name,
    sex: checked.sex,
    birthDate: checked.birthDate,
    idNumberEnc: checked.idNumber ? cipher.encrypt(checked.idNumber) : null,
    idNumberHash: checked.idNumber ? (idNumberHash ?? cipher.lookupHash(checked.idNumber)) : null,
    noIdReason: checked.idNumber ? null : (input.noIdReason ?? null),
    phoneEnc: phone ? cipher.encrypt(phone) : null,
    phoneHash: phone ? cipher.lookupHash(phone) : null,
    hukouDivisionCode: input.hukouDivisionCode,
    residenceDivisionCode: input.residenceDivisionCode ?? null,
    hukouType: input.hukouType,
    disabilityType: input.disabilityType ?? null,
    disabilityGrade: input.disabilityGrade ?? null,
    healthNotesEnc: input.healthNotes ? cipher.encrypt(input.healthNotes) : null,
  };
}
