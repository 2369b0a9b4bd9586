/**
 * 高龄津贴 (old-age allowance): one record per person of the registry who reached the age
 * (docs/rules.md "高龄津贴 (old-age allowance)"), with the history of its recorded actions (the casework
 * kernel's, src/server/platform/casework/record.ts). The birth date, the death and the name stay the
 * registry's (read through modules/registry/read.ts); the amounts are dated policy values
 * (platform/policy), the payee account the platform's (platform/payees), the rolls the platform's
 * (platform/payments).
 */
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { persons } from '../registry/schema.js';
import type { AllowanceAction, AllowanceStatus } from '../../../shared/elderly-allowance/codes.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const elderlyAllowances = pgTable(
  'elderly_allowances',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** The person's hukou division when the record was opened: scoping, the roll's township. */
    divisionCode: text('division_code').notNull(),
    countyCode: text('county_code').notNull(),
    /** The first month due: the month after the 80th birthday (or the month the record was opened, when found later). */
    startMonth: text('start_month').notNull(),
    /** The last month paid (the month of death); null while it runs. */
    endMonth: text('end_month'),
    /** The fold of the recorded actions (workflow.ts); kept here for lists, the worklist and the roll. */
    status: text('status').$type<AllowanceStatus>().notNull(),
    /** When the township confirmed the first payment: no roll line before it. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    statusSince: ts('status_since'),
    createdAt: ts('created_at'),
  },
  (t) => [
    uniqueIndex('elderly_allowances_person_idx').on(t.personId),
    index('elderly_allowances_county_idx').on(t.countyCode, t.status),
    index('elderly_allowances_division_idx').on(t.divisionCode.op('text_pattern_ops')),
  ],
);

/** Every recorded action of a record, in order. */
export const elderlyAllowanceHistory = pgTable(
  'elderly_allowance_history',
  {
    id: id(),
    allowanceId: bigint('allowance_id', { mode: 'number' })
      .notNull()
      .references(() => elderlyAllowances.id),
    action: text('action').$type<AllowanceAction>().notNull(),
    fromStatus: text('from_status').$type<AllowanceStatus>(),
    toStatus: text('to_status').$type<AllowanceStatus>().notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    actorDivision: text('actor_division'),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    at: ts('at'),
  },
  (t) => [index('elderly_allowance_history_allowance_idx').on(t.allowanceId)],
);
