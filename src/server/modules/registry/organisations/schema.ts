/**
 * The organisation registry's own tables (the organisations themselves are the platform's, as staff
 * accounts belong to one): the roles an organisation holds on the platform, the history of every
 * change, and the foster families (家庭寄养) a children's welfare institution contracts.
 */
import { bigint, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations } from '../../../platform/db/schema.js';
import { households } from '../schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A role on the platform (src/shared/registry/organisation-codes.ts organisationRoles), from a date, until one. */
export const organisationRoles = pgTable(
  'organisation_roles',
  {
    id: id(),
    organisationId: bigint('organisation_id', { mode: 'number' })
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
    /** For a reporting partner (强制报告责任单位): school, hospital or police_station. */
    partnerKind: text('partner_kind'),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: ts('created_at'),
  },
  (t) => [index('organisation_roles_org_idx').on(t.organisationId), index('organisation_roles_role_idx').on(t.role)],
);

/** The history of an organisation: each change, its old and new value, who made it and when. */
export const organisationEvents = pgTable(
  'organisation_events',
  {
    id: id(),
    organisationId: bigint('organisation_id', { mode: 'number' })
      .notNull()
      .references(() => organisations.id),
    /** What changed: a field of the organisation, or an event (created, status, role_add, role_end, foster_add, foster_end). */
    what: text('what').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    userId: bigint('user_id', { mode: 'number' }),
    username: text('username'),
    at: ts('at'),
  },
  (t) => [index('organisation_events_org_idx').on(t.organisationId, t.at)],
);

/** 家庭寄养: a registry household contracted by an institution holding the children's welfare role, dated. */
export const fosterFamilies = pgTable(
  'foster_families',
  {
    id: id(),
    organisationId: bigint('organisation_id', { mode: 'number' })
      .notNull()
      .references(() => organisations.id),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => households.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: ts('created_at'),
  },
  (t) => [index('foster_families_org_idx').on(t.organisationId), index('foster_families_household_idx').on(t.householdId)],
);
