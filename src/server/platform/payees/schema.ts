/**
 * Payee accounts (发放账户): the bank account a programme pays a person into, one record per person
 * and programme (docs/rules.md "Payee accounts"), encrypted like every account, with the history of
 * its changes kept masked (last four digits).
 */
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const payeeAccounts = pgTable(
  'payee_accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The programme that pays ('assistance'). */
    programme: text('programme').notNull(),
    /** The registry person paid. */
    personId: bigint('person_id', { mode: 'number' }).notNull(),
    /** Where the payee belongs (scoping): the village of what the programme pays, and the household. */
    divisionCode: text('division_code').notNull(),
    householdId: bigint('household_id', { mode: 'number' }),
    bankName: text('bank_name'),
    bankAccountEnc: text('bank_account_enc'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('payee_accounts_programme_person_idx').on(t.programme, t.personId),
    index('payee_accounts_division_idx').on(t.divisionCode.op('text_pattern_ops')),
  ],
);

/** Every change of a payee account: the account before and after, masked, with the reason, who and when. */
export const payeeAccountChanges = pgTable(
  'payee_account_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    payeeAccountId: bigint('payee_account_id', { mode: 'number' })
      .notNull()
      .references(() => payeeAccounts.id),
    /** correction: 更正发放账户; set: the programme set another account (a later application approved). */
    source: text('source').$type<'correction' | 'set'>().notNull(),
    previousBankName: text('previous_bank_name'),
    previousAccountMasked: text('previous_account_masked'),
    bankName: text('bank_name'),
    accountMasked: text('account_masked'),
    reason: text('reason'),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    at: ts('at'),
  },
  (t) => [index('payee_account_changes_account_idx').on(t.payeeAccountId)],
);
