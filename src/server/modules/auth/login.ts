/**
 * Login (security.md A1–A3, A5 with the route's rate limit): password, lockout after repeated
 * failures, a TOTP second factor where the account has one or its role requires one.
 * Every outcome is audited (U1); the message never says whether the account exists.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { verifyPassword, hashPassword } from '../../platform/auth/password.js';
import { verifyTotp } from '../../platform/auth/totp.js';
import { createSession } from '../../platform/auth/session.js';
import { findUserByUsername } from './me.js';
import { rows } from '../../platform/db/index.js';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import { residentUsername } from '../portal/signup.js';

export const loginInput = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  totpCode: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字').optional(),
});

// Verifying against this keeps the time of an unknown username like that of a wrong password.
const dummyHash = hashPassword('timing-equaliser-Aa1!');

export async function login(deps: Deps, ctx: Ctx, input: z.infer<typeof loginInput>): Promise<{ userId: number; token: string }> {
  const db = deps.database.db;
  const invalid = new AppError('UNAUTHENTICATED', '用户名或密码错误');
  // Residents sign in with their ID number.
  const asId = parseResidentId(input.username);
  const username = asId.ok ? residentUsername(deps.cipher.lookupHash(asId.idNumber)) : input.username;
  const user = await findUserByUsername(db, username);
  if (!user || user.disabled) {
    await verifyPassword(input.password, await dummyHash);
    await audit(db, ctx, { action: 'auth.login', outcome: 'failed', username: asId.ok ? '(身份证号登录)' : input.username, details: { reason: user ? 'disabled' : 'unknown_user' } });
    throw invalid;
  }
  const who = { objectType: 'user', objectId: user.id, username: user.username };
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await audit(db, ctx, { ...who, action: 'auth.login', outcome: 'denied', details: { reason: 'locked' } });
    throw lockedError(user.lockedUntil);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await recordFailure(deps, ctx, user.id, user.username, 'bad_password');
    throw invalid;
  }
  const [{ required }] = await rows<{ required: boolean }>(
    db,
    sql`select exists (select 1 from roles r where ${JSON.stringify(user.roles)}::jsonb ? r.code and r.totp_required) as required`,
  );
  if (user.totpEnabled && user.totpSecretEnc) {
    if (!input.totpCode) {
      throw new AppError('TOTP_REQUIRED', '请输入动态口令（双因素认证）');
    }
    const checked = verifyTotp(deps.cipher.decrypt(user.totpSecretEnc), input.totpCode, user.totpLastStep);
    if (!checked.ok) {
      await recordFailure(deps, ctx, user.id, user.username, checked.reason === 'reused' ? 'totp_reused' : 'totp_invalid');
      throw new AppError('UNAUTHENTICATED', checked.reason === 'reused' ? '动态口令已使用过，请等待下一个口令' : '动态口令错误或已过期');
    }
    await db.update(users).set({ totpLastStep: checked.step }).where(eq(users.id, user.id));
  }
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const token = await createSession(db, user.id, ctx.ip);
  await audit(db, { actor: null, ip: ctx.ip }, { ...who, action: 'auth.login', outcome: 'ok', details: { totp: user.totpEnabled, totpSetupDue: required && !user.totpEnabled } });
  return { userId: user.id, token };
}

async function recordFailure(deps: Deps, ctx: Ctx, userId: number, username: string, reason: string): Promise<void> {
  const { config } = deps;
  const db = deps.database.db;
  // Counted in one statement so concurrent failures cannot undercount.
  const [r] = await rows<{ failed_logins: number; locked: boolean }>(
    db,
    sql`update users set
          failed_logins = case when failed_logins + 1 >= ${config.JIMIN_MAX_FAILED_LOGINS} then 0 else failed_logins + 1 end,
          locked_until = case when failed_logins + 1 >= ${config.JIMIN_MAX_FAILED_LOGINS}
                              then now() + make_interval(mins => ${config.JIMIN_LOCKOUT_MINUTES}) else locked_until end
        where id = ${userId}
        returning failed_logins, (locked_until > now()) as locked`,
  );
  await audit(db, ctx, { action: 'auth.login', outcome: 'failed', objectType: 'user', objectId: userId, username, details: { reason } });
  if (r?.locked) {
    await audit(db, ctx, { action: 'auth.lock', outcome: 'ok', objectType: 'user', objectId: userId, username, details: { minutes: config.JIMIN_LOCKOUT_MINUTES } });
    throw lockedError(new Date(Date.now() + config.JIMIN_LOCKOUT_MINUTES * 60_000));
  }
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`, { lockedUntil: until.toISOString() });
}
