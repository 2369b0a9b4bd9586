/**
 * Payee accounts as a platform service (docs/rules.md "Payee accounts"): the account a programme pays
 * a person into, one record per person and programme, which every roll line and bank file of the
 * programme reads. The programme sets it when it starts paying someone (an application approved, a
 * roster migrated); 更正发放账户 changes it with a reason, the old and new accounts kept masked in the
 * record's history, and the programme records the change on its own records, with their audit rows,
 * in the same transaction (as the casework kernel's stores do). Scoped like the registry: 404 outside.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Ctx } from '../context.js';
import type { Permission } from '../../../shared/permissions.js';
import { requireActor, scopeWhere } from '../access/scope.js';
import { rows, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { DAMAGED_FIELD, FieldView } from '../crypto/field-view.js';
import { shanghaiToday } from '../../../shared/dates.js';
import type { AccountCorrected, AccountCorrectionInput, PayeeAccount } from '../../../shared/payees/accounts.js';
import { payeeAccountChanges, payeeAccounts } from './schema.js';

/** An account as a history or a page shows it: the last four digits. */
export const maskAccount = (account: string) => `****${account.slice(-4)}`;

/** An account as a printed roll shows it to who may not see it in full: the first four and last four digits. */
export const maskAccountPrinted = (account: string) =>
  account.length <= 8 ? '*'.repeat(account.length) : `${account.slice(0, 4)}${'*'.repeat(account.length - 8)}${account.slice(-4)}`;

/** What a correction changed, masked ('无' where there was no account, 数据校验失败 where it was damaged). */
export interface AccountChange {
  payeeAccountId: number;
  personId: number;
  previous: { bankName: string | null; account: string };
  current: { bankName: string; account: string };
  reason: string;
  today: string;
}

export interface PayeeProgramme {
  programme: string;
  /** The programme's name (社会救助). */
  name: string;
  read: Permission;
  /** Who corrects an account. */
  write: Permission;
  /** The payee's name for a person id column: the module reads its registry. */
  payeeName(personId: SQL): SQL;
  /** In the correction's transaction: the programme records it on its own records, with their audit rows. */
  accountChanged(tx: Db, ctx: Ctx, change: AccountChange): Promise<void>;
}

/** The account a programme starts paying a person into (its ciphertext, as the application stored it). */
export interface PayeeAccountSet {
  personId: number;
  householdId: number | null;
  divisionCode: string;
  bankName: string | null;
  bankAccountEnc: string | null;
  /** Why, as the history shows it when the person already had another account (案件 … 审批通过). */
  reason: string;
}

export const accountRef = (id: number) => ({ objectType: 'payee_account', objectId: id, field: 'bankAccount' });

export class PayeeAccounts {
  private readonly byProgramme = new Map<string, PayeeProgramme>();

  constructor(private readonly cipher: FieldCipher) {}

  /** A programme's payees, registered once at start (bootstrap.ts). */
  register(p: PayeeProgramme): void {
    if (this.byProgramme.has(p.programme)) throw new Error(`payees: ${p.programme} is registered twice`);
    this.byProgramme.set(p.programme, p);
  }

  programmes(): PayeeProgramme[] {
    return [...this.byProgramme.values()];
  }

  programme(code: string): PayeeProgramme {
    const p = this.byProgramme.get(code);
    if (!p) throw new Error(`payees: ${code} is not registered`);
    return p;
  }

