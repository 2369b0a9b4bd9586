/**
 * 高龄津贴 as a payment programme of the platform (docs/adding-a-module.md "Payment programmes"): a
 * county's roll of a month holds every confirmed record paid that month, one line per person, the
 * amount of the band the person is in that month (payable.ts); its payees' accounts are the platform's
 * (platform/payees), set when the township confirms the first payment, and a correction is recorded in
 * the record's history through the kernel with its audit row. Who built a roll does not approve it
 * (always: 高龄津贴 has no county switch for it). Every act on a roll is audited as elderly_allowance.roll.*.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { AccountChange } from '../../platform/payees/payees.js';
import { allowanceBands } from '../../../shared/elderly-allowance/codes.js';
import { personNameOf, personsView } from '../registry/read.js';
import { payableSql } from './payable.js';
import { elderlyAllowances } from './schema.js';
import { recordAllowanceInTx } from './workflow.js';

/** The programme of payments and payee accounts (…/payments/elderly_allowance/…, …/payees/elderly_allowance/…). */
export const ELDERLY_PROGRAMME = 'elderly_allowance';

export function registerElderlyPayees(deps: Deps): void {
  deps.payees.register({
    programme: ELDERLY_PROGRAMME,
    name: '高龄津贴',
    read: 'elderly_allowance.read',
    write: 'elderly_allowance.confirm',
    payeeName: (personId) => personNameOf(personId),
    accountChanged: recordAccountChangeInTx,
  });
}

export function registerElderlyProgramme(deps: Deps): void {
  deps.payments.register({
    programme: ELDERLY_PROGRAMME,
    name: '高龄津贴',
    typeLabel: '年龄段',
    benefitTypes: allowanceBands,
    read: 'elderly_allowance.read',
    manage: 'elderly_allowance.roll',
    eligible: payableSql,
    payeeName: (personId) => personNameOf(personId),
    payeeIdNumberEnc: (personId) => sql`(select rp.id_number_enc from ${personsView} rp where rp.id = ${personId})`,
    separatesDuties: async () => true,
    async audit(tx, ctx, e) {
      await audit(tx, ctx, {
        action: `elderly_allowance.roll.${e.action}`,
        objectType: 'elderly_allowance_roll',
        objectId: e.rollId,
        details: e.details,
      });
    },
    async auditLines(ctx, e) {
      await deps.readAudit.record(ctx, {
        action: 'elderly_allowance.roll.lines',
        objectType: 'elderly_allowance_roll',
        objectId: e.rollId,
        details: { total: e.total },
      });
    },
  });
}

/** 更正发放账户: the person's record gets the change (masked) in its history and its audit row. */
async function recordAccountChangeInTx(tx: Db, ctx: Ctx, change: AccountChange): Promise<void> {
  const found = await tx
    .select()
    .from(elderlyAllowances)
    .where(eq(elderlyAllowances.personId, change.personId))
    .orderBy(asc(elderlyAllowances.id))
    .for('update');
  for (const a of found) {
    if (a.status !== 'paying' && a.status !== 'stopped') continue;
    await recordAllowanceInTx(tx, ctx, { ...a, category: 'allowance' }, 'account_change', {
      today: change.today,
      reason: change.reason,
      data: { oldAccount: change.previous.account, newAccount: change.current.account },
    });
  }
}
