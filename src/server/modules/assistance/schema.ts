/**
 * Social assistance (社会救助): cases with their recorded actions, entitlements (what a household is
 * paid each month, with its explanation) and economic checks. Every row carries its division code
 * for scoping. Its standards and parameters, payee accounts and monthly rolls are the platform's
 * (platform/policy, payees, payments).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { households, persons } from '../registry/schema.js';
import { files } from '../../platform/db/schema.js';
import type { AssistanceCategory, CaseStatus } from '../../../shared/assistance-codes.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const assistanceCases = pgTable(
  'assistance_cases',
  {
    id: id(),
    caseNo: text('case_no').notNull(),
    category: text('category').$type<'dibao' | 'tekun' | 'temporary' | 'borderline'>().notNull(),
    temporaryType: text('temporary_type').$type<'emergency' | 'expense'>(),
    /**
     * The registry household. Null only while an online application by a resident whose household is
     * not registered waits for acceptance: the application carries the proposed household
     * (application.ts), and the acceptance registers it and sets this (act.ts).
     */
    householdId: bigint('household_id', { mode: 'number' }).references(() => households.id),
    applicantPersonId: bigint('applicant_person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** The household's division (village) at application: scoping and the public notice. */
    divisionCode: text('division_code').notNull(),
    channel: text('channel').$type<'window' | 'online'>().notNull(),
    /** Derived from the recorded actions (workflow.ts); kept here for lists and worklists. */
    status: text('status').$type<CaseStatus>().notNull(),
    version: integer('version').notNull().default(1),
    statusSince: ts('status_since'),
    dueDate: date('due_date', { mode: 'string' }),
    dueProvisional: boolean('due_provisional').notNull().default(false),
    noticeEnds: date('notice_ends', { mode: 'string' }),
    /** Whole case from acceptance: 30 working days (20 delegated), 45 when extended. */
    caseDueDate: date('case_due_date', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    /** Close relative of a case worker or committee member: registered separately, county visits. */
    staffRelative: boolean('staff_relative').notNull().default(false),
    /** The application as recorded: members covered, incomes, assets, reason (see application.ts). */
    application: jsonb('application').$type<Record<string, unknown>>().notNull(),
    bankName: text('bank_name'),
    bankAccountEnc: text('bank_account_enc'),
    /**
     * The ID numbers of a proposed household's members (application.proposedHousehold), encrypted as
     * one JSON array in the members' order, apart from the application like the bank account; cleared
     * when the acceptance registers them.
     */
    proposalIdNumbersEnc: text('proposal_id_numbers_enc'),
    /** The computed benefit at the last computation: amount, breakdown and inputs. */
    computation: jsonb('computation').$type<Record<string, unknown>>(),
    spotCheck: text('spot_check').$type<'required' | 'passed' | 'failed'>(),
    idempotencyKey: text('idempotency_key'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('assistance_cases_no_idx').on(t.caseNo),
    uniqueIndex('assistance_cases_idem_idx').on(t.createdBy, t.idempotencyKey),
    index('assistance_cases_division_idx').on(t.divisionCode.op('text_pattern_ops'), t.status),
    index('assistance_cases_household_idx').on(t.householdId),
  ],
);

/** The case history: every action with actor, time, reason, data and attachments. */
export const assistanceActions = pgTable(
  'assistance_actions',
  {
    id: id(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceCases.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<CaseStatus>(),
    toStatus: text('to_status').$type<CaseStatus>().notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    actorDivision: text('actor_division'),
    at: ts('at'),
    reason: text('reason'),
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    fileIds: jsonb('file_ids')
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [index('assistance_actions_case_idx').on(t.caseId)],
);

/** Documents of a case (uploads: ID copies, certificates, visit photos). */
export const assistanceDocuments = pgTable(
  'assistance_documents',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceCases.id),
    fileId: bigint('file_id', { mode: 'number' })
      .notNull()
      .references(() => files.id),
    kind: text('kind').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }),
    uploadedAt: ts('uploaded_at'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fileId] })],
);

