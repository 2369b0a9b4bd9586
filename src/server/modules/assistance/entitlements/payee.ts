/**
 * 变更领取人: the member an entitlement is paid to changes (the payee died, moved away, can no longer
 * receive it). The new payee is a living covered member of 18 or over; their bank account becomes the
 * programme's payee account for them (platform/payees), and the change is in the entitlement's
 * history with its audit row, in one transaction. An entitlement suspended because its payee died
 * (entitlements/death.ts) is resumed by it: nothing is paid into a dead person's account meanwhile.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requirePermission } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { monthOf, shanghaiToday, yearsOld } from '../../../../shared/dates.js';
import type { ChangePayeeInput } from '../../../../shared/assistance/entitlements.js';
import { personsView } from '../../registry/read.js';
import { ASSISTANCE_PROGRAMME, maskAccount } from './account.js';
import { recordEntitlementInTx } from './lifecycle.js';
import { lockEntitlement } from './scope.js';
import { assistanceEntitlementChanges } from '../schema.js';
import { PAYEE_DIED_KIND } from './death.js';

interface Member {
  id: number | string;
  name: string;
  birth_date: string | null;
  died_on: string | null;
}

/** The covered members, with what decides whether they may be the payee. */
export async function coveredMembers(db: Db, covered: number[]): Promise<Member[]> {
  if (!covered.length) return [];
  return rows<Member>(
    db,
    sql`select p.id, p.name, p.birth_date::text as birth_date, p.died_on::text as died_on from ${personsView} p
        where p.id in (select jsonb_array_elements_text(${JSON.stringify(covered)}::jsonb)::bigint) order by p.id`,
  );
}

/** Why a member may not be the payee, in Chinese; null if they may. */
export function payeeProblem(m: Member, today: string): string | null {
  if (m.died_on) return `${m.name}已于 ${m.died_on} 去世`;
  if (m.birth_date && yearsOld(m.birth_date, today) < 18) return `${m.name}未满 18 周岁，不能作为领取人`;
  return null;
}

export async function changePayee(deps: Deps, ctx: Ctx, id: number, input: ChangePayeeInput): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'assistance.handle');
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (input.payeePersonId === e.payeePersonId) throw AppError.field('payeePersonId', '所选人员已是领取人');
    const members = await coveredMembers(tx, e.coveredPersonIds);
    const next = members.find((m) => Number(m.id) === input.payeePersonId);
    if (!next) throw AppError.field('payeePersonId', '领取人应为该待遇保障的家庭成员');
    const problem = payeeProblem(next, today);
    if (problem) throw AppError.field('payeePersonId', problem);
    const previous = members.find((m) => Number(m.id) === e.payeePersonId);
    await deps.payees.setInTx(tx, actor.userId, ASSISTANCE_PROGRAMME, [
      {
        personId: input.payeePersonId,
        householdId: e.householdId,
        divisionCode: e.divisionCode,
        bankName: input.bankName,
        bankAccountEnc: deps.cipher.encrypt(input.bankAccount),
        reason: `变更为救助待遇领取人：${input.reason}`,
      },
    ]);
    const changed = await recordEntitlementInTx(tx, ctx, e, 'payee_change', {
      today,
      version: input.version,
      reason: input.reason,
      set: { payeePersonId: input.payeePersonId },
      data: {
        effectiveMonth: monthOf(today),
        breakdown: `原领取人：${previous?.name ?? '（已不在保障人员中）'}；新领取人：${next.name}（${input.bankName} ${maskAccount(input.bankAccount)}）`,
        auditDetails: { personId: input.payeePersonId, newAccount: maskAccount(input.bankAccount) },
      },
    });
    // Suspended because the payee died: paid again from now on, to the new payee.
    const [last] = await tx
      .select({ kind: assistanceEntitlementChanges.kind })
      .from(assistanceEntitlementChanges)
      .where(and(eq(assistanceEntitlementChanges.entitlementId, e.id), ne(assistanceEntitlementChanges.kind, 'payee_change')))
      .orderBy(desc(assistanceEntitlementChanges.id))
      .limit(1);
    if (changed.status !== 'suspended' || last?.kind !== PAYEE_DIED_KIND) return { id: changed.id, version: changed.version };
    const resumed = await recordEntitlementInTx(tx, ctx, changed, 'resume', {
      today,
      reason: '已变更领取人',
      data: { effectiveMonth: monthOf(today), historyReason: `已变更领取人为${next.name}，恢复发放` },
    });
    return { id: resumed.id, version: resumed.version };
  });
}
