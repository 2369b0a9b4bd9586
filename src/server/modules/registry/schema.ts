/**
 * The resident and household registry (人口与家庭库): every module reads persons and households
 * from here (一数一源). A person's jurisdiction is the hukou division; a household's is its own.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations } from '../../platform/db/schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const households = pgTable(
  'households',
  {
    id: id(),
    householdNo: text('household_no').notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    headPersonId: bigint('head_person_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [uniqueIndex('households_no_idx').on(t.householdNo), index('households_division_idx').on(t.divisionCode.op('text_pattern_ops'))],
);

export const persons = pgTable(
  'persons',
  {
    id: id(),
    /** Platform identifier: every person has one, also those without an ID number. */
    platformId: text('platform_id').notNull(),
    name: text('name').notNull(),
    sex: text('sex').$type<'male' | 'female'>(),
    birthDate: date('birth_date', { mode: 'string' }),
    /** SM4 ciphertext; `idNumberHash` is the keyed hash for exact lookup (unique where present). */
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    noIdReason: text('no_id_reason'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    hukouDivisionCode: text('hukou_division_code').notNull(),
    /**
     * The hukou division (and type) is what the person said, not yet checked by a clerk (a resident's
     * sign-up): shown as 待核实 until 确认户籍地 (confirm-hukou.ts) clears it.
     */
    hukouUnverified: boolean('hukou_unverified').notNull().default(false),
    residenceDivisionCode: text('residence_division_code'),
    hukouType: text('hukou_type').$type<'urban' | 'rural'>().notNull(),
    disabilityType: text('disability_type'),
    disabilityGrade: smallint('disability_grade'),
    healthNotesEnc: text('health_notes_enc'),
    householdId: bigint('household_id', { mode: 'number' }).references(() => households.id),
    relation: text('relation'),
    /** The date of death, once recorded (`person_events` kind 'death' holds its place, evidence and source). */
    diedOn: date('died_on', { mode: 'string' }),
    /** 婚姻状况 (shared/registry/life-events.ts maritalStatuses); the spouse is a `person_relations` row. */
    maritalStatus: text('marital_status'),
    /** The hukou moved out of the city (户口迁出): the person stays on record under the division they left. */
    movedOutOn: date('moved_out_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('persons_platform_id_idx').on(t.platformId),
    uniqueIndex('persons_id_number_idx')
      .on(t.idNumberHash)
      .where(sql`${t.idNumberHash} is not null`),
    index('persons_phone_idx').on(t.phoneHash),
    // Name-prefix search inside a jurisdiction prefix (both left-anchored LIKEs): a township scans
    // its range of the division index with the name checked in the index (1M persons: 0.45 ms);
    // a city-wide search uses the name index. With (name, division) here instead, the planner took
    // it for townships too and scanned the city's 10,204 entries of a surname (2.1 ms).
    index('persons_name_idx').on(t.name.op('text_pattern_ops')),
    index('persons_division_idx').on(t.hukouDivisionCode.op('text_pattern_ops'), t.name.op('text_pattern_ops')),
    index('persons_household_idx').on(t.householdId),
  ],
);

/**
 * Benefit records (待遇记录): the one place where every module records what it pays a person and
 * reads what others pay. `divisionCode` is the person's at the time of recording, for scoping.
 */
export const benefits = pgTable(
  'benefits',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    divisionCode: text('division_code').notNull(),
    type: text('type').notNull(),
    monthlyAmountFen: integer('monthly_amount_fen').notNull(),
    startMonth: text('start_month').notNull(),
    endMonth: text('end_month'),
    source: text('source').notNull(),
    /** The record a module pays it from ('assistance_entitlement:42'); null for hand-recorded ones. */
    sourceRef: text('source_ref'),
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [
    index('benefits_person_idx').on(t.personId),
    index('benefits_division_idx').on(t.divisionCode.op('text_pattern_ops')),
    index('benefits_source_ref_idx').on(t.sourceRef),
  ],
);

/** Persons an organisation serves (residents of a care facility, stayers of a rescue station…). */
export const organisationPersons = pgTable(
  'organisation_persons',
  {
    organisationId: bigint('organisation_id', { mode: 'number' })
      .notNull()
      .references(() => organisations.id),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    createdAt: ts('created_at'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId] }), index('organisation_persons_person_idx').on(t.personId)],
);