  /**
   * The programme pays these persons into these accounts from now on, in the caller's transaction: a
   * person without a record gets one; one whose account differs gets the new one, the change (masked)
   * in the history; the same account changes nothing. A later entry for the same person wins.
   */
  async setInTx(tx: Db, actorUserId: number | null, programme: string, list: PayeeAccountSet[]): Promise<void> {
    this.programme(programme);
    const byPerson = new Map(list.map((a) => [a.personId, a]));
    if (!byPerson.size) return;
    const existing = new Map(
      (
        await tx
          .select()
          .from(payeeAccounts)
          .where(and(eq(payeeAccounts.programme, programme), inArray(payeeAccounts.personId, [...byPerson.keys()])))
          .for('update')
      ).map((a) => [a.personId, a]),
    );
    const clear = (enc: string | null) => (enc === null ? null : this.cipher.tryDecrypt(enc));
    const masked = (enc: string | null) => {
      if (enc === null) return '无';
      const c = clear(enc);
      return c === null ? DAMAGED_FIELD : maskAccount(c);
    };
    const created: PayeeAccountSet[] = [];
    const changed: (PayeeAccountSet & { id: number; previousBankName: string | null; previousMasked: string })[] = [];
    const moved: (PayeeAccountSet & { id: number })[] = [];
    for (const a of byPerson.values()) {
      const old = existing.get(a.personId);
      if (!old) created.push(a);
      else if (a.bankAccountEnc !== null && (a.bankName !== old.bankName || clear(a.bankAccountEnc) !== clear(old.bankAccountEnc)))
        changed.push({ ...a, id: old.id, previousBankName: old.bankName, previousMasked: masked(old.bankAccountEnc) });
      else if (a.divisionCode !== old.divisionCode || a.householdId !== old.householdId) moved.push({ ...a, id: old.id });
    }
    if (created.length)
      await tx
        .insert(payeeAccounts)
        .values(
          created.map((a) => ({
            programme,
            personId: a.personId,
            householdId: a.householdId,
            divisionCode: a.divisionCode,
            bankName: a.bankName,
            bankAccountEnc: a.bankAccountEnc,
          })),
        )
        .onConflictDoNothing();
    const records = (list: (PayeeAccountSet & { id: number })[], account: boolean) =>
      JSON.stringify(
        list.map((a) => ({
          id: a.id,
          household_id: a.householdId,
          division_code: a.divisionCode,
          ...(account ? { bank_name: a.bankName, account_enc: a.bankAccountEnc } : {}),
        })),
      );
    if (changed.length)
      await tx.execute(sql`update payee_accounts a set household_id = v.household_id, division_code = v.division_code,
          bank_name = v.bank_name, bank_account_enc = v.account_enc, version = a.version + 1, updated_at = now()
        from jsonb_to_recordset(${records(changed, true)}::jsonb)
          as v(id bigint, household_id bigint, division_code text, bank_name text, account_enc text)
        where a.id = v.id`);
    if (moved.length)
      await tx.execute(sql`update payee_accounts a set household_id = v.household_id, division_code = v.division_code, updated_at = now()
        from jsonb_to_recordset(${records(moved, false)}::jsonb) as v(id bigint, household_id bigint, division_code text)
        where a.id = v.id`);
    if (changed.length)
      await tx.insert(payeeAccountChanges).values(
        changed.map((a) => ({
          payeeAccountId: a.id,
          source: 'set' as const,
          previousBankName: a.previousBankName,
          previousAccountMasked: a.previousMasked,
          bankName: a.bankName,
          accountMasked: masked(a.bankAccountEnc),
          reason: a.reason,
          actorUserId,
        })),
      );
  }

  /** The record a programme pays a person from (id, version, bank, ciphertext), or null. */
  async accountOf(db: Db, programme: string, personId: number) {
    const [a] = await db
      .select()
      .from(payeeAccounts)
      .where(and(eq(payeeAccounts.programme, programme), eq(payeeAccounts.personId, personId)));
    return a ?? null;
  }
}

function scope(ctx: Ctx) {
  return scopeWhere(requireActor(ctx.actor), {
    division: payeeAccounts.divisionCode,
    person: payeeAccounts.personId,
    household: payeeAccounts.householdId,
  });
}

