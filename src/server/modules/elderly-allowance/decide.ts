/**
 * The township's decision on the first payment (docs/rules.md "高龄津贴 (old-age allowance)"): 确认首次
 * 发放 with the account it is paid into — the platform's payee account (platform/payees) is set in the
 * same transaction, the account encrypted — or 不予发放 with a reason. Both through the kernel, on a
 * record inside the actor's jurisdiction (404 outside), at the version the user saw (409). And the
 * township's corrections, one step each as the confirmation: 重新受理 of a refused record (back to 待确认,
 * to be confirmed again), 停发 of a paying record from a month for a reason of the list, and 恢复发放 of a
 * record the township stopped, from a month (never one the death or the move-out stopped: the
 * registry's to undo). A month chosen is this month or later and after every approved roll that paid
 * the record (a stop) or of the county (a resumption): else the month's field is refused (400), the
 * dialog stays open.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import { requirePermission } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import type {
  AllowanceDetail,
  ConfirmInput,
  RefuseInput,
  ReopenInput,
  ResumeInput,
  StopInput,
} from '../../../shared/elderly-allowance/allowances.js';
import { allowanceStopReasons } from '../../../shared/elderly-allowance/codes.js';
import type { Db } from '../../platform/db/index.js';
import { personsView } from '../registry/read.js';
import { allowanceScope } from './payable.js';
import { elderlyAllowances } from './schema.js';
import { allowanceWorkflow, historyOf, lastStopOf, lockAllowance, recordAllowanceInTx, type Allowance } from './workflow.js';
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

export async function reopenAllowance(deps: Deps, ctx: Ctx, id: number, input: ReopenInput): Promise<AllowanceDetail> {
  await inScope(deps, ctx, id);
  await deps.database.db.transaction(async (tx) => {
    const a = (await lockAllowance(tx, id))!;
    // Back to 待确认 with its first month unchanged; nothing in the ledger until it is confirmed again.
    await recordAllowanceInTx(tx, ctx, a, 'reopen', {
      today: shanghaiToday(),
      expectedVersion: input.version,
      reason: input.reason,
      data: { startMonth: a.startMonth },
    });
  });
  return openAllowance(deps, ctx, id);
}

/** The latest month of an approved roll of 高龄津贴 with a line of the record (or, `county`, of its county), or null. */
async function lastApprovedMonth(tx: Db, a: Allowance, of: 'record' | 'county'): Promise<string | null> {
  const [r] = await rows<{ month: string | null }>(
    tx,
    of === 'record'
      ? sql`select max(r.month) as month from payment_rolls r join payment_roll_lines l on l.roll_id = r.id
          where r.programme = ${ELDERLY_PROGRAMME} and r.status = 'approved' and l.record_id = ${a.id}`
      : sql`select max(r.month) as month from payment_rolls r
          where r.programme = ${ELDERLY_PROGRAMME} and r.status = 'approved' and r.county_code = ${a.countyCode}`,
  );
  return r?.month ?? null;
}

/** The kernel's refusals (409) of a stale version and of an action out of order, before a month is judged. */
function inOrder(a: Allowance, code: 'stop' | 'resume', version: number): void {
  const why = allowanceWorkflow.whyNot('allowance', a.status, code, null);
  if (why) throw AppError.conflict(why);
  if (a.version !== version) throw AppError.conflict(allowanceWorkflow.staleMessage);
}

async function personFacts(tx: Db, personId: number) {
  const [p] = await rows<{ died_on: string | null; moved_out_on: string | null }>(
    tx,
    sql`select p.died_on::text as died_on, p.moved_out_on::text as moved_out_on from ${personsView} p where p.id = ${personId}`,
  );
  return p;
}

