/**
 * Second factor (A3): a staff member creates a TOTP secret, then proves it with a first code.
 * The secret is stored encrypted like every other secret.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { forgetSessions } from '../../platform/auth/session.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp.js';
import { requireActor } from '../../platform/access/scope.js';

export async function startTotpSetup(deps: Deps, ctx: Ctx): Promise<{ secret: string; otpauthUrl: string }> {
  const actor = requireActor(ctx.actor);
  const secret = newTotpSecret();
  await deps.database.db
    .update(users)
    .set({ totpSecretEnc: deps.cipher.encrypt(secret), totpEnabled: false, totpLastStep: null })
    .where(eq(users.id, actor.userId));
  forgetSessions();
  return { secret, otpauthUrl: totpUri(secret, actor.username) };
}

export const enableTotpInput = z.object({ code: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字') });

export async function enableTotp(deps: Deps, ctx: Ctx, input: z.infer<typeof enableTotpInput>): Promise<void> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecretEnc) throw AppError.field('code', '请先生成动态口令密钥');
  const checked = verifyTotp(deps.cipher.decrypt(user.totpSecretEnc), input.code, user.totpLastStep);
  if (!checked.ok) throw AppError.field('code', '动态口令不正确，请核对手机上的口令');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: checked.step }).where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'auth.totp_enable', objectType: 'user', objectId: user.id });
  });
  forgetSessions();
}