/**
 * Life events (生活事件): what happened to a person, each with its date, where the platform learnt it
 * (窗口登记, 批量导入, 部门比对文件, 其他业务模块), its evidence and who recorded it. The person's row holds
 * the current facts (died_on, marital_status, hukou division, household); these rows are their
 * history, kept also for a household's members coming and going. A correction is an event of its own
 * (a death recorded in error is revoked by kind 'death_revoked'), never an edit.
 */
export const personEvents = pgTable(
  'person_events',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    /** The module record or the agency file the event came from ('agency_import:7', 'assistance_case:42'). */
    sourceRef: text('source_ref'),
    evidence: text('evidence'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** The person's hukou division when recorded (scoping). */
    divisionCode: text('division_code').notNull(),
    householdId: bigint('household_id', { mode: 'number' }),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [
    index('person_events_person_idx').on(t.personId, t.occurredOn),
    index('person_events_household_idx').on(t.householdId),
    index('person_events_kind_idx').on(t.kind, t.divisionCode.op('text_pattern_ops')),
  ],
);

/**
 * Relations between persons with dates: spouse, parent, guardian (监护人) and entrusted carer (委托照护人);
 * `personId` is the one cared for (or either spouse), `relatedPersonId` the guardian, carer, parent or
 * spouse. Ended, never deleted.
 */
export const personRelations = pgTable(
  'person_relations',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    relatedPersonId: bigint('related_person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
    source: text('source').notNull(),
    evidence: text('evidence'),
    note: text('note'),
    endReason: text('end_reason'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    endedBy: bigint('ended_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [index('person_relations_person_idx').on(t.personId), index('person_relations_related_idx').on(t.relatedPersonId)],
);

/** Spells of working away from home (外出务工), with where to and the evidence. */
export const workAwaySpells = pgTable(
  'work_away_spells',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    untilDate: date('until_date', { mode: 'string' }),
    destination: text('destination').notNull(),
    source: text('source').notNull(),
    evidence: text('evidence'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [index('work_away_spells_person_idx').on(t.personId)],
);

/** School enrolment (在校就读): the school, the stage, when it started and is expected to end, when the person left. */
export const schoolEnrolments = pgTable(
  'school_enrolments',
  {
    id: id(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    school: text('school').notNull(),
    organisationId: bigint('organisation_id', { mode: 'number' }).references(() => organisations.id),
    stage: text('stage').notNull(),
    enrolledOn: date('enrolled_on', { mode: 'string' }).notNull(),
    expectedEnd: date('expected_end', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    source: text('source').notNull(),
    evidence: text('evidence'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: ts('created_at'),
  },
  (t) => [index('school_enrolments_person_idx').on(t.personId)],
);

// The organisation registry's tables (roles, history, foster families): src/server/modules/registry/organisations.
export * from './organisations/schema.js';

/**
 * 部门比对名单 (docs/rules.md "Agency files"): a list of deaths or hukou changes another agency sent,
 * as uploaded (the file in `files`), under the jurisdiction of who uploaded it, with its lines' counts.
 */
export const agencyFiles = pgTable(
  'agency_files',
  {
    id: id(),
    kind: text('kind').notNull(),
    agency: text('agency').notNull(),
    fileId: bigint('file_id', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    divisionCode: text('division_code').notNull(),
    status: text('status').notNull().default('matching'),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
    jobId: bigint('job_id', { mode: 'number' }),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).notNull(),
    createdAt: ts('created_at'),
  },
  (t) => [index('agency_files_division_idx').on(t.divisionCode.op('text_pattern_ops'), t.id)],
);

/**
 * One line of an agency file: what it says (the ID number only masked and as its lookup hash), the
 * person it matched inside the uploader's jurisdiction, what the match found and the clerk's decision.
 */
export const agencyFileLines = pgTable(
  'agency_file_lines',
  {
    id: id(),
    agencyFileId: bigint('agency_file_id', { mode: 'number' })
      .notNull()
      .references(() => agencyFiles.id),
    rowNumber: integer('row_number').notNull(),
    name: text('name').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    idNumberHash: text('id_number_hash'),
    data: jsonb('data').$type<Record<string, string | null>>().notNull(),
    personId: bigint('person_id', { mode: 'number' }),
    outcome: text('outcome').notNull(),
    /** Why the line is not simply applicable; `name_differs` marks the one conflict a clerk may apply with a note. */
    problem: text('problem'),
    conflict: text('conflict'),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('agency_file_lines_file_idx').on(t.agencyFileId, t.outcome, t.rowNumber)],
);
