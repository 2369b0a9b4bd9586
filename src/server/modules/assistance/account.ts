/**
 * 更正发放账户: a recipient's bank account is changed on the entitlement, which the roll and the bank
 * files (bank.ts, full and 补发) read it from, so the next 补发 of a failed payment goes to the
 * corrected account. The old and new accounts are kept masked in the entitlement's history and the
 * change is audited, in one transaction. Scoped like every entitlement use case: 404 outside.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { monthOf, shanghaiToday } from '../../../shared/dates.js';
import { bankFields } from './application.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from './schema.js';
import { lockEntitlement } from './manage.js';

/** The bank name and account validated as on the application. */
export const accountInput = z.object({
  ...bankFields,
  reason: z.string().trim().min(2, '请填写更正原因').max(1000),
  version: z.number().int(),
});

/** A history entry shows accounts only masked: the last four digits. */
export const maskAccount = (account: string) => `****${account.slice(-4)}`;

export async function correctAccount(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof accountInput>) {
  const actor = requireActor(ctx.actor);
  const view = new FieldView(deps, ctx);
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (e.version !== input.version) throw AppError.conflict('待遇已被他人调整，请刷新后重试');
    // A damaged old account reads 数据校验失败 here: correcting it is exactly the way out.
    const old =
      view.show(e.bankAccountEnc, { objectType: 'assistance_entitlement', objectId: id, field: 'bankAccount' }, maskAccount) ?? '无';
    const change = `原账户：${e.bankName ?? '无'} ${old}；新账户：${input.bankName} ${maskAccount(input.bankAccount)}`;
    await tx
      .update(assistanceEntitlements)
      .set({
        bankName: input.bankName,
        bankAccountEnc: deps.cipher.encrypt(input.bankAccount),
        version: e.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(assistanceEntitlements.id, id));
    await tx.insert(assistanceEntitlementChanges).values({
      entitlementId: id,
      kind: 'account',
      effectiveMonth: monthOf(shanghaiToday()),
      oldFen: null,
      newFen: null,
      breakdown: change,
      reason: input.reason,
      actorUserId: actor.userId,
    });
    await audit(tx, ctx, {
      action: 'assistance.entitlement.account_change',
      objectType: 'assistance_entitlement',
      objectId: id,
      details: { oldAccount: old, newAccount: maskAccount(input.bankAccount) },
    });
    return { id, version: e.version + 1 };
  });
}
