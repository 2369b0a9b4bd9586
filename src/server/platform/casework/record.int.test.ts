/**
 * The kernel's recordActionInTx on a store of its own: a test-only registration workflow over two
 * tables made for the kernel's tests (./testing.ts), not assistance's. Order and guard (409), version (409), separation of
 * duties (403), a required reason, the new stage's deadline, the history and the audit row, all in the
 * caller's transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { audit } from '../audit/audit.js';
import type { Ctx } from '../context.js';
import { rows, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { addWorkingDays } from './clocks.js';
import { recordActionInTx, type CaseStore, type RecordOptions } from './record.js';
import type { RecordedAction } from './workflow.js';
import { createCaseworkTables, ctxOf, registration, type Action, type Category, type State } from './testing.js';

interface Row {
  id: number;
  status: State | null;
  version: number;
  category: Category;
  due_date: string | null;
  note: string | null;
}

const store: CaseStore<State, Action, Category, readonly RecordedAction[], Row, { note: string }> = {
  workflow: registration,
  history: (tx, c) =>
    rows<RecordedAction>(
      tx,
      sql`select action, data, actor_user_id::int as "actorUserId", actor_division as "actorDivision"
        from casework_test_actions where case_id = ${c.id} order by id`,
    ),
  judged: (_c, recorded) => recorded,
  async update(tx, c, { status, due, set }) {
    const [r] = await rows<Row>(
      tx,
      sql`update casework_test_cases set status = ${status}, version = version + 1,
        due_date = ${due ? due.dueDate : sql`due_date`}, note = coalesce(${set?.note ?? null}, note)
        where id = ${c.id} returning id, status, version, category, due_date::text as due_date, note`,
    );
    return r;
  },
  async append(tx, c, e) {
    await tx.execute(sql`insert into casework_test_actions
      (case_id, action, from_status, to_status, actor_user_id, actor_name, actor_division, reason, data)
      values (${c.id}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.actorUserId}, ${e.actorName}, ${e.actorDivision}, ${e.reason},
        ${JSON.stringify(e.data)})`);
  },
  async audit(tx, ctx, c, { action: code, toStatus: to }) {
    await audit(tx, ctx, { action: `casework_test.${code}`, objectType: 'casework_test_case', objectId: c.id, details: { to } });
  },
};

let t: TestApp;
let db: Db;
const users: number[] = [];
const today = '2026-11-02';

beforeAll(async () => {
  t = await startTestApp();
  db = t.owner;
  await createCaseworkTables(db, t.deps.database);
  for (const name of ['clerk1', 'clerk2', 'head'])
    users.push((await t.login({ roles: ['township_clerk'], divisionCode: '370811002', username: `casework_${name}` })).userId);
});
afterAll(async () => t?.close());

async function newCase(category: Category = 'standard'): Promise<Row> {
  const [r] = await rows<Row>(
    db,
    sql`insert into casework_test_cases (status, category) values (null, ${category})
      returning id, status, version, category, due_date::text as due_date, note`,
  );
  return r;
}

async function record(ctx: Ctx, c: Row, code: Action, opts: Partial<RecordOptions<State, { note: string }>> = {}): Promise<Row> {
  const cal = await t.deps.calendar.get();
  return db.transaction((tx) =>
    recordActionInTx(tx, ctx, store, c, code, {
      today,
      stages: { cal, deadline: (s) => (s === 'reviewing' ? { workingDays: 20, source: '登记办法：受理后20个工作日内办结' } : null) },
      separationOfDuties: true,
      actorName: '测试员',
      actorDivision: '370811002',
      ...opts,
    }),
  );
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe('recordActionInTx on a second workflow and its own tables', () => {
  it('records each step with its history, the new stage deadline and an audit row in the same transaction', async () => {
    const [clerk1, clerk2, head] = users;
    let c = await record(ctxOf(clerk1), await newCase(), 'submit');
    expect(c).toMatchObject({ status: 'submitted', version: 1, due_date: null });
    c = await record(ctxOf(clerk1), c, 'accept', { set: { note: '材料齐全' } });
    const cal = await t.deps.calendar.get();
    expect(c).toMatchObject({ status: 'reviewing', version: 2, note: '材料齐全', due_date: addWorkingDays(today, 20, cal).date });
    c = await record(ctxOf(clerk2), c, 'inspect', { data: { site: '现场一致' } });
    expect(c).toMatchObject({ status: 'reviewing', version: 3, due_date: addWorkingDays(today, 20, cal).date });
    c = await record(ctxOf(head), c, 'approve');
    expect(c.status).toBe('approved');

    const history = await rows<{ action: string; from_status: string | null; to_status: string; actor_user_id: number; data: unknown }>(
      db,
      sql`select action, from_status, to_status, actor_user_id::int as actor_user_id, data from casework_test_actions
        where case_id = ${c.id} order by id`,
    );
    expect(history).toEqual([
      { action: 'submit', from_status: null, to_status: 'submitted', actor_user_id: clerk1, data: {} },
      { action: 'accept', from_status: 'submitted', to_status: 'reviewing', actor_user_id: clerk1, data: {} },
      { action: 'inspect', from_status: 'reviewing', to_status: 'reviewing', actor_user_id: clerk2, data: { site: '现场一致' } },
      { action: 'approve', from_status: 'reviewing', to_status: 'approved', actor_user_id: head, data: {} },
    ]);
    expect(registration.statusOf('standard', history)).toBe('approved');
    const audited = await rows<{ action: string; user_id: number }>(
      db,
      sql`select action, user_id::int as user_id from audit_log where object_type = 'casework_test_case' and object_id = ${String(c.id)}
        order by id`,
    );
    expect(audited).toEqual([
      { action: 'casework_test.submit', user_id: clerk1 },
      { action: 'casework_test.accept', user_id: clerk1 },
      { action: 'casework_test.inspect', user_id: clerk2 },
      { action: 'casework_test.approve', user_id: head },
    ]);
  });

  it('refuses out of order and before the guard is met (409), a stale version (409), a missing reason (400)', async () => {
    const [clerk1, clerk2] = users;
    const fresh = await record(ctxOf(clerk1), await newCase(), 'submit');
    expect((await refusal(record(ctxOf(clerk2), fresh, 'approve'))).message).toBe('案件当前状态为「已提交」，不能执行「准予登记」');
    const reviewing = await record(ctxOf(clerk1), fresh, 'accept');
    const early = await refusal(record(ctxOf(clerk2), reviewing, 'approve'));
    expect([early.code, early.message]).toEqual(['CONFLICT', '尚未完成「现场核查」，不能执行「准予登记」']);
    const stale = await refusal(record(ctxOf(clerk2), reviewing, 'inspect', { expectedVersion: 1 }));
    expect([stale.code, stale.message]).toEqual(['CONFLICT', '案件已被他人处理，请刷新后查看最新状态']);
    const noReason = await refusal(record(ctxOf(clerk2), reviewing, 'refuse', { reason: '  ' }));
    expect([noReason.code, noReason.message]).toEqual(['VALIDATION', '「不予登记」须填写理由']);
    expect((await record(ctxOf(clerk2), reviewing, 'refuse', { reason: '名称与已登记的重复' })).status).toBe('refused');
  });

  it('separation of duties: who accepted or inspected gets 403 with the reason; off by the policy value, the same person may', async () => {
    const [clerk1, clerk2] = users;
    let c = await record(ctxOf(clerk1), await newCase(), 'submit');
    c = await record(ctxOf(clerk1), c, 'accept');
    c = await record(ctxOf(clerk2), c, 'inspect');
    for (const [who, step] of [
      [clerk1, '受理'],
      [clerk2, '现场核查'],
    ] as const) {
      const e = await refusal(record(ctxOf(who), c, 'approve'));
      expect([e.code, e.message]).toEqual([
        'FORBIDDEN',
        `您已办理本案的「${step}」，按不相容岗位分离的规定，「准予登记」须由其他工作人员办理`,
      ]);
    }
    expect((await record(ctxOf(clerk1), c, 'approve', { separationOfDuties: false })).status).toBe('approved');
  });

  it('a transaction that fails after recording leaves no step, no history and no audit row behind', async () => {
    const [clerk1] = users;
    const c = await newCase();
    await expect(
      db.transaction(async (tx) => {
        await recordActionInTx(tx, ctxOf(clerk1), store, c, 'submit', {
          today,
          separationOfDuties: true,
          actorName: '测试员',
          actorDivision: null,
        });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    const [left] = await rows<{ status: string | null; steps: number; audited: number }>(
      db,
      sql`select (select status from casework_test_cases where id = ${c.id}) as status,
        (select count(*)::int from casework_test_actions where case_id = ${c.id}) as steps,
        (select count(*)::int from audit_log where object_type = 'casework_test_case' and object_id = ${String(c.id)}) as audited`,
    );
    expect(left).toEqual({ status: null, steps: 0, audited: 0 });
  });
});