/** What a household (低保) or person (特困) is paid each month, with its explanation. */
export const assistanceEntitlements = pgTable(
  'assistance_entitlements',
  {
    id: id(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => assistanceCases.id),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => households.id),
    category: text('category').$type<AssistanceCategory>().notNull(),
    divisionCode: text('division_code').notNull(),
    countyCode: text('county_code').notNull(),
    payeePersonId: bigint('payee_person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    coveredPersonIds: jsonb('covered_person_ids').$type<number[]>().notNull(),
    monthlyFen: integer('monthly_fen').notNull(),
    breakdown: text('breakdown').notNull(),
    /** What the computation used (standard, members, incomes…): recomputations start from here. */
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    startMonth: text('start_month').notNull(),
    endMonth: text('end_month'),
    status: text('status').$type<'active' | 'suspended' | 'stopped'>().notNull().default('active'),
    nextReviewDate: date('next_review_date', { mode: 'string' }),
    /**
     * 终止公示: the last day of the 7-day notice before a 特困 recipient's support is stopped, and the
     * stop it announces. Payment continues meanwhile; the stop is carried out when the notice ends
     * without objection (the notice board ends it: manage.ts endStopNotice), an objection withdraws it.
     */
    stopNoticeEnds: date('stop_notice_ends', { mode: 'string' }),
    stopPending: jsonb('stop_pending').$type<{ effectiveMonth: string; reason: string; actorUserId: number | null }>(),
    /**
     * 供养方式 of a 特困 entitlement (docs/rules.md "Visits (探访)"): 分散供养 at home or 集中供养 in a
     * facility (its name, and the organisation's id once the registry of organisations names it: no
     * foreign key yet); null for the other categories. Unconfirmed when the platform set it (the
     * existing roster, an approval that did not choose), until the township confirms it.
     */
    supportMode: text('support_mode').$type<'scattered' | 'centralised'>(),
    supportModeConfirmed: boolean('support_mode_confirmed'),
    supportFacility: text('support_facility'),
    supportOrganisationId: bigint('support_organisation_id', { mode: 'number' }),
    /** Since when the current 供养方式 holds (a visit plan of 分散供养 starts here). */
    supportModeSince: date('support_mode_since', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('assistance_entitlements_county_idx').on(t.countyCode, t.status),
    index('assistance_entitlements_division_idx').on(t.divisionCode.op('text_pattern_ops')),
    index('assistance_entitlements_household_idx').on(t.householdId),
    index('assistance_entitlements_stop_notice_idx')
      .on(t.stopNoticeEnds)
      .where(sql`${t.stopNoticeEnds} is not null`),
  ],
);

/** The history of every change of amount or status of an entitlement. */
export const assistanceEntitlementChanges = pgTable(
  'assistance_entitlement_changes',
  {
    id: id(),
    entitlementId: bigint('entitlement_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceEntitlements.id),
    kind: text('kind').notNull(),
    effectiveMonth: text('effective_month').notNull(),
    oldFen: integer('old_fen'),
    newFen: integer('new_fen'),
    breakdown: text('breakdown'),
    reason: text('reason'),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    at: ts('at'),
  },
  (t) => [index('assistance_entitlement_changes_ent_idx').on(t.entitlementId)],
);

/**
 * 家庭经济状况核对: one per case, started by the request (which needs the authorisation). Each
 * agency's answer is one row of assistance_check_replies; findings are computed from them on read.
 */
export const assistanceChecks = pgTable(
  'assistance_checks',
  {
    id: id(),
    /** The application checked; or, for a batch re-check of recipients, the entitlement. */
    caseId: bigint('case_id', { mode: 'number' }).references(() => assistanceCases.id),
    entitlementId: bigint('entitlement_id', { mode: 'number' }).references(() => assistanceEntitlements.id),
    householdId: bigint('household_id', { mode: 'number' }).notNull(),
    divisionCode: text('division_code').notNull(),
    status: text('status').$type<'requested' | 'replied' | 'reviewed'>().notNull().default('requested'),
    /** The agencies asked (check.ts `agencies`): all seven unless the worker narrowed the list at the request. */
    agencies: jsonb('agencies')
      .$type<string[]>()
      .notNull()
      .default(sql`'["bank","real_estate","vehicle","tax","social_insurance","business","housing_fund"]'::jsonb`),
    /** The worker's decision on each finding: accept the agency's figure, or keep the declared one with a reason. */
    decisions: jsonb('decisions')
      .$type<Record<string, { decision: 'accept' | 'override'; reason: string | null; by: number; at: string }>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    requestedAt: ts('requested_at'),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('assistance_checks_case_idx').on(t.caseId),
    index('assistance_checks_entitlement_idx').on(t.entitlementId),
    index('assistance_checks_household_idx').on(t.householdId),
    index('assistance_checks_division_idx').on(t.divisionCode.op('text_pattern_ops'), t.status),
  ],
);

/** What one agency found of one household member (check.ts `agencies` turns a reply row into these). */
export interface CheckRecord {
  personId: number;
  kind: string;
  amountFen: number;
  detail: string | null;
}

/**
 * One agency's answer to one check: the records it found for the household's members, or none
 * (查无记录). A reply imported again replaces the agency's earlier answer. One row per (check,
 * agency) rather than per record: an import of 100,000 applicants writes 40,000 rows, not 800,000
 * (docs/decisions.md 27).
 */
export const assistanceCheckReplies = pgTable(
  'assistance_check_replies',
  {
    checkId: bigint('check_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceChecks.id),
    agency: text('agency').notNull(),
    /** The batch the reply answered (批次号), or null for a reply matched by ID number alone. */
    batchId: bigint('batch_id', { mode: 'number' }).references(() => assistanceCheckBatches.id),
    records: jsonb('records')
      .$type<CheckRecord[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    repliedAt: ts('replied_at'),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.agency] })],
);

/**
 * 核对批次: one per downloaded request file, with the checks and persons it lists. A reply naming
 * its batch (column 批次号 or the file name) answers every person of the batch for its agency, so
 * an empty reply means "nothing found".
 */
export const assistanceCheckBatches = pgTable('assistance_check_batches', {
  id: id(),
  divisionCode: text('division_code').notNull(),
  persons: integer('persons').notNull().default(0),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: ts('created_at'),
});

export const assistanceCheckBatchLines = pgTable(
  'assistance_check_batch_lines',
  {
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceCheckBatches.id),
    checkId: bigint('check_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceChecks.id),
    personId: bigint('person_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.checkId, t.personId] }), index('assistance_check_batch_lines_check_idx').on(t.checkId)],
);
