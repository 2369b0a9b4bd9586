/**
 * 志愿服务 (volunteers): one record per registry person who registered as a volunteer
 * (docs/rules.md "Volunteers (志愿服务)"), kept for life (注销 and a later registration are steps of its
 * history, so the volunteer number stays the same), and the history of what was done with it. The
 * name, sex, birth date and ID number stay the registry's (read through modules/registry/read.ts); the
 * organisation is the platform's (a team of the organisation registry holding the role 志愿服务组织).
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../../platform/db/schema.js';
import { persons } from '../registry/schema.js';
import type {
  AvailableTime,
  ConsentMethod,
  RegistrationSource,
  ServiceCategory,
  VolunteerAction,
  VolunteerStatus,
} from '../../../shared/volunteers/codes.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const volunteers = pgTable(
  'volunteers',
  {
    id: id(),
    /**
     * 志愿者编号: ZY and the record's id in ten digits (shared/volunteers/codes.ts volunteerNumberOf),
     * computed by the database, so it is unique, never derived from the ID number and never reissued.
     */
    volunteerNo: text('volunteer_no')
      .notNull()
      .generatedAlwaysAs(sql`'ZY' || lpad(id::text, 10, '0')`),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** Where they live and serve (a village or community): scoping, the list's division. */
    divisionCode: text('division_code').notNull(),
    /** The team they joined; its staff (and those of the organisations above it) see the record. */
    organisationId: bigint('organisation_id', { mode: 'number' }).references(() => organisations.id),
    skills: jsonb('skills').$type<string[]>().notNull(),
    categories: jsonb('categories').$type<ServiceCategory[]>().notNull(),
    availableTimes: jsonb('available_times').$type<AvailableTime[]>().notNull(),
    source: text('source').$type<RegistrationSource>().notNull(),
    status: text('status').$type<VolunteerStatus>().notNull(),
    /** The Asia/Shanghai date of the (latest) registration. */
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    deregisteredOn: date('deregistered_on', { mode: 'string' }),
    deregisterReason: text('deregister_reason'),
    /** A minor's registration: the guardian (a registry person related as 父母 or 监护人) who consented, how and when. */
    consentGuardianId: bigint('consent_guardian_id', { mode: 'number' }).references(() => persons.id),
    consentMethod: text('consent_method').$type<ConsentMethod>(),
    consentedOn: date('consented_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('volunteers_person_idx').on(t.personId),
    uniqueIndex('volunteers_no_idx').on(t.volunteerNo),
    index('volunteers_division_idx').on(t.divisionCode.op('text_pattern_ops')),
    index('volunteers_organisation_idx').on(t.organisationId),
    index('volunteers_registered_idx').on(t.registeredOn),
  ],
);

/** Every step of a volunteer's record, in order: who, when, why, and what changed (codes and ids only). */
export const volunteerHistory = pgTable(
  'volunteer_history',
  {
    id: id(),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volunteers.id),
    action: text('action').$type<VolunteerAction>().notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    reason: text('reason'),
    /** For a correction: `{ field: { before, after } }`; for a registration: its source and consent. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    at: ts('at'),
  },
  (t) => [index('volunteer_history_volunteer_idx').on(t.volunteerId)],
);
