/** 公示: every public notice any module starts, with exactly what the public page shows of it. */
import { sql } from 'drizzle-orm';
import { bigint, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const publicNotices = pgTable(
  'public_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The module's kind of notice (a case's 拟批准 notice, a stop's 终止公示 …): names the handler of its end. */
    kind: text('kind').notNull(),
    /** The module's record it announces. */
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    /** The village or community whose public page shows it. */
    divisionCode: text('division_code').notNull(),
    /** What is announced, in words: 拟批准救助, 拟终止供养. */
    matter: text('matter').notNull(),
    /** What the public page shows, already masked (docs/security.md D4): never an ID number or a reason. */
    shown: jsonb('shown').$type<Record<string, string | number | null>>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    status: text('status').$type<'running' | 'ended' | 'withdrawn'>().notNull().default('running'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // One running notice per record; the public page reads the running ones of a division.
    uniqueIndex('public_notices_running_idx')
      .on(t.kind, t.recordId)
      .where(sql`status = 'running'`),
    index('public_notices_division_idx')
      .on(t.divisionCode.op('text_pattern_ops'))
      .where(sql`status = 'running'`),
  ],
);