/** One payee account with its history, the accounts masked; opening it is read-audited. */
export async function openPayeeAccount(deps: Deps, ctx: Ctx, programme: string, id: number): Promise<PayeeAccount> {
  const p = deps.payees.programme(programme);
  const db = deps.database.db;
  const [a] = await db
    .select({ account: payeeAccounts, payeeName: p.payeeName(sql`${payeeAccounts.personId}`) })
    .from(payeeAccounts)
    .where(and(eq(payeeAccounts.id, id), eq(payeeAccounts.programme, programme), scope(ctx)));
  if (!a) throw AppError.notFound('发放账户');
  const history = await rows<{
    id: number | string;
    source: 'correction' | 'set';
    previous_bank_name: string | null;
    previous_account_masked: string | null;
    bank_name: string | null;
    account_masked: string | null;
    reason: string | null;
    actor_name: string | null;
    at: Date | string;
  }>(
    db,
    sql`select c.id, c.source, c.previous_bank_name, c.previous_account_masked, c.bank_name, c.account_masked, c.reason,
          (select u.display_name from users u where u.id = c.actor_user_id) as actor_name, c.at
        from ${payeeAccountChanges} c where c.payee_account_id = ${id} order by c.id desc`,
  );
  await deps.readAudit.record(ctx, { action: 'payee.open', objectType: 'payee_account', objectId: id });
  const view = new FieldView(deps, ctx);
  return {
    id: a.account.id,
    programme,
    personId: a.account.personId,
    payeeName: (a.payeeName as string | null) ?? '',
    bankName: a.account.bankName,
    bankAccount: view.show(a.account.bankAccountEnc, accountRef(id), maskAccount),
    version: a.account.version,
    updatedAt: a.account.updatedAt.toISOString(),
    history: history.map((h) => ({
      id: Number(h.id),
      source: h.source,
      previousBankName: h.previous_bank_name,
      previousAccount: h.previous_account_masked,
      bankName: h.bank_name,
      account: h.account_masked,
      reason: h.reason,
      actorName: h.actor_name,
      at: new Date(h.at).toISOString(),
    })),
  };
}

/**
 * 更正发放账户: the new account for every later bank file of the programme (补发 included), with a
 * reason; the old and new accounts masked in the history; the programme records it on its records.
 * A damaged old account reads 数据校验失败 in the history: correcting it is exactly the way out.
 */
export async function correctPayeeAccount(
  deps: Deps,
  ctx: Ctx,
  programme: string,
  id: number,
  input: AccountCorrectionInput,
): Promise<AccountCorrected> {
  const actor = requireActor(ctx.actor);
  const p = deps.payees.programme(programme);
  const view = new FieldView(deps, ctx);
  return deps.database.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(payeeAccounts)
      .where(and(eq(payeeAccounts.id, id), eq(payeeAccounts.programme, programme), scope(ctx)))
      .for('update');
    if (!a) throw AppError.notFound('发放账户');
    if (a.version !== input.version) throw AppError.conflict('发放账户已被他人更正，请刷新后重试');
    const previous = { bankName: a.bankName, account: view.show(a.bankAccountEnc, accountRef(id), maskAccount) ?? '无' };
    const current = { bankName: input.bankName, account: maskAccount(input.bankAccount) };
    const [updated] = await tx
      .update(payeeAccounts)
      .set({
        bankName: input.bankName,
        bankAccountEnc: deps.cipher.encrypt(input.bankAccount),
        version: sql`${payeeAccounts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(payeeAccounts.id, id))
      .returning({ version: payeeAccounts.version });
    await tx.insert(payeeAccountChanges).values({
      payeeAccountId: id,
      source: 'correction',
      previousBankName: previous.bankName,
      previousAccountMasked: previous.account,
      bankName: current.bankName,
      accountMasked: current.account,
      reason: input.reason,
      actorUserId: actor.userId,
    });
    await p.accountChanged(tx, ctx, {
      payeeAccountId: id,
      personId: a.personId,
      previous,
      current,
      reason: input.reason,
      today: shanghaiToday(),
    });
    return { id, version: updated.version };
  });
}
