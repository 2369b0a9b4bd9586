/**
 * 更正发放账户 in social assistance: the payee account is the platform's (platform/payees, one per
 * person for the programme), which every roll and bank file (补发 included) reads, so the next 补发 of a
 * failed payment goes to the corrected account. What the correction records on the module's own
 * records, in its transaction: each entitlement the person is paid for gets the change in its history
 * (the old and new accounts masked) and its audit row, through the entitlement lifecycle, as before.
 */
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/index.js';
import type { AccountChange } from '../../../platform/payees/payees.js';
import { monthOf } from '../../../../shared/dates.js';
import { assistanceEntitlements } from '../schema.js';
import { recordEntitlementInTx } from './lifecycle.js';
import { personNameOf } from '../../registry/read.js';

/** Social assistance's programme of payments and payee accounts (payee_accounts.programme, …/payees/assistance/…). */
export const ASSISTANCE_PROGRAMME = 'assistance';

export { maskAccount } from '../../../platform/payees/payees.js';

export function registerAssistancePayees(deps: Deps): void {
  deps.payees.register({
    programme: ASSISTANCE_PROGRAMME,
    name: '社会救助',
    read: 'assistance.read',
    write: 'assistance.handle',
    payeeName: (personId) => personNameOf(personId),
    accountChanged: recordAccountChangeInTx,
  });
}

/** The correction on every entitlement the person is paid for (any status: a stopped one may have a failed payment to reissue). */
export async function recordAccountChangeInTx(tx: Db, ctx: Ctx, change: AccountChange): Promise<void> {
  const paid = await tx
    .select()
    .from(assistanceEntitlements)
    .where(eq(assistanceEntitlements.payeePersonId, change.personId))
    .orderBy(asc(assistanceEntitlements.id))
    .for('update');
  const { previous, current } = change;
  for (const e of paid)
    await recordEntitlementInTx(tx, ctx, e, 'account_change', {
      today: change.today,
      reason: change.reason,
      data: {
        kind: 'account',
        effectiveMonth: monthOf(change.today),
        breakdown: `原账户：${previous.bankName ?? '无'} ${previous.account}；新账户：${current.bankName} ${current.account}`,
        auditDetails: { oldAccount: previous.account, newAccount: current.account },
      },
    });
}
