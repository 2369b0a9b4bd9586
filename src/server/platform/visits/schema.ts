/**
 * Visits (探访, docs/rules.md "Visits (探访)"): who visits a person of a programme (an assignment with
 * its dates, the earlier ones kept as history) and every visit recorded, with its photos in the
 * platform's `files`. Both carry the person's division code for scoping; the person is the
 * registry's, named by id only (the platform imports no module).
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../db/schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** The worker who visits a person of a programme, from a date; ended (to_date) when another is assigned. */
export const visitAssignments = pgTable(
  'visit_assignments',
  {
    id: id(),
    programme: text('programme').notNull(),
    personId: bigint('person_id', { mode: 'number' }).notNull(),
    divisionCode: text('division_code').notNull(),
    workerUserId: bigint('worker_user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    assignedBy: bigint('assigned_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [
    uniqueIndex('visit_assignments_current_idx')
      .on(t.programme, t.personId)
      .where(sql`${t.toDate} is null`),
    index('visit_assignments_worker_idx').on(t.workerUserId, t.programme),
    index('visit_assignments_division_idx').on(t.divisionCode.op('text_pattern_ops')),
  ],
);

/** A visit recorded: who visited whom, when and where, what was found and what follows. */
export const visits = pgTable(
  'visits',
  {
    id: id(),
    programme: text('programme').notNull(),
    personId: bigint('person_id', { mode: 'number' }).notNull(),
    divisionCode: text('division_code').notNull(),
    visitorUserId: bigint('visitor_user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    visitedAt: timestamp('visited_at', { withTimezone: true, mode: 'date' }).notNull(),
    place: text('place').notNull(),
    situation: text('situation').notNull(),
    needs: text('needs'),
    followUp: text('follow_up'),
    photoFileIds: jsonb('photo_file_ids')
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: ts('created_at'),
  },
  (t) => [
    index('visits_person_idx').on(t.programme, t.personId, t.visitedAt),
    index('visits_division_idx').on(t.divisionCode.op('text_pattern_ops')),
  ],
);
