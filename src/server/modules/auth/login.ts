/**
 * Login (docs/security.md A1–A3, A5 with the route's rate limit): password, lockout after repeated
 * failures, a TOTP second factor where the account has one or its role requires one.
 * Every outcome is audited (U1); the message never says whether the account exists, and neither
 * does the lockout (A7): a name that is no account (or a disabled one) is counted and locked like an
 * account, and each attempt costs one scrypt hash like a wrong password does.
 */
import { eq, sql } from 'drizzle-orm';
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
import { residentUsername } from '../../platform/auth/resident-account.js';
import type { LoginInput } from '../../../shared/auth/account.js';

// Verifying against this keeps the time of an unknown username like that of a wrong password.
const dummyHash = hashPassword('timing-equaliser-Aa1!');

export async function login(deps: Deps, ctx: Ctx, input: LoginInput): Promise<{ userId: number; token: string }> {
  const db = deps.database.db;
  const invalid = new AppError('UNAUTHENTICATED', '用户名或密码错误');
  // Residents sign in with their ID number.
  const asId = parseResidentId(input.username);
  const username = asId.ok ? residentUsername(deps.cipher.lookupHash(asId.idNumber)) : input.username;
  const user = await findUserByUsername(db, username);
  if (!user || user.disabled) {
    const tried = { username: asId.ok ? '(身份证号登录)' : input.username };
    const reason = user ? 'disabled' : 'unknown_user';
    const tallies = unknownTallies(deps);
    const lockedUntil = tallies.get(username)?.lockedUntil ?? 0;
    if (lockedUntil > Date.now()) {
      await audit(db, ctx, { ...tried, action: 'auth.login', outcome: 'denied', details: { reason: 'locked', account: reason } });
      throw lockedError(new Date(lockedUntil));
    }
    await verifyPassword(input.password, await dummyHash);
    await audit(db, ctx, { ...tried, action: 'auth.login', outcome: 'failed', details: { reason } });
    const until = countUnknownFailure(deps, tallies, username);
    if (until) {
      await audit(db, ctx, {
        ...tried,
        action: 'auth.lock',
        outcome: 'ok',
        details: { minutes: deps.config.JIMIN_LOCKOUT_MINUTES, account: reason },
      });
      throw lockedError(new Date(until));
    }
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
  await audit(
    db,
    { actor: null, ip: ctx.ip },
    { ...who, action: 'auth.login', outcome: 'ok', details: { totp: user.totpEnabled, totpSetupDue: required && !user.totpEnabled } },
  );
  return { userId: user.id, token };
}

/**
 * Counts a wrong password or code of an account: at login, and when it confirms a change of its
 * password or second factor (A6), so that a stolen session cannot try codes or passwords without
 * locking the account like wrong logins do. The JIMIN_MAX_FAILED_LOGINS-th failure locks the
 * account for JIMIN_LOCKOUT_MINUTES (423, audited); otherwise the caller answers the failure.
 */
export async function recordFailure(
  deps: Deps,
  ctx: Ctx,
  userId: number,
  username: string,
  reason: string,
  action = 'auth.login',
): Promise<void> {
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
  await audit(db, ctx, { action, outcome: 'failed', objectType: 'user', objectId: userId, username, details: { reason } });
  if (r?.locked) {
    await audit(db, ctx, {
      action: 'auth.lock',
      outcome: 'ok',
      objectType: 'user',
      objectId: userId,
      username,
      details: { minutes: config.JIMIN_LOCKOUT_MINUTES },
    });
    throw lockedError(new Date(Date.now() + config.JIMIN_LOCKOUT_MINUTES * 60_000));
  }
}

/** A locked account confirms nothing until the lock ends (A6): refused (423) and audited under `action`. */
export async function refuseIfLocked(
  deps: Deps,
  ctx: Ctx,
  user: { id: number; username: string; lockedUntil: Date | null },
  action: string,
): Promise<void> {
  if (!user.lockedUntil || user.lockedUntil <= new Date()) return;
  await audit(deps.database.db, ctx, {
    action,
    outcome: 'denied',
    objectType: 'user',
    objectId: user.id,
    username: user.username,
    details: { reason: 'locked' },
  });
  throw lockedError(user.lockedUntil);
}

/**
 * Failures of names that are no account, counted as `recordFailure` counts an account's: the
 * JIMIN_MAX_FAILED_LOGINS-th locks the name for JIMIN_LOCKOUT_MINUTES and starts the count again.
 * Kept in memory (one table per running app), as the login rate limit is: with several processes
 * behind a balancer each counts its own, like the rate limit. At most MAX_TALLIES names are kept;
 * beyond that the least recently tried are forgotten first.
 */
interface Tally {
  failed: number;
  lockedUntil: number;
}
const MAX_TALLIES = 10_000;
const tallyTables = new WeakMap<Deps, Map<string, Tally>>();

function unknownTallies(deps: Deps): Map<string, Tally> {
  let table = tallyTables.get(deps);
  if (!table) tallyTables.set(deps, (table = new Map()));
  return table;
}

/** Counts one failure; returns the end of the lock it starts, or null. */
function countUnknownFailure(deps: Deps, tallies: Map<string, Tally>, name: string): number | null {
  const { JIMIN_MAX_FAILED_LOGINS: max, JIMIN_LOCKOUT_MINUTES: minutes } = deps.config;
  const tally = tallies.get(name) ?? { failed: 0, lockedUntil: 0 };
  tallies.delete(name); // re-inserted last: the map's order is the order of the last attempt
  tally.failed += 1;
  let locked: number | null = null;
  if (tally.failed >= max) {
    tally.failed = 0;
    tally.lockedUntil = locked = Date.now() + minutes * 60_000;
  }
  tallies.set(name, tally);
  if (tallies.size > MAX_TALLIES) {
    for (const oldest of tallies.keys()) {
      tallies.delete(oldest);
      if (tallies.size <= MAX_TALLIES * 0.9) break;
    }
  }
  return locked;
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`, { lockedUntil: until.toISOString() });
}
