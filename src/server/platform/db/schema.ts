/**
 * Platform tables: divisions, organisations, accounts, sessions, audit, jobs, stored files,
 * the notifier's outbox. Business areas keep their tables in `modules/<area>/schema.ts`.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const id = (name = 'id') => bigint(name, { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Statistical division tree (GB/T 2260 + township and village codes). level: 2 city … 5 village. */
export const divisions = pgTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    level: smallint('level').notNull(),
    fullName: text('full_name').notNull(),
    /**
     * The dates a division is in force (Asia/Shanghai, docs/rules.md "Dated divisions (区划变更)"): a
     * shipped division has no start; a re-coded, merged or dissolved one keeps its row with the day it
     * ended (`valid_to`, the change's effective date), so approved rolls and old records still name it.
     */
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode), index('divisions_name_idx').on(t.name.op('text_pattern_ops'))],
);

/**
 * A change of the tree from a date (区划变更): rename, recode, split or merge, its 文号 and reason.
 * `spec` holds what was asked (the sources, the new codes and names, a split's villages); `counts`
 * the rows re-coded per table, written batch by batch with the rows they count.
 */
export const divisionChanges = pgTable(
  'division_changes',
  {
    id: id(),
    kind: text('kind').$type<'rename' | 'recode' | 'split' | 'merge'>().notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    documentNo: text('document_no').notNull(),
    reason: text('reason').notNull(),
    spec: jsonb('spec').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'pending_review' | 'planned' | 'applied' | 'cancelled'>().notNull().default('planned'),
    counts: jsonb('counts')
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('division_changes_status_idx').on(t.status, t.effectiveDate)],
);

/** Old code → new code of a change, every division of the moved subtrees included (reading old codes). */
export const divisionCodeMap = pgTable(
  'division_code_map',
  {
    id: id(),
    changeId: bigint('change_id', { mode: 'number' })
      .notNull()
      .references(() => divisionChanges.id),
    oldCode: text('old_code').notNull(),
    newCode: text('new_code').notNull(),
  },
  (t) => [uniqueIndex('division_code_map_change_old_idx').on(t.changeId, t.oldCode), index('division_code_map_old_idx').on(t.oldCode)],
);

/**
 * The organisation registry (docs/rules.md "The organisation registry"): each organisation once, its
 * unified social credit code unique where present, an unregistered team under its parent with a
 * platform number. Its roles, history and foster families are the registry's tables
 * (src/server/modules/registry/organisations/schema.ts); its staff are `users.organisation_id`.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    name: text('name').notNull(),
    /** 统一社会信用代码 (GB 32100-2015); null for a team not registered as a legal person. */
    creditCode: text('credit_code'),
    /** 平台编号 of an unregistered team, given by the platform. */
    platformNo: text('platform_no'),
    /** 社会团体, 社会服务机构, 基金会, 机关, 事业单位, 企业 (src/shared/registry/organisation-codes.ts). */
    legalType: text('legal_type'),
    /** 登记管理机关. */
    registrationAuthority: text('registration_authority'),
    legalRepName: text('legal_rep_name'),
    /** The legal representative's registry entry, when there is one (a registry person id). */
    legalRepPersonId: bigint('legal_rep_person_id', { mode: 'number' }),
    address: text('address'),
    divisionCode: text('division_code').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => organisations.id),
    /** active 正常, deregistered 注销, revoked 撤销; statusOn: the date of the last change. */
    status: text('status').notNull().default('active'),
    statusOn: date('status_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('organisations_division_idx').on(t.divisionCode.op('text_pattern_ops')),
    uniqueIndex('organisations_credit_code_idx').on(t.creditCode),
    uniqueIndex('organisations_platform_no_idx').on(t.platformNo),
    index('organisations_parent_idx').on(t.parentId),
  ],
);

export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  permissions: jsonb('permissions').$type<string[]>().notNull(),
  totpRequired: boolean('totp_required').notNull().default(false),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    kind: text('kind').$type<'staff' | 'resident'>().notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** The last 5 password hashes, newest first: none may be reused. */
    passwordHistory: jsonb('password_history')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    roles: jsonb('roles')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    divisionCode: text('division_code').notNull(),
    organisationId: bigint('organisation_id', { mode: 'number' }).references(() => organisations.id),
    /** A resident account's own registry entry. */
    personId: bigint('person_id', { mode: 'number' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_idx').on(t.username), index('users_division_idx').on(t.divisionCode.op('text_pattern_ops'))],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SM3 of the cookie token: a stolen table does not give working cookies. */
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    ip: text('ip').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Append-only (a trigger refuses UPDATE and DELETE). The hash chain lives in `audit_chain`, written
 * by the sealer after commit, so requests never queue on the chain head.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: bigint('user_id', { mode: 'number' }),
    username: text('username'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    outcome: text('outcome').$type<'ok' | 'denied' | 'failed'>().notNull(),
    ip: text('ip'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_user_idx').on(t.userId), index('audit_action_idx').on(t.action)],
);

/** Chain order is seal order: `seq`. Each audit row is chained once (`audit_id` unique). */
export const auditChain = pgTable('audit_chain', {
  seq: id('seq'),
  auditId: bigint('audit_id', { mode: 'number' }).notNull().unique(),
  hash: text('hash').notNull(),
});

/** Durable background work: survives restarts, runs once, reports progress. */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    status: text('status').$type<'queued' | 'running' | 'succeeded' | 'failed'>().notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }),
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('jobs_status_idx').on(t.status), uniqueIndex('jobs_idempotency_idx').on(t.createdBy, t.idempotencyKey)],
);

/** Uploaded and generated files (imports, error reports), kept in the database so backups hold them. */
export const files = pgTable('files', {
  id: id(),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  content: bytea('content').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: createdAt(),
});

/** What the notifier sent; in development and tests it is the only delivery. */
export const outbox = pgTable('outbox', {
  id: id(),
  channel: text('channel').notNull(),
  recipientEnc: text('recipient_enc').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
});

export const portalSignups = pgTable('portal_signups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  phoneEnc: text('phone_enc').notNull(),
  phoneHash: text('phone_hash').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** The hukou village or community and hukou type the resident chose (registered as unverified). */
  hukouDivisionCode: text('hukou_division_code'),
  hukouType: text('hukou_type').$type<'urban' | 'rural'>(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});
