/**
 * Second factor (A3, A6): a staff member creates a TOTP secret, then proves it with a first code.
 * The secret is stored encrypted like every other secret.
 *
 * A session alone never changes the second factor (A6). Starting a setup needs the current code
 * where a factor is set, else the account's password — also at the forced first setup of a role
 * that requires the factor: such a session need not be fresh (a role can start requiring the factor
 * while its users are signed in), and asking once more costs one field. Starting changes nothing:
 * the new secret travels in a sealed setup token (SM4 + HMAC-SM3 under the platform's keys, bound
 * to this account, this session and the factor it replaces, valid 10 minutes), and the factor in
 * use keeps working until the first code of the new one is confirmed. Confirming it (or turning
 * the factor off with the current code) is audited in the same transaction and ends the account's
 * other sessions; the caller's own stays.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { users } from '../../platform/db/schema.js';
import { rows } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { endOtherSessions, forgetSessions } from '../../platform/auth/session.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { requireActor } from '../../platform/access/scope.js';
import { recordFailure, refuseIfLocked } from './login.js';
import type { DisableTotpInput, EnableTotpInput, TotpSetup, TotpSetupInput } from '../../../shared/auth/account.js';

const SETUP_MINUTES = 10;
type User = typeof users.$inferSelect;

interface SetupToken {
  p: 'totp-setup';
  /** user id, session token hash, secret, what it replaces, expiry (ms) */
  u: number;
  sid: string;
  s: string;
  f: string;
  exp: number;
}

/** The factor in use, as the setup token remembers it: a change in between voids the token. */
const factorOf = (user: User) => (user.totpEnabled && user.totpSecretEnc ? sm3Hex(user.totpSecretEnc) : 'none');

export async function startTotpSetup(deps: Deps, ctx: Ctx, sessionHash: string, input: TotpSetupInput): Promise<TotpSetup> {
  const actor = requireActor(ctx.actor);
  const user = await loadUser(deps, actor.userId);
  await confirmIdentity(deps, ctx, user, input, user.totpEnabled ? 'auth.totp_change' : 'auth.totp_enable');
  const secret = newTotpSecret();
  const token: SetupToken = {
    p: 'totp-setup',
    u: user.id,
    sid: sessionHash,
    s: secret,
    f: factorOf(user),
    exp: Date.now() + SETUP_MINUTES * 60_000,
  };
  return { secret, otpauthUrl: totpUri(secret, actor.username), setupToken: deps.cipher.encrypt(JSON.stringify(token)) };
}

export async function enableTotp(deps: Deps, ctx: Ctx, sessionHash: string, input: EnableTotpInput): Promise<void> {
  const actor = requireActor(ctx.actor);
  const token = openSetupToken(deps, input.setupToken);
  if (!token || token.u !== actor.userId || token.sid !== sessionHash || token.exp < Date.now()) {
    throw AppError.field('setupToken', '动态口令密钥已失效，请重新生成');
  }
  const checked = verifyTotp(token.s, input.code, null);
  if (!checked.ok) throw AppError.field('code', '动态口令不正确，请核对手机上的口令');
  await deps.database.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    if (!user) throw AppError.notFound('账号');
    if (factorOf(user) !== token.f) throw AppError.field('setupToken', '动态口令设置已有变化，请重新生成密钥');
    await tx
      .update(users)
      .set({ totpSecretEnc: deps.cipher.encrypt(token.s), totpEnabled: true, totpLastStep: checked.step })
      .where(eq(users.id, user.id));
    const ended = await endOtherSessions(tx, user.id, sessionHash);
    await audit(tx, ctx, {
      action: user.totpEnabled ? 'auth.totp_change' : 'auth.totp_enable',
      objectType: 'user',
      objectId: user.id,
      details: { otherSessionsEnded: ended },
    });
  });
  forgetSessions();
}

/** Turns the factor off with its current code, where no role of the account requires it. */
export async function disableTotp(deps: Deps, ctx: Ctx, sessionHash: string, input: DisableTotpInput): Promise<void> {
  const actor = requireActor(ctx.actor);
  const user = await loadUser(deps, actor.userId);
  if (!user.totpEnabled) throw AppError.field('code', '尚未启用动态口令');
  const [{ required }] = await rows<{ required: boolean }>(
    deps.database.db,
    sql`select exists (select 1 from roles r where ${JSON.stringify(user.roles)}::jsonb ? r.code and r.totp_required) as required`,
  );
  if (required) throw AppError.forbidden('您的角色要求使用动态口令，不能关闭；如需更换手机，请重新绑定');
  await confirmIdentity(deps, ctx, user, input, 'auth.totp_disable');
  await deps.database.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: false, totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, user.id));
    const ended = await endOtherSessions(tx, user.id, sessionHash);
    await audit(tx, ctx, { action: 'auth.totp_disable', objectType: 'user', objectId: user.id, details: { otherSessionsEnded: ended } });
  });
  forgetSessions();
}

async function loadUser(deps: Deps, id: number): Promise<User> {
  const [user] = await deps.database.db.select().from(users).where(eq(users.id, id));
  if (!user) throw AppError.notFound('账号');
  return user;
}

/**
 * The current code where a factor is set (it is then used up, like a login's), else the password.
 * A wrong one is audited under the action it was meant for and counts like a wrong login, so a
 * stolen session cannot try codes: the JIMIN_MAX_FAILED_LOGINS-th locks the account (423).
 */
async function confirmIdentity(
  deps: Deps,
  ctx: Ctx,
  user: User,
  input: { code?: string; password?: string },
  action: string,
): Promise<void> {
  const db = deps.database.db;
  const failed = (reason: string) => recordFailure(deps, ctx, user.id, user.username, reason, action);
  if (user.totpEnabled && user.totpSecretEnc) {
    if (!input.code) throw AppError.field('code', '请输入当前的动态口令');
    await refuseIfLocked(deps, ctx, user, action);
    const checked = verifyTotp(deps.cipher.decrypt(user.totpSecretEnc), input.code, user.totpLastStep);
    if (!checked.ok) {
      await failed(checked.reason === 'reused' ? 'totp_reused' : 'totp_invalid');
      throw AppError.field('code', checked.reason === 'reused' ? '动态口令已使用过，请等待下一个口令' : '当前动态口令不正确');
    }
    await db.update(users).set({ totpLastStep: checked.step, failedLogins: 0 }).where(eq(users.id, user.id));
    return;
  }
  if (!input.password) throw AppError.field('password', '请输入登录密码，以确认是您本人操作');
  await refuseIfLocked(deps, ctx, user, action);
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await failed('bad_password');
    throw AppError.field('password', '登录密码不正确');
  }
  if (user.failedLogins > 0) await db.update(users).set({ failedLogins: 0 }).where(eq(users.id, user.id));
}

function openSetupToken(deps: Deps, sealed: string): SetupToken | null {
  try {
    const t = JSON.parse(deps.cipher.decrypt(sealed)) as Partial<SetupToken>;
    if (
      t.p !== 'totp-setup' ||
      typeof t.u !== 'number' ||
      typeof t.sid !== 'string' ||
      typeof t.s !== 'string' ||
      typeof t.f !== 'string' ||
      typeof t.exp !== 'number'
    )
      return null;
    return t as SetupToken;
  } catch {
    return null;
  }
}
