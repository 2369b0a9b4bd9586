/**
 * The social-assistance notices on the platform's board, and migration 0010: the running notices it
 * carried over (cases in 公示, 特困 recipients in 终止公示) read exactly as the board writes them — the
 * name masked as maskName does, the category in words, the household size, the amount, the 7 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { caseHelpers, noReplies, visit } from './testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
const today = shanghaiToday();
const { household, application, apply, open, step, toDecision } = caseHelpers(() => t, 700);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

type NoticeRow = {
  kind: string;
  record_id: number;
  division_code: string;
  matter: string;
  shown: unknown;
  starts_on: string;
  last_day: string;
};
const running = () =>
  rows<NoticeRow>(
    t.owner,
    sql`select kind, record_id::int as record_id, division_code, matter, shown, starts_on::text as starts_on, last_day::text as last_day
      from public_notices where status = 'running' order by kind, record_id`,
  );

describe('assistance notices on the 公示 board', () => {
  it('migration 0010 carries a case in 公示 and a 特困 recipient in 终止公示 over exactly as the board shows them', async () => {
    // A 特困 recipient (its own 公示 ended on the way to approval), whose support is to stop.
    const one = await household(clerk, places.renchengVillageA, ['司马守田'], ['1941-03-05']);
    const k = await apply(
      clerk,
      application(one, {
        category: 'tekun',
        members: [{ personId: one.members[0].id, covered: true, incomes: [] }],
        selfCareUnable: ['eating'],
      }),
    );
    await toDecision(clerk, k.id);
    expect((await step(approver, k.id, 'approve')).statusCode).toBe(200);
    const entitlementId = (await open(clerk, k.id)).entitlement.id as number;
    // A 低保 case in 公示 (a household of three, the amount computed at the township's agreement).
    const h = await household(clerk, places.renchengVillageA, ['欧阳晓明', '李芳', '欧阳小雨']);
    const c = await apply(clerk, application(h));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
      ['township_agree', {}],
    ] as const)
      expect((await step(clerk, c.id, action, body)).statusCode).toBe(200);
    expect((await open(clerk, c.id)).status).toBe('notice');

    const e = (await clerk.get(`/api/assistance/entitlements/${entitlementId}`)).json();
    const stop = await clerk.post(`/api/assistance/entitlements/${entitlementId}/change`, {
      version: e.version,
      kind: 'stop',
      effectiveMonth: addMonths(monthOf(addDays(today, 6)), 1),
      reason: '已由子女接回赡养',
    });
    expect(stop.statusCode, stop.body).toBe(200);

    const board = await running();
    expect(board).toEqual([
      {
        kind: 'assistance_case',
        record_id: c.id,
        division_code: places.renchengVillageA,
        matter: '拟批准救助',
        shown: { name: '欧***', category: '低保', householdSize: 3, monthlyFen: expect.any(Number) },
        starts_on: today,
        last_day: addDays(today, 6),
      },
      {
        kind: 'assistance_stop',
        record_id: entitlementId,
        division_code: places.renchengVillageA,
        matter: '拟终止供养',
        shown: { name: '司***', category: '特困', householdSize: 1, monthlyFen: e.monthlyFen },
        starts_on: today,
        last_day: addDays(today, 6),
      },
    ]);

    // The board emptied, then refilled by the migration's own statements: the same rows.
    const migration = readFileSync(new URL('../../../../db/migrations/0010_public_notices.sql', import.meta.url), 'utf8');
    const inserts = migration
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s.startsWith('INSERT INTO public_notices'));
    expect(inserts).toHaveLength(2);
    await t.owner.execute(sql`delete from public_notices`);
    for (const statement of inserts) await t.owner.execute(sql.raw(statement));
    expect(await running()).toEqual(board);
  });

  it('a case in 公示 goes on to the decision by itself in a freshly started process (nothing cached), reading only in its transaction', async () => {
    const h = await household(clerk, places.renchengVillageA, ['新启', '新启妻']);
    const c = await apply(clerk, application(h));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
      ['township_agree', {}],
    ] as const)
      expect((await step(clerk, c.id, action, body)).statusCode).toBe(200);
    t.deps.calendar.invalidate();
    expect(await t.deps.notices.endDue(addDays(today, 7))).toBeGreaterThanOrEqual(1);
    expect((await open(clerk, c.id)).status).toBe('awaiting_decision');
  });
});
