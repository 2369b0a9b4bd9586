/**
 * Dated divisions through the real routes and the real job (docs/rules.md "Dated divisions (区划变更)"):
 * a town made a street (撤镇设街) moves every live row, the clerk's own jurisdiction included, while the
 * approved roll keeps the old code; the job resumes after a crash; a merge, a split and a rename; the
 * messages a wrong change gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers, step } from '../../assistance/testing.js';
import { generateResidentId } from '../../../../shared/validation/resident-id.js';
import { serverModules } from '../../index.js';
import { applyChange } from './apply.js';
import { codedColumns } from './tables.js';
import { enqueueDueChanges } from './due.js';

let t: TestApp;
const { household, application, apply, toDecision } = caseHelpers(() => t, 400);
const today = shanghaiToday();
const month = monthOf(today);

/** 任城区长沟镇 and its first village (长沟村村委会); the street it becomes. */
const TOWN = '370811102';
const TOWN_VILLAGE = '370811102200';
const STREET = '370811019';
const STREET_VILLAGE = '370811019200';

let admin: Client;
let clerk: Client;
let approver: Client;
let county: Client;
let countyApprover: Client;
let householdId = 0;
let pendingCaseId = 0;
let approvedRollId = 0;

const common = { effectiveDate: today, documentNo: '鲁政字〔2026〕18号', reason: '撤镇设街' };