export async function stopAllowance(deps: Deps, ctx: Ctx, id: number, input: StopInput): Promise<AllowanceDetail> {
  await inScope(deps, ctx, id);
  const today = shanghaiToday();
  await deps.database.db.transaction(async (tx) => {
    const a = (await lockAllowance(tx, id))!;
    inOrder(a, 'stop', input.version);
    const thisMonth = monthOf(today);
    if (input.stopMonth < thisMonth) throw AppError.field('stopMonth', `停发月份不能早于本月（${thisMonth}）`);
    const paid = await lastApprovedMonth(tx, a, 'record');
    if (paid && input.stopMonth <= paid)
      throw AppError.field('stopMonth', `${paid} 的发放名册已审核并含本人，停发月份不能早于 ${addMonths(paid, 1)}`);
    const endMonth = addMonths(input.stopMonth, -1);
    const why = allowanceStopReasons[input.stopReason];
    const text = input.note ? (input.stopReason === 'other' ? input.note : `${why}：${input.note}`) : why;
    await recordAllowanceInTx(tx, ctx, a, 'stop', {
      today,
      expectedVersion: input.version,
      reason: `${text}，自 ${input.stopMonth} 起停发`,
      data: { stopReason: input.stopReason, stopMonth: input.stopMonth, endMonth },
      set: { endMonth },
    });
    // The ledger: paid to the month before the stop, not from it.
    await endAllowanceBenefitsInTx(tx, a.id, input.stopMonth);
  });
  return openAllowance(deps, ctx, id);
}

export async function resumeAllowance(deps: Deps, ctx: Ctx, id: number, input: ResumeInput): Promise<AllowanceDetail> {
  await inScope(deps, ctx, id);
  const today = shanghaiToday();
  await deps.database.db.transaction(async (tx) => {
    const a = (await lockAllowance(tx, id))!;
    inOrder(a, 'resume', input.version);
    const stop = lastStopOf(await historyOf(tx, a.id));
    if (stop?.action === 'death')
      throw AppError.conflict('该记录因人口库死亡登记停发，须由人口库撤销该死亡登记后才能恢复，乡镇不能恢复发放');
    if (stop?.action === 'hukou_moved_out')
      throw AppError.conflict('该记录因户口迁出本市停发，户口迁回本市（人口库登记）后由平台恢复，乡镇不能恢复发放');
    if (stop?.action !== 'stop') throw AppError.conflict('只有乡镇停发的记录才能恢复发放');
    const facts = await personFacts(tx, a.personId);
    if (facts?.died_on) throw AppError.conflict(`本人已于 ${facts.died_on} 去世，不能恢复发放`);
    if (facts?.moved_out_on) throw AppError.conflict(`本人户籍已于 ${facts.moved_out_on} 迁出本市，不能恢复发放`);
    const thisMonth = monthOf(today);
    if (input.resumeMonth < thisMonth) throw AppError.field('resumeMonth', `恢复发放月份不能早于本月（${thisMonth}）`);
    const approved = await lastApprovedMonth(tx, a, 'county');
    if (approved && input.resumeMonth <= approved)
      throw AppError.field('resumeMonth', `${approved} 的发放名册已审核，恢复发放月份不能早于 ${addMonths(approved, 1)}`);
    const stopMonth = (stop.data as { stopMonth?: unknown }).stopMonth;
    const gapFrom = typeof stopMonth === 'string' ? stopMonth : addMonths(a.endMonth ?? thisMonth, 1);
    const gapTo = addMonths(input.resumeMonth, -1);
    const unpaid = gapFrom <= gapTo ? `（${gapFrom === gapTo ? gapFrom : `${gapFrom} 至 ${gapTo}`} 不发放）` : '';
    const restored = await recordAllowanceInTx(tx, ctx, a, 'resume', {
      today,
      expectedVersion: input.version,
      reason: `${input.reason}，自 ${input.resumeMonth} 起恢复发放${unpaid}`,
      // The months of the stop are not paid: the rolls and the ledger read them (payable.ts `unpaidGaps`).
      data: { resumeMonth: input.resumeMonth, ...(gapFrom <= gapTo ? { gapFrom, gapTo } : {}) },
      set: { endMonth: null },
    });
    // Recorded again from the month it resumes (from the stop's month, when it resumes before the stop took effect).
    await recordAllowanceBenefitsInTx(tx, restored, gapFrom > input.resumeMonth ? gapFrom : input.resumeMonth, '高龄津贴恢复发放');
  });
  return openAllowance(deps, ctx, id);
}
