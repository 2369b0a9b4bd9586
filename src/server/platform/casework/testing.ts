/**
 * The casework kernel's own tests' fixture: a test-only registration workflow (not social
 * assistance's) over tables made for the tests, so each piece of the kernel (record.ts, worklist.ts,
 * documents.ts) is proven on a second definition. Used by the kernel's *.int.test.ts only.
 */
import { sql } from 'drizzle-orm';
import { bigint, date, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Permission } from '../../../shared/permissions.js';
import type { Actor, Ctx } from '../context.js';
import type { Database, Db } from '../db/index.js';
import { defineWorkflow, type ActionDef, type RecordedAction } from './workflow.js';

export type State = 'submitted' | 'reviewing' | 'approved' | 'refused';
export type Category = 'standard' | 'express';
export const registrationActions = {
  submit: { label: '提交申请', from: [null], to: 'submitted', permission: 'registry.write' },
  accept: { label: '受理', from: ['submitted'], to: 'reviewing', permission: 'registry.write' },
  inspect: { label: '现场核查', from: ['reviewing'], to: null, permission: 'registry.write' },
  approve: { label: '准予登记', from: ['reviewing'], to: 'approved', permission: 'user.manage', notBy: ['accept', 'inspect'] },
  refuse: { label: '不予登记', from: ['reviewing'], to: 'refused', permission: 'user.manage', reasonRequired: true },
} as const satisfies Record<string, ActionDef<State, Category>>;
export type Action = keyof typeof registrationActions;

export const registration = defineWorkflow<State, Action, Category, readonly RecordedAction[]>({
  states: { submitted: '已提交', reviewing: '审查中', approved: '已登记', refused: '不予登记' },
  actions: registrationActions,
  finalStates: ['approved', 'refused'],
  guard: (code, _status, recorded) =>
    code === 'approve' && !recorded.some((r) => r.action === 'inspect') ? '尚未完成「现场核查」，不能执行「准予登记」' : null,
});

/** The test cases, for the kernel pieces bound through drizzle columns (worklist, documents). */
export const caseworkTestCases = pgTable('casework_test_cases', {
  id: serial('id').primaryKey(),
  status: text('status'),
  version: integer('version').notNull().default(0),
  category: text('category').notNull(),
  divisionCode: text('division_code').notNull(),
  caseNo: text('case_no'),
  dueDate: date('due_date', { mode: 'string' }),
  note: text('note'),
});

export const caseworkTestDocuments = pgTable('casework_test_documents', {
  caseId: integer('case_id').notNull(),
  fileId: bigint('file_id', { mode: 'number' }).notNull(),
  kind: text('kind').notNull(),
  uploadedBy: bigint('uploaded_by', { mode: 'number' }),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** The township every fixture case is in unless a test says otherwise. */
export const TOWNSHIP = '370811002';

/** Creates the test tables (as the owner); on PostgreSQL the application's role may read and write them (docs/security.md D6). */
export async function createCaseworkTables(owner: Db, database: Database): Promise<void> {
  await owner.execute(sql`create table casework_test_cases (id serial primary key, status text, version int not null default 0,
    category text not null, division_code text not null default ${sql.raw(`'${TOWNSHIP}'`)}, case_no text, due_date date, note text)`);
  await owner.execute(sql`create table casework_test_actions (id serial primary key, case_id int not null, action text not null,
    from_status text, to_status text not null, actor_user_id bigint, actor_name text, actor_division text, reason text,
    data jsonb not null)`);
  await owner.execute(sql`create table casework_test_documents (case_id int not null, file_id bigint not null, kind text not null,
    uploaded_by bigint, uploaded_at timestamptz not null default now(), primary key (case_id, file_id))`);
  if (database.kind === 'postgres')
    await owner.execute(
      sql`grant select, insert, update on casework_test_cases, casework_test_actions, casework_test_documents to jimin_app`,
    );
}

/** A staff context of `userId` at `divisionCode` holding `permissions`. */
export function ctxOf(userId: number, permissions: Permission[] = ['registry.write', 'user.manage'], divisionCode = TOWNSHIP): Ctx {
  const actor: Actor = {
    userId,
    username: `user${userId}`,
    kind: 'staff',
    permissions: new Set(permissions),
    roles: [],
    divisionCode,
    organisationId: null,
    personId: null,
  };
  return { actor, ip: '127.0.0.1' };
}
