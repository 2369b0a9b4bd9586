/**
 * Payment programmes (docs/rules.md "Payments"): the monthly rolls of every programme a module
 * registered, one per programme, county and month, each line one payee-month frozen as the roll was
 * built; and the banks' file formats an administrator configured (docs/bank-files.md).
 */
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { BankColumn, BankResultLayout } from '../../../shared/payments/bank-formats.js';
import type { PaymentStatus, RollStatus } from '../../../shared/payments/rolls.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** 发放名册: one per programme, county and month. */
export const paymentRolls = pgTable(
  'payment_rolls',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    programme: text('programme').notNull(),
    countyCode: text('county_code').notNull(),
    month: text('month').notNull(),
    status: text('status').$type<RollStatus>().notNull().default('building'),
    jobId: bigint('job_id', { mode: 'number' }),
    lines: integer('lines').notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    builtAt: timestamp('built_at', { withTimezone: true, mode: 'date' }),
    approvedBy: bigint('approved_by', { mode: 'number' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [uniqueIndex('payment_rolls_programme_county_month_idx').on(t.programme, t.countyCode, t.month)],
);

/** A roll line freezes the payee-month as paid that month: the amount, its inputs and explanation, the bank. */
export const paymentRollLines = pgTable(
  'payment_roll_lines',
  {
    rollId: bigint('roll_id', { mode: 'number' })
      .notNull()
      .references(() => paymentRolls.id),
    /** The programme's record paid (社会救助: the entitlement); the line's 流水号 is `roll-record`. */
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    householdId: bigint('household_id', { mode: 'number' }),
    divisionCode: text('division_code').notNull(),
    /** The benefit type the programme pays (社会救助: its category). */
    benefitType: text('benefit_type').notNull(),
    payeePersonId: bigint('payee_person_id', { mode: 'number' }).notNull(),
    coveredCount: integer('covered_count').notNull(),
    amountFen: integer('amount_fen').notNull(),
    breakdown: text('breakdown').notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    bankName: text('bank_name'),
    bankAccountEnc: text('bank_account_enc'),
    /** pending → paid | failed → reissued (补发 exported) → paid | failed: bank.ts, docs/rules.md "Payments". */
    paymentStatus: text('payment_status').$type<PaymentStatus>().notNull().default('pending'),
    failureReason: text('failure_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.rollId, t.recordId] }),
    index('payment_roll_lines_division_idx').on(t.rollId, t.divisionCode.op('text_pattern_ops')),
  ],
);

/** A bank's file format (docs/bank-files.md): its columns over the generic layout, and its result file. */
export const bankFormats = pgTable(
  'bank_formats',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    sheetName: text('sheet_name').notNull(),
    columns: jsonb('columns').$type<BankColumn[]>().notNull(),
    result: jsonb('result').$type<BankResultLayout>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: ts('created_at'),
    updatedBy: bigint('updated_by', { mode: 'number' }),
    updatedAt: ts('updated_at'),
    /** 停用: no longer offered for a new bank file; a result file of one exported before is still read with it. */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('bank_formats_name_idx').on(t.name)],
);
