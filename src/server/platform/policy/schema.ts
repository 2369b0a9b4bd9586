/**
 * Dated policy values of every module (docs/rules.md "Dated policy"): a value of a kind the module
 * registered (a standard, a parameter), for a county ('' = the whole city), in force from its month.
 * Rows are only ever added: a value entered again for the same kind, county and month is a new row
 * and the earlier one stays as history, with who entered each and when.
 */
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const policyValues = pgTable(
  'policy_values',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The module whose value it is ('assistance'). */
    module: text('module').notNull(),
    /** The module's kind ('dibao_urban', 'parameter:taper_max_months'). */
    kind: text('kind').notNull(),
    countyCode: text('county_code').notNull().default(''),
    effectiveMonth: text('effective_month').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    /** The basis (a document's name and number), where the kind has one. */
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('policy_values_key_idx').on(t.module, t.kind, t.countyCode, t.effectiveMonth, t.id)],
);
