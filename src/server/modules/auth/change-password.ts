/**
 * Password change (A1, A4, A6): the policy, no reuse of the last 5, and the forced change at first
 * login or after the maximum age ends here. A change ends the account's other sessions (the
 * caller's own stays), in the transaction that records it.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { endOtherSessions, forgetSessions } from '../../platform/auth/session.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { requireActor } from '../../platform/access/scope.js';
import { recordFailure, refuseIfLocked } from './login.js';
import type { ChangePasswordInput } from '../../../shared/auth/account.js';

const HISTORY = 5;

/** `sessionHash`: the caller's own session, which stays. */
export async function changePassword(deps: Deps, ctx: Ctx, input: ChangePasswordInput, sessionHash: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw AppError.notFound('账号');
  // A wrong old password counts like a wrong login: a stolen session cannot guess it (A6).
  await refuseIfLocked(deps, ctx, user, 'auth.password_change');
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    await recordFailure(deps, ctx, user.id, user.username, 'bad_old_password', 'auth.password_change');
    throw AppError.field('oldPassword', '原密码不正确');
  }
  const policy = checkPasswordPolicy(input.newPassword, { username: user.username });
  if (!policy.ok) throw AppError.field('newPassword', policy.message);
  for (const old of [user.passwordHash, ...user.passwordHistory].slice(0, HISTORY)) {
    if (await verifyPassword(input.newPassword, old)) throw AppError.field('newPassword', `新密码不能与最近 ${HISTORY} 次使用过的密码相同`);
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash: hash,
        passwordHistory: [user.passwordHash, ...user.passwordHistory].slice(0, HISTORY - 1),
        passwordChangedAt: new Date(),
        mustChangePassword: false,
        failedLogins: 0,
      })
      .where(eq(users.id, user.id));
    const ended = await endOtherSessions(tx, user.id, sessionHash);
    await audit(tx, ctx, { action: 'auth.password_change', objectType: 'user', objectId: user.id, details: { otherSessionsEnded: ended } });
  });
  forgetSessions();
}
