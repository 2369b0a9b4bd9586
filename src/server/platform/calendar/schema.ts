/** The holiday calendar (节假日安排) an administrator enters each year when the State Council publishes it. */
import { bigint, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  enteredBy: bigint('entered_by', { mode: 'number' }),
  enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').$type<'off' | 'work'>().notNull(),
  name: text('name').notNull(),
});
