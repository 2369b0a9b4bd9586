/**
 * 更正发放账户: a recipient's bank account is changed on the entitlement, which the roll and the bank
 * files (bank.ts, full and 补发) read it from, so the next 补发 of a failed payment goes to the
 * corrected account. The old and new accounts are kept masked in the entitlement's history and the
 * change is audited, in one transaction. Scoped like every entitlement use case: 404 outside.
 */
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { bankFields } from '../cases/application.js';
import { lockEntitlement } from './scope.js';
import { recordEntitlementInTx } from './lifecycle.js';

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
    // A damaged old account reads 数据校验失败 here: correcting it is exactly the way out.
    const old =
      view.show(e.bankAccountEnc, { objectType: 'assistance_entitlement', objectId: id, field: 'bankAccount' }, maskAccount) ?? '无';
    const today = shanghaiToday();
    const updated = await recordEntitlementInTx(tx, ctx, e, 'account_change', {
      today,
      version: input.version,
      reason: input.reason,
      set: { bankName: input.bankName, bankAccountEnc: deps.cipher.encrypt(input.bankAccount) },
      data: {
        kind: 'account',
        effectiveMonth: monthOf(today),
        breakdown: `原账户：${e.bankName ?? '无'} ${old}；新账户：${input.bankName} ${maskAccount(input.bankAccount)}`,
        auditDetails: { oldAccount: old, newAccount: maskAccount(input.bankAccount) },
      },
    });
    return { id, version: updated.version };
  });
}
