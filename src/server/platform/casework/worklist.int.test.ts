/**
 * The kernel's worklist (worklist.ts) on the test-only registration workflow and its table
 * (./testing.ts), not assistance's: the statuses an actor has a step from come from the workflow's
 * permissions; each case waits on one level (handling on the township, a decision on the township
 * where delegated, else on the county, nothing on the city); the page is soonest deadline first with
 * the overdue and near-due counts; another township's cases never show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { scopeWhere } from '../access/scope.js';
import type { Actor } from '../context.js';
import { rows } from '../db/index.js';
import { addDays } from '../../../shared/dates.js';
import { addWorkingDays, type HolidayCalendar } from './clocks.js';
import { statusesWaitingOn, waitingOn, worklistPage, type WorklistSource } from './worklist.js';
import { caseworkTestCases as cases, createCaseworkTables, ctxOf, registration, TOWNSHIP, type Category, type State } from './testing.js';

let t: TestApp;
let cal: HolidayCalendar;
const today = '2026-11-02';
const OTHER_TOWNSHIP = '370811003';
const columns = { id: cases.id, status: cases.status, category: cases.category, dueDate: cases.dueDate };
const categories: Category[] = ['standard', 'express'];
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  await createCaseworkTables(t.owner, t.deps.database);
  cal = await t.deps.calendar.get();
  const near = addWorkingDays(today, 1, cal).date;
  const rowsToAdd: [string, State, Category, string, string | null][] = [
    ['submitted-overdue', 'submitted', 'standard', TOWNSHIP, addDays(today, -3)],
    ['submitted-near', 'submitted', 'express', TOWNSHIP, near],
    ['submitted-later', 'submitted', 'standard', TOWNSHIP, addDays(today, 20)],
    ['submitted-undated', 'submitted', 'standard', TOWNSHIP, null],
    ['reviewing-standard', 'reviewing', 'standard', TOWNSHIP, today],
    ['reviewing-express', 'reviewing', 'express', TOWNSHIP, addDays(today, -1)],
    ['approved', 'approved', 'standard', TOWNSHIP, null],
    ['elsewhere', 'submitted', 'standard', OTHER_TOWNSHIP, addDays(today, -5)],
  ];
  for (const [name, status, category, division, due] of rowsToAdd) {
    const [r] = await rows<{ id: number }>(
      t.owner,
      sql`insert into casework_test_cases (status, category, division_code, due_date) values (${status}, ${category}, ${division}, ${due})
        returning id`,
    );
    ids[name] = Number(r.id);
  }
});
afterAll(async () => t?.close());

const source = (actor: Actor): WorklistSource => ({
  table: cases,
  columns,
  scope: scopeWhere(actor, { division: cases.divisionCode }),
  select: sql`c.id, c.status, c.category, c.due_date::text as due_date`,
});

async function worklistOf(actor: Actor, delegated: Category[], page = { page: 1, pageSize: 20 }) {
  const waiting = await waitingOn(registration, actor, columns, {
    waitsOnDecision: (s: State) => s === 'reviewing',
    categories,
    delegated: () => delegated,
  });
  const found = await worklistPage<{ id: number; status: State; due_date: string | null }>(
    t.deps.database,
    actor,
    source(actor),
    waiting,
    page,
    { today, cal },
  );
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return { ...found, items: found.items.map((r) => names[Number(r.id)]) };
}

describe('the worklist on a second workflow and its own table', () => {
  it('the statuses an actor has a step from follow from the workflow: permissions, never a final state or a step that leads nowhere', () => {
    expect(statusesWaitingOn(registration, ctxOf(1, ['registry.write']).actor!)).toEqual(['submitted']);
    expect(statusesWaitingOn(registration, ctxOf(1, ['user.manage']).actor!)).toEqual(['reviewing']);
    expect(statusesWaitingOn(registration, ctxOf(1).actor!)).toEqual(['submitted', 'reviewing']);
    expect(statusesWaitingOn(registration, ctxOf(1, ['assistance.read']).actor!)).toEqual([]);
  });

  it("a township's worklist: its handling stages and the decisions delegated to it, soonest deadline first, with overdue and near-due counts", async () => {
    const w = await worklistOf(ctxOf(1).actor!, ['express']);
    expect(w.items).toEqual(['submitted-overdue', 'reviewing-express', 'submitted-near', 'submitted-later', 'submitted-undated']);
    expect({ total: w.total, overdue: w.overdue, nearDue: w.nearDue }).toEqual({ total: 5, overdue: 2, nearDue: 1 });
  });

  it('every category delegated: the township decides them all; none delegated: it only handles', async () => {
    expect((await worklistOf(ctxOf(1).actor!, categories)).items).toEqual([
      'submitted-overdue',
      'reviewing-express',
      'reviewing-standard',
      'submitted-near',
      'submitted-later',
      'submitted-undated',
    ]);
    expect((await worklistOf(ctxOf(1).actor!, [])).items).toEqual([
      'submitted-overdue',
      'submitted-near',
      'submitted-later',
      'submitted-undated',
    ]);
  });

  it("the county decides what it did not delegate and never holds a township's handling stage; the city has no worklist", async () => {
    const county = ctxOf(2, ['registry.write', 'user.manage'], '370811').actor!;
    const w = await worklistOf(county, ['express']);
    expect([w.items, w.total, w.overdue, w.nearDue]).toEqual([['reviewing-standard'], 1, 0, 1]);
    expect((await worklistOf(county, categories)).total).toBe(0);
    const city = await worklistOf(ctxOf(3, ['registry.write', 'user.manage'], '3708').actor!, []);
    expect([city.items, city.total]).toEqual([[], 0]);
  });

  it("pages keep the order and the counts are of every case waiting; another township's case never shows", async () => {
    const actor = ctxOf(1, ['registry.write']).actor!;
    const first = await worklistOf(actor, [], { page: 1, pageSize: 2 });
    const second = await worklistOf(actor, [], { page: 2, pageSize: 2 });
    expect([first.items, second.items]).toEqual([
      ['submitted-overdue', 'submitted-near'],
      ['submitted-later', 'submitted-undated'],
    ]);
    expect([second.page, second.pageSize, second.total, second.overdue, second.nearDue]).toEqual([2, 2, 4, 1, 1]);
    const other = await worklistOf(ctxOf(4, ['registry.write'], OTHER_TOWNSHIP).actor!, []);
    expect(other.items).toEqual(['elsewhere']);
  });
});
