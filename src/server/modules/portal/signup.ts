/**
 * Resident sign-up on the portal: name, ID number, phone, password, and the hukou village or
 * community and hukou type (户籍地, chosen from the city's divisions), confirmed by a 6-digit code
 * sent to the phone. The account is tied to the registry person with that ID number; a person the
 * registry does not have is registered with the hukou the resident chose, marked unverified (待核实)
 * until a clerk confirms it (registry/confirm-hukou.ts). Nothing is guessed.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { portalSignups, users } from '../../platform/db/schema.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/password.js';
import { createSession } from '../../platform/auth/session.js';
import { residentUsername } from '../../platform/auth/resident-account.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import { rows, type Db } from '../../platform/db/index.js';
import { personsView } from '../registry/read.js';
import { insertSignedUpPersonInTx } from '../registry/write.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import type { ConfirmSignupInput, SignupAnswer, SignupInput } from '../../../shared/portal/signup.js';

const CODE_MINUTES = 10;

export async function startSignup(deps: Deps, ctx: Ctx, input: SignupInput): Promise<SignupAnswer> {
  const parsed = parseResidentId(input.idNumber);
  if (!parsed.ok) throw AppError.field('idNumber', `身份证号：${parsed.message}`);
  const policy = checkPasswordPolicy(input.password, { username: parsed.idNumber });
  if (!policy.ok) throw AppError.field('password', policy.message);
  const db = deps.database.db;
  const hukouErrors: FieldError[] = [];
  if (!input.hukouDivisionCode) hukouErrors.push({ field: 'hukouDivisionCode', message: '请选择户籍地（户口所在的村或社区）' });
  else if (!(await isVillage(db, input.hukouDivisionCode)))
    hukouErrors.push({ field: 'hukouDivisionCode', message: '户籍地请选择到村（社区）一级' });
  if (!input.hukouType) hukouErrors.push({ field: 'hukouType', message: '请选择户口类型（城镇或农村）' });
  if (hukouErrors.length) throw AppError.validation(hukouErrors);
  const idHash = deps.cipher.lookupHash(parsed.idNumber);
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, residentUsername(idHash)));
  if (taken) throw AppError.field('idNumber', '该身份证号已注册，请直接登录');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = randomBytes(16).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.insert(portalSignups).values({
      id,
      name: input.name,
      idNumberEnc: deps.cipher.encrypt(parsed.idNumber),
      idNumberHash: idHash,
      phoneEnc: deps.cipher.encrypt(input.phone),
      phoneHash: deps.cipher.lookupHash(input.phone),
      passwordHash: await hashPassword(input.password),
      hukouDivisionCode: input.hukouDivisionCode,
      hukouType: input.hukouType,
      codeHash: sm3Hex(`${id}:${code}`),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    });
    await deps.notifier.sendSms(tx, input.phone, `【济民】您的注册验证码为 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作请忽略。`);
    await audit(tx, ctx, { action: 'portal.signup_start', objectType: 'signup', objectId: id });
  });
  return { signupId: id };
}

export async function confirmSignup(deps: Deps, ctx: Ctx, input: ConfirmSignupInput): Promise<{ userId: number; token: string }> {
  const db = deps.database.db;
  const userId = await db.transaction(async (tx) => {
    const [s] = await tx.select().from(portalSignups).where(eq(portalSignups.id, input.signupId)).for('update');
    if (!s || s.confirmedAt || s.expiresAt < new Date() || s.attempts >= 5) throw AppError.field('code', '验证码已失效，请重新获取');
    const expected = Buffer.from(s.codeHash);
    const got = Buffer.from(sm3Hex(`${s.id}:${input.code}`));
    if (!timingSafeEqual(expected, got)) {
      await tx
        .update(portalSignups)
        .set({ attempts: s.attempts + 1 })
        .where(eq(portalSignups.id, s.id));
      return null;
    }
    // Carried into the registry: a damaged one is the integrity error (D2), audited.
    const idNumber = new FieldView(deps, ctx).strict(s.idNumberEnc, { objectType: 'signup', objectId: s.id, field: 'idNumber' });
    const parsed = parseResidentId(idNumber);
    const [found] = await rows<{ id: number | string; hukou: string }>(
      tx,
      sql`select p.id, p.hukou_division_code as hukou from ${personsView} p where p.id_number_hash = ${s.idNumberHash}`,
    );
    let person = found ? { id: Number(found.id), hukou: found.hukou } : undefined;
    if (!person) {
      // The resident is not in the registry yet: registered with the hukou they chose, 待核实 until
      // a clerk confirms it. A sign-up started before the hukou was asked for is started again.
      if (!s.hukouDivisionCode || !s.hukouType) throw AppError.field('code', '注册信息不完整：请返回上一步选择户籍地后重新获取验证码');
      person = await insertSignedUpPersonInTx(tx, {
        name: s.name,
        sex: parsed.ok ? parsed.sex : null,
        birthDate: parsed.ok ? parsed.birthDate : null,
        idNumberEnc: s.idNumberEnc,
        idNumberHash: s.idNumberHash,
        phoneEnc: s.phoneEnc,
        phoneHash: s.phoneHash,
        hukouDivisionCode: s.hukouDivisionCode,
        hukouType: s.hukouType,
      });
    }
    const [u] = await tx
      .insert(users)
      .values({
        kind: 'resident',
        username: residentUsername(s.idNumberHash),
        displayName: s.name,
        passwordHash: s.passwordHash,
        divisionCode: person.hukou,
        personId: person.id,
        mustChangePassword: false,
        passwordChangedAt: new Date(),
      })
      .returning({ id: users.id });
    await tx.update(portalSignups).set({ confirmedAt: new Date() }).where(eq(portalSignups.id, s.id));
    await audit(tx, ctx, { action: 'portal.signup', objectType: 'user', objectId: u.id });
    return u.id;
  });
  if (userId === null) throw AppError.field('code', '验证码不正确');
  return { userId, token: await createSession(db, userId, ctx.ip) };
}

/** A village or community (level 5) of the city's division tree: where a hukou is registered. */
async function isVillage(db: Db, code: string): Promise<boolean> {
  if (!/^\d{12}$/.test(code)) return false;
  const [d] = await rows<{ code: string }>(db, sql`select code from divisions where code = ${code} and level = 5 and valid_to is null`);
  return Boolean(d);
}
