/**
 * The township's decision on the first payment (docs/rules.md "高龄津贴 (old-age allowance)"): 确认首次
 * 发放 with the account it is paid into — the platform's payee account (platform/payees) is set in the
 * same transaction, the account encrypted — or 不予发放 with a reason. Both through the kernel, on a
 * record inside the actor's jurisdiction (404 outside), at the version the user saw (409).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import { requirePermission } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../../../shared/dates.js';
import type { AllowanceDetail, ConfirmInput, RefuseInput } from '../../../shared/elderly-allowance/allowances.js';
import { personsView } from '../registry/read.js';
import { allowanceScope } from './payable.js';
import { elderlyAllowances } from './schema.js';
import { lockAllowance, recordAllowanceInTx } from './workflow.js';
import { ELDERLY_PROGRAMME } from './programme.js';
import { openAllowance } from './allowances.js';
import { maskAccount } from '../../platform/payees/payees.js';
import { endAllowanceBenefitsInTx, recordAllowanceBenefitsInTx } from './benefit.js';

async function inScope(deps: Deps, ctx: Ctx, id: number) {
  const actor = requirePermission(ctx.actor, 'elderly_allowance.confirm');
  const [found] = await deps.database.db
    .select({ id: elderlyAllowances.id })
    .from(elderlyAllowances)
    .where(sql`${elderlyAllowances.id} = ${id} and ${allowanceScope(actor)}`);
  if (!found) throw AppError.notFound('高龄津贴记录');
  return actor;
}

export async function confirmAllowance(deps: Deps, ctx: Ctx, id: number, input: ConfirmInput): Promise<AllowanceDetail> {
  const actor = await inScope(deps, ctx, id);
  await deps.database.db.transaction(async (tx) => {
    const a = (await lockAllowance(tx, id))!;
    const [person] = await rows<{ household_id: number | string | null; died_on: string | null; moved_out_on: string | null }>(
      tx,
      sql`select p.household_id, p.died_on::text as died_on, p.moved_out_on::text as moved_out_on from ${personsView} p
        where p.id = ${a.personId}`,
    );
    if (person?.died_on && a.status === 'pending') throw AppError.conflict(`本人已于 ${person.died_on} 去世，不能确认发放`);
    if (person?.moved_out_on && a.status === 'pending')
      throw AppError.conflict(`本人户籍已于 ${person.moved_out_on} 迁出本市，不能确认发放`);
    const confirmed = await recordAllowanceInTx(tx, ctx, a, 'confirm', {
      today: shanghaiToday(),
      expectedVersion: input.version,
      data: { startMonth: a.startMonth, newAccount: maskAccount(input.bankAccount) },
      set: { confirmedAt: new Date() },
    });
    // The benefit ledger: the person holds 高龄津贴 from its first month, band by band (benefit.ts).
    await recordAllowanceBenefitsInTx(tx, confirmed, a.startMonth, '高龄津贴确认首次发放');
    await deps.payees.setInTx(tx, actor.userId, ELDERLY_PROGRAMME, [
      {
        personId: a.personId,
        householdId: person?.household_id == null ? null : Number(person.household_id),
        divisionCode: a.divisionCode,
        bankName: input.bankName,
        bankAccountEnc: deps.cipher.encrypt(input.bankAccount),
        reason: `高龄津贴确认首次发放（记录 #${a.id}）`,
      },
    ]);
  });
  return openAllowance(deps, ctx, id);
}

export async function refuseAllowance(deps: Deps, ctx: Ctx, id: number, input: RefuseInput): Promise<AllowanceDetail> {
  await inScope(deps, ctx, id);
  await deps.database.db.transaction(async (tx) => {
    const a = (await lockAllowance(tx, id))!;
    await recordAllowanceInTx(tx, ctx, a, 'refuse', { today: shanghaiToday(), expectedVersion: input.version, reason: input.reason });
    // Nothing is recorded before the confirmation; a record refused holds nothing in the ledger.
    await endAllowanceBenefitsInTx(tx, a.id, a.startMonth);
  });
  return openAllowance(deps, ctx, id);
}