async function record(body: Record<string, unknown>) {
  const res = await admin.post('/api/divisions/changes', { ...common, ...body });
  expect(res.statusCode, res.body).toBe(200);
  await t.deps.jobs.drain();
  return res.json<{ id: number }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login({ roles: ['city_admin'], divisionCode: '3708' });
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: TOWN });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: TOWN });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: '370811' });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: '370811' });
  // A 低保 household of the town, approved; a second application still with the township (its worklist).
  const h = await household(clerk, TOWN_VILLAGE, ['孔长沟', '颜长沟']);
  householdId = h.id;
  const c = await apply(clerk, application(h));
  await toDecision(clerk, c.id);
  expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
  const other = await household(clerk, TOWN_VILLAGE, ['曾待办', '孟待办']);
  pendingCaseId = (await apply(clerk, application(other))).id;
  // Next month's roll, built and approved before the change.
  const start = await county.post('/api/payments/assistance/rolls', { countyCode: '370811', month: addMonths(month, 1) });
  expect(start.statusCode, start.body).toBe(200);
  approvedRollId = start.json().id;
  await t.deps.jobs.drain();
  expect((await countyApprover.post(`/api/payments/assistance/rolls/${approvedRollId}/approve`)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('dated divisions (区划变更)', () => {
  it('a town moved into a street: every list, count, worklist and the next payment roll use the new code', async () => {
    const id = await record({ kind: 'recode', code: TOWN, newCode: STREET, newName: '长沟街道' });
    const change = (await admin.get('/api/divisions/changes')).json().items.find((c: { id: number }) => c.id === id);
    expect(change).toMatchObject({ status: 'applied', summary: '长沟镇（370811102）→ 长沟街道（370811019）', mapped: 40 });
    expect(change.counts['households.division_code']).toBe(2);
    expect(change.counts['users.division_code']).toBe(2);

    // The clerk's own jurisdiction was re-coded: they keep seeing the township, under its new code.
    expect((await clerk.get('/api/auth/me')).json().divisionCode).toBe(STREET);
    const households = (await clerk.get('/api/households')).json();
    expect(households.total).toBe(2);
    expect(households.items.find((x: { id: number }) => x.id === householdId)).toMatchObject({
      divisionCode: STREET_VILLAGE,
      divisionName: expect.stringContaining('长沟街道长沟村村委会'),
    });
    const persons = (await clerk.get('/api/persons')).json();
    expect(persons.total).toBe(4);
    const stats = (await clerk.get('/api/stats/registry')).json();
    expect(stats.totals).toEqual({ persons: 4, households: 2 });
    expect(stats.byDivision.find((d: { code: string }) => d.code === STREET_VILLAGE)).toMatchObject({ persons: 4, households: 2 });
    // The county's figures carry the street (its 乡镇（街道） rows).
    const countyStats = (await county.get('/api/stats/registry')).json();
    expect(countyStats.byDivision.find((d: { code: string }) => d.code === STREET)).toMatchObject({ persons: 4, households: 2 });
    const worklist = (await clerk.get('/api/assistance/worklist')).json();
    expect(worklist.items.map((c: { id: number }) => c.id)).toContain(pendingCaseId);
    expect(worklist.items.find((c: { id: number }) => c.id === pendingCaseId).divisionCode).toBe(STREET_VILLAGE);
    const entitlements = (await county.get(`/api/assistance/entitlements?divisionCode=${STREET}`)).json();
    expect(entitlements.total).toBe(1);
    expect(entitlements.items[0].divisionName).toContain('长沟街道');
    expect((await county.get(`/api/assistance/entitlements?divisionCode=${TOWN}`)).json().total).toBe(0);

    // The next roll, built after the change, has the line under the street.
    const next = await county.post('/api/payments/assistance/rolls', { countyCode: '370811', month: addMonths(month, 2) });
    expect(next.statusCode, next.body).toBe(200);
    await t.deps.jobs.drain();
    const lines = (await county.get(`/api/payments/assistance/rolls/${next.json().id}/lines?divisionCode=${STREET}`)).json();
    expect(lines.total).toBe(1);
    expect(lines.items[0].divisionName).toContain('长沟街道长沟村村委会');
    // The approved roll keeps the code and the name it was approved with.
    const approved = (await county.get(`/api/payments/assistance/rolls/${approvedRollId}/lines?divisionCode=${TOWN}`)).json();
    expect(approved.total).toBe(1);
    expect(approved.items[0].divisionName).toContain('长沟镇长沟村村委会');
    expect((await county.get(`/api/payments/assistance/rolls/${approvedRollId}/lines?divisionCode=${STREET}`)).json().total).toBe(0);

    // The tree keeps the town with its end date; a look-up by the old code answers the street.
    const old = (await t.app.inject({ url: `/api/divisions/${TOWN}` })).json();
    expect(old).toMatchObject({ name: '长沟镇', validTo: today, successors: [{ code: STREET, name: '长沟街道' }] });
    const found = (await t.app.inject({ url: `/api/divisions/search?q=${TOWN_VILLAGE}` })).json();
    expect(found[0]).toMatchObject({ code: STREET_VILLAGE, name: '长沟村村委会' });
    const children = (await t.app.inject({ url: '/api/divisions/children?parent=370811' })).json();
    expect(children.map((c: { code: string }) => c.code)).toContain(STREET);
    expect(children.map((c: { code: string }) => c.code)).not.toContain(TOWN);
    // A new household is not registered under the old code: the message names the new one.
    const stale = await admin.post('/api/households', {
      divisionCode: TOWN_VILLAGE,
      address: '测试路 1 号',
      members: [
        {
          relation: 'head',
          person: {
            name: '旧代码',
            idNumber: generateResidentId({ addressCode: '370811', birthDate: '1980-02-02', seq: 901 }),
            hukouDivisionCode: STREET_VILLAGE,
            hukouType: 'rural',
          },
        },
      ],
    });
    expect(stale.statusCode, stale.body).toBe(400);
    expect(stale.json().message).toBe(`长沟村村委会（${TOWN_VILLAGE}）已于 ${today} 撤销，现为 长沟村村委会（${STREET_VILLAGE}）`);

    // One audit row for the change, with the counts per table.
    const [a] = await rows<{ details: { counts: Record<string, number>; rows: number; frozen: string[] } }>(
      t.owner,
      sql`select details from audit_log where action = 'division_change.apply' and object_id = ${String(id)}`,
    );
    expect(a.details.counts).toEqual(change.counts);
    expect(a.details.frozen).toEqual(expect.arrayContaining(['payment_roll_lines', 'payment_rolls']));
    // The mapping table reads the old code.
    const map = (await admin.get(`/api/divisions/code-map?code=${TOWN_VILLAGE}`)).json();
    expect(map.items[0]).toMatchObject({ oldCode: TOWN_VILLAGE, newCode: STREET_VILLAGE, status: 'applied' });
  });

  it('F5 the job resumes after a crash: a division change killed half-way, run again, re-codes each row once with the same counts', async () => {
    // 兖州区's first town (大安镇) → a street: three households in one village, a row per batch, stopped after two.
    const village = (await t.app.inject({ url: '/api/divisions/children?parent=370812' })).json();
    const town = village.find((c: { name: string }) => c.name.endsWith('镇'));
    const villages = (await t.app.inject({ url: `/api/divisions/children?parent=${town.code}` })).json();
    const v = villages[0].code as string;
    const yzClerk = await t.login({ roles: ['township_clerk'], divisionCode: town.code });
    for (const n of ['甲', '乙', '丙']) await household(yzClerk, v, [`兖${n}一`, `兖${n}二`]);
    const res = await admin.post('/api/divisions/changes', {
      ...common,
      effectiveDate: addMonths(month, 3) + '-01',
      kind: 'recode',
      code: town.code,
      newCode: '370812098',
      newName: town.name.replace(/镇$/, '街道'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    // Dated later: the due check leaves it planned.
    await t.deps.jobs.drain();
    expect((await admin.get('/api/divisions/changes?status=planned')).json().items.map((c: { id: number }) => c.id)).toContain(id);
    await t.owner.execute(sql`update division_changes set effective_date = ${today} where id = ${id}`);

    const { live } = codedColumns(serverModules);
    const present = await rows<{ t: string; c: string }>(
      t.owner,
      sql`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`,
    );
    const expected: Record<string, number> = {};
    for (const c of live.filter((l) => present.some((p) => p.t === l.table && p.c === l.column))) {
      const [{ n }] = await rows<{ n: number }>(
        t.owner,
        sql`select count(*)::int as n from ${sql.raw(`"${c.table}"`)} t join division_code_map m on m.change_id = ${id}
              and m.old_code = t.${sql.raw(`"${c.column}"`)}`,
      );
      if (n) expected[`${c.table}.${c.column}`] = n;
    }
    let batches = 0;
    await expect(
      applyChange(t.deps, id, {
        batchSize: 1,
        afterBatch: () => {
          if (++batches === 2) throw new Error('进程被终止');
        },
      }),
    ).rejects.toThrow('进程被终止');
    const [half] = await rows<{ status: string; counts: Record<string, number> }>(
      t.owner,
      sql`select status, counts from division_changes where id = ${id}`,
    );
    expect(half.status).toBe('planned');
    expect(Object.values(half.counts).reduce((s, x) => s + x, 0)).toBe(2);

    const counts = await applyChange(t.deps, id, { batchSize: 2 });
    expect(counts).toEqual(expected);
    expect(expected['households.division_code']).toBe(3);
    expect(expected['persons.hukou_division_code']).toBe(6);
    const [{ left }] = await rows<{ left: number }>(
      t.owner,
      sql`select count(*)::int as left from households where division_code like ${`${town.code}%`}`,
    );
    expect(left).toBe(0);
    // A third run finds nothing to do and changes nothing.
    expect(await applyChange(t.deps, id)).toEqual(expected);
    const audits = await rows<{ n: number }>(
      t.owner,
      sql`select count(*)::int as n from audit_log where action = 'division_change.apply' and object_id = ${String(id)}`,
    );
    expect(audits[0].n).toBe(1);
  });

  it('a merge: 喻屯镇 joins 石桥镇, its villages keep their digits where free and the rest take free codes of their range', async () => {
    const yutun = '370811111';
    const shiqiao = '370811109';
    const ytClerk = await t.login({ roles: ['township_clerk'], divisionCode: yutun });
    const h = await household(ytClerk, '370811111200', ['喻合并', '屯合并']);
    const id = await record({ kind: 'merge', sources: [shiqiao, yutun], target: shiqiao, targetName: '石桥镇' });
    const map = (await admin.get(`/api/divisions/code-map?code=${yutun}&pageSize=200`)).json();
    expect(map.total).toBe(53);
    const to = Object.fromEntries(map.items.map((r: { oldCode: string; newCode: string }) => [r.oldCode, r.newCode]));
    expect(to[yutun]).toBe(shiqiao);
    expect(to['370811111235']).toBe('370811109235');
    expect(to['370811111200']).toBe('370811109236');
    // The household and the township clerk are 石桥镇's now.
    expect((await ytClerk.get('/api/auth/me')).json().divisionCode).toBe(shiqiao);
    const list = (await ytClerk.get('/api/households')).json();
    const mine = list.items.find((x: { id: number }) => x.id === h.id);
    expect(mine).toMatchObject({ divisionCode: '370811109236', divisionName: expect.stringContaining('石桥镇陈郭庄村村委会') });
    expect((await t.app.inject({ url: `/api/divisions/${yutun}` })).json()).toMatchObject({
      validTo: today,
      successors: [{ code: shiqiao }],
    });
    const change = (await admin.get('/api/divisions/changes?kind=merge')).json().items[0];
    expect(change).toMatchObject({ id, status: 'applied', counts: expect.objectContaining({ 'households.division_code': 1 }) });
  });

  it('a split moves whole villages: the named ones go to the new township, the others stay', async () => {
    // 微山县's first town: its first two villages become a new 街道.
    const towns = (await t.app.inject({ url: '/api/divisions/children?parent=370826' })).json();
    const town = towns.find((c: { name: string }) => c.name.endsWith('镇'));
    const villages = (await t.app.inject({ url: `/api/divisions/children?parent=${town.code}` })).json();
    const [a, b, stay] = villages.map((v: { code: string }) => v.code) as string[];
    const wsClerk = await t.login({ roles: ['township_clerk'], divisionCode: town.code });
    const moved = await household(wsClerk, a, ['微拆一', '微拆二']);
    const kept = await household(wsClerk, stay, ['微留一', '微留二']);
    await record({ kind: 'split', source: town.code, parts: [{ code: '370826090', name: '新设街道', villages: [a, b] }] });
    const all = (await admin.get(`/api/households?pageSize=200`)).json().items;
    expect(all.find((x: { id: number }) => x.id === moved.id).divisionCode).toBe(`370826090${a.slice(9)}`);
    expect(all.find((x: { id: number }) => x.id === kept.id).divisionCode).toBe(stay);
    const children = (await t.app.inject({ url: `/api/divisions/children?parent=${town.code}` })).json();
    expect(children).toHaveLength(villages.length - 2);
    const fresh = (await t.app.inject({ url: '/api/divisions/children?parent=370826090' })).json();
    expect(fresh.map((c: { code: string }) => c.code)).toEqual([`370826090${a.slice(9)}`, `370826090${b.slice(9)}`]);
    // The town itself stays (it keeps villages), and so does its clerk.
    expect((await wsClerk.get('/api/auth/me')).json().divisionCode).toBe(town.code);
  });

  it('a rename keeps the code: the records stay, their full names read the new name', async () => {
    const street = STREET;
    const id = await record({ kind: 'rename', code: street, newName: '长沟新街道' });
    const change = (await admin.get('/api/divisions/changes?kind=rename')).json().items[0];
    expect(change).toMatchObject({ id, status: 'applied', mapped: 0, counts: {} });
    const h = (await clerk.get('/api/households')).json().items.find((x: { id: number }) => x.id === householdId);
    expect(h).toMatchObject({ divisionCode: STREET_VILLAGE, divisionName: expect.stringContaining('长沟新街道长沟村村委会') });
    expect((await t.app.inject({ url: `/api/divisions/${street}` })).json()).toMatchObject({ name: '长沟新街道', validTo: null });
  });

  it('validation messages: a used code, a street’s range, a merge across parents, a missing 文号, one planned change per county', async () => {
    const post = (body: Record<string, unknown>) => admin.post('/api/divisions/changes', { ...common, ...body });
    const used = await post({ kind: 'recode', code: '370830102', newCode: '370830003', newName: '南旺街道' });
    expect(used.statusCode).toBe(400);
    expect(used.json().message).toBe('代码 370830003 已被使用（南站街道），区划代码不重复使用');
    const range = await post({ kind: 'recode', code: '370830102', newCode: '370830150', newName: '南旺街道' });
    expect(range.json().message).toBe('街道的代码第 7–9 位应在 001–099 之间（统计用区划代码），370830150 不符');
    const parents = await post({ kind: 'merge', sources: ['370830102', '370831102'], target: '370830102', targetName: '南旺镇' });
    expect(parents.json().message).toBe('合并的区划应属同一上级区划');
    const ended = await post({ kind: 'rename', code: TOWN, newName: '长沟镇' });
    expect(ended.json().message).toBe(`长沟镇（${TOWN}）已于 ${today} 撤销，不能再变更`);
    const noDoc = await post({ kind: 'rename', code: '370830102', newName: '南旺新镇', documentNo: '' });
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.json().details.fields).toEqual([
      expect.objectContaining({ field: 'documentNo', message: expect.stringContaining('请填写批准文号') }),
    ]);
    // A change dated later in 汶上县, then a second one there: refused until the first is applied.
    const later = `${addMonths(month, 6)}-01`;
    const planned = await post({ kind: 'rename', code: '370830102', newName: '南旺新镇', effectiveDate: later });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ status: 'planned', jobId: null });
    const second = await post({ kind: 'rename', code: '370830103', newName: '次邱新镇', effectiveDate: later });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/^该县（市、区）已有一项待生效的区划变更（#\d+），请待其生效后再登记$/);
    // On its date the timer's check starts it.
    await t.owner.execute(sql`update division_changes set effective_date = ${today} where id = ${planned.json().id}`);
    expect(await enqueueDueChanges(t.deps)).toEqual([planned.json().id]);
    await t.deps.jobs.drain();
    expect((await t.app.inject({ url: '/api/divisions/370830102' })).json()).toMatchObject({ name: '南旺新镇', validTo: null });
    expect((await admin.get('/api/divisions/changes?status=planned')).json().total).toBe(0);
    // Someone without the permission gets 403.
    expect((await clerk.post('/api/divisions/changes', { ...common, kind: 'rename', code: STREET, newName: '某街道' })).statusCode).toBe(
      403,
    );
  });
});
