/**
 * Dated divisions through the real routes and the real job (docs/rules.md "Dated divisions (区划变更)"):
 * a town made a street (撤镇设街) moves every live row, the clerk's own jurisdiction included, while the
 * approved roll keeps the old code; the job resumes after a crash; a merge, a split and a rename; the
 * messages a wrong change gets; the second administrator's 复核 (the recorder may not), 退回 and 作废.
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
/** The second administrator, who 复核 what `admin` records. */
let reviewer: Client;
let clerk: Client;
let approver: Client;
let county: Client;
let countyApprover: Client;
let householdId = 0;
let pendingCaseId = 0;
let approvedRollId = 0;
/** The change the recorder may not review, reviewed by the second administrator in the next test. */
let awaiting = 0;

const common = { effectiveDate: today, documentNo: '鲁政字〔2026〕18号', reason: '撤镇设街' };

interface Listed {
  id: number;
  status: string;
  version: number;
  recordedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  cancelReason: string | null;
  reviewRefusal: string | null;
  steps: { step: string; by: string | null; reason: string | null }[];
}

/** The change as `who` lists it. */
async function listed(who: Client, id: number): Promise<Listed> {
  const found = (await who.get('/api/divisions/changes?pageSize=100')).json<{ items: Listed[] }>().items.find((c) => c.id === id);
  expect(found).toBeDefined();
  return found!;
}

/** The second administrator's 复核通过 of the version they see. */
async function review(id: number, who = reviewer) {
  return who.post(`/api/divisions/changes/${id}/review`, { version: (await listed(who, id)).version });
}

/** Recorded by one administrator, reviewed by the other, the job run. */
async function record(body: Record<string, unknown>) {
  const res = await admin.post('/api/divisions/changes', { ...common, ...body });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ status: 'pending_review', jobId: null });
  const id = res.json<{ id: number }>().id;
  const reviewed = await review(id);
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  await t.deps.jobs.drain();
  return id;
}

/** The towns (…镇) of a county and a street code (0xx) nobody has used there. */
async function townsOf(county: string) {
  const children = (await t.app.inject({ url: `/api/divisions/children?parent=${county}` })).json<{ code: string; name: string }[]>();
  const [{ used }] = await rows<{ used: string[] }>(
    t.owner,
    sql`select coalesce(array_agg(code), '{}') as used from divisions where parent_code = ${county}`,
  );
  const free = [...Array(90).keys()].map((i) => `${county}0${String(89 - i).padStart(2, '0')}`).filter((c) => !used.includes(c));
  return { towns: children.filter((c) => c.name.endsWith('镇')), free };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login({ roles: ['city_admin'], divisionCode: '3708' });
  reviewer = await t.login({ roles: ['city_admin'], divisionCode: '3708' });
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
    // Recorded by one administrator, reviewed by another, then applied by the job.
    expect(change.steps.map((x: { step: string }) => x.step)).toEqual(['record', 'review', 'apply']);
    expect(change.reviewedBy).not.toBe(change.recordedBy);

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
    expect((await review(id)).statusCode).toBe(200);
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
    expect(planned.json()).toMatchObject({ status: 'pending_review', jobId: null });
    const waiting = await post({ kind: 'rename', code: '370830103', newName: '次邱新镇', effectiveDate: later });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().message).toMatch(/^该县（市、区）已有一项待复核的区划变更（#\d+），请待其生效或作废后再登记$/);
    const reviewed = await review(planned.json().id);
    expect(reviewed.json()).toMatchObject({ status: 'planned', jobId: null });
    const second = await post({ kind: 'rename', code: '370830103', newName: '次邱新镇', effectiveDate: later });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/^该县（市、区）已有一项待生效的区划变更（#\d+），请待其生效或作废后再登记$/);
    // A change not reviewed is never due; on its date the timer's check starts a reviewed one.
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

  it('the recorder cannot review their own change: 403 with the reason, the change stays 待复核 and applies nothing', async () => {
    const { towns } = await townsOf('370827');
    const town = towns[0];
    const res = await admin.post('/api/divisions/changes', { ...common, kind: 'rename', code: town.code, newName: '复核新镇' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending_review', jobId: null });
    const id = res.json().id as number;
    awaiting = id;
    await t.deps.jobs.drain();
    const mine = await listed(admin, id);
    expect(mine).toMatchObject({ status: 'pending_review', version: 1, reviewedBy: null });
    expect(mine.reviewRefusal).toBe('您登记了本项区划变更，按不相容岗位分离的规定，复核须由其他管理员办理');
    const own = await admin.post(`/api/divisions/changes/${id}/review`, { version: mine.version });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('您登记了本项区划变更，按不相容岗位分离的规定，复核须由其他管理员办理');
    const ownReturn = await admin.post(`/api/divisions/changes/${id}/return`, { version: mine.version, reason: '自己退回' });
    expect(ownReturn.statusCode).toBe(403);
    // Not reviewed: not due, the tree keeps the name.
    expect(await enqueueDueChanges(t.deps)).not.toContain(id);
    expect((await t.app.inject({ url: `/api/divisions/${town.code}` })).json()).toMatchObject({ name: town.name });
    expect((await listed(admin, id)).status).toBe('pending_review');
  });

  it('a second administrator’s review makes the change 待生效, and effective today the job applies it (已生效); a stale review is 409', async () => {
    // The change the recorder could not review (above).
    const { towns } = await townsOf('370827');
    const change = await listed(admin, awaiting);
    expect(change.status).toBe('pending_review');
    const seen = await listed(reviewer, change.id);
    expect(seen.reviewRefusal).toBeNull();
    const stale = await reviewer.post(`/api/divisions/changes/${change.id}/review`, { version: seen.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该区划变更已被他人处理，请刷新后查看最新状态');
    const ok = await reviewer.post(`/api/divisions/changes/${change.id}/review`, { version: seen.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'planned', jobId: expect.any(Number) });
    // The same step again: the change is no longer waiting for it.
    const again = await reviewer.post(`/api/divisions/changes/${change.id}/review`, { version: seen.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该区划变更当前状态为「待生效」，不能复核');
    await t.deps.jobs.drain();
    const done = await listed(admin, change.id);
    expect(done).toMatchObject({ status: 'applied', reviewedBy: expect.any(String), reviewedAt: expect.any(String) });
    expect(done.reviewedBy).not.toBe(done.recordedBy);
    expect(done.steps.map((x) => x.step)).toEqual(['record', 'review', 'apply']);
    expect((await t.app.inject({ url: `/api/divisions/${towns[0].code}` })).json()).toMatchObject({ name: '复核新镇' });
    // The audit says who did each step, in words.
    const audits = await rows<{ action: string }>(
      t.owner,
      sql`select action from audit_log where object_type = 'division_change' and object_id = ${String(change.id)} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['division_change.record', 'division_change.review', 'division_change.apply']);
  });

  it('作废 after the change applied is 409: a change that took effect is undone by recording the reverse change', async () => {
    const applied = (await admin.get('/api/divisions/changes?status=applied&pageSize=1')).json<{ items: Listed[] }>().items[0];
    const res = await admin.post(`/api/divisions/changes/${applied.id}/cancel`, { version: applied.version, reason: '登记有误' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该区划变更已生效，不能作废；如需恢复，请登记一项相反的区划变更（改回原代码、原名称或原隶属）');
    expect((await listed(admin, applied.id)).status).toBe('applied');
  });

  it('退回 with a reason: the change is 已作废 with the reviewer’s reason, and the county may record again', async () => {
    const { towns } = await townsOf('370828');
    const later = `${addMonths(month, 4)}-01`;
    const res = await admin.post('/api/divisions/changes', {
      ...common,
      effectiveDate: later,
      kind: 'rename',
      code: towns[0].code,
      newName: '退回新镇',
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    const { version } = await listed(reviewer, id);
    const noReason = await reviewer.post(`/api/divisions/changes/${id}/return`, { version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields).toEqual([
      expect.objectContaining({ field: 'reason', message: expect.stringContaining('请填写原因') }),
    ]);
    const back = await reviewer.post(`/api/divisions/changes/${id}/return`, { version, reason: '批准文号与批复不符' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'cancelled', jobId: null });
    const seen = await listed(admin, id);
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: '批准文号与批复不符', reviewedBy: expect.any(String) });
    expect(seen.steps.map((x) => [x.step, x.reason])).toEqual([
      ['record', null],
      ['return', '批准文号与批复不符'],
    ]);
    expect((await admin.get('/api/divisions/changes?status=cancelled')).json().items.map((c: Listed) => c.id)).toContain(id);
    // Not due on its date, and the county is free for the corrected change.
    await t.owner.execute(sql`update division_changes set effective_date = ${today} where id = ${id}`);
    expect(await enqueueDueChanges(t.deps)).not.toContain(id);
    const again = await admin.post('/api/divisions/changes', {
      ...common,
      effectiveDate: later,
      kind: 'rename',
      code: towns[0].code,
      newName: '退回新镇',
    });
    expect(again.statusCode, again.body).toBe(200);
    const cancel = await admin.post(`/api/divisions/changes/${again.json().id}/cancel`, { version: 1, reason: '测试完毕作废' });
    expect(cancel.statusCode, cancel.body).toBe(200);
  });

  it('作废 with a reason, in 待复核 and in 待生效: a cancelled change frees its codes, a waiting one reserves them', async () => {
    const { towns, free } = await townsOf('370829');
    const [a, b] = towns;
    const code = free[0];
    const later = `${addMonths(month, 5)}-01`;
    const recode = (town: { code: string; name: string }) =>
      admin.post('/api/divisions/changes', {
        ...common,
        effectiveDate: later,
        kind: 'recode',
        code: town.code,
        newCode: code,
        newName: town.name.replace(/镇$/, '街道'),
      });
    const first = await recode(a);
    expect(first.statusCode, first.body).toBe(200);
    const id = first.json().id as number;
    // 待复核 already holds the code.
    const taken = await recode(b);
    expect(taken.statusCode).toBe(400);
    expect(taken.json().message).toBe(`代码 ${code} 已由一项待复核或待生效的变更使用`);
    // A stale 作废, one without a reason, then the recorder's own correction.
    expect((await admin.post(`/api/divisions/changes/${id}/cancel`, { version: 0, reason: '代码填错' })).statusCode).toBe(409);
    expect((await admin.post(`/api/divisions/changes/${id}/cancel`, { version: 1, reason: '' })).statusCode).toBe(400);
    const cancelled = await admin.post(`/api/divisions/changes/${id}/cancel`, { version: 1, reason: '代码填错' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await listed(admin, id)).toMatchObject({ status: 'cancelled', cancelReason: '代码填错', reviewedBy: null });
    const twice = await reviewer.post(`/api/divisions/changes/${id}/cancel`, { version: 2, reason: '再作废' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('该区划变更当前状态为「已作废」，不能作废');
    // The code is free again; the mapping table leaves the cancelled change out.
    const second = await recode(b);
    expect(second.statusCode, second.body).toBe(200);
    const map = (await admin.get(`/api/divisions/code-map?code=${code}`)).json<{ items: { changeId: number; status: string }[] }>();
    expect(map.items.map((r) => r.changeId)).not.toContain(id);
    expect(map.items[0]).toMatchObject({ changeId: second.json().id, status: 'pending_review' });
    // Reviewed (dated later: 待生效), then cancelled by the other administrator: nothing applies on the date.
    const sid = second.json().id as number;
    expect((await review(sid)).json()).toMatchObject({ status: 'planned', jobId: null });
    const { version } = await listed(admin, sid);
    const withdrawn = await reviewer.post(`/api/divisions/changes/${sid}/cancel`, { version, reason: '批复撤回' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const seen = await listed(admin, sid);
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: '批复撤回' });
    expect(seen.steps.map((x) => x.step)).toEqual(['record', 'review', 'cancel']);
    await t.owner.execute(sql`update division_changes set effective_date = ${today} where id = ${sid}`);
    expect(await enqueueDueChanges(t.deps)).not.toContain(sid);
    expect((await t.app.inject({ url: `/api/divisions/${b.code}` })).json()).toMatchObject({ name: b.name, validTo: null });
    // An unknown change is 404, as one outside the jurisdiction.
    expect((await reviewer.post('/api/divisions/changes/987654321/review', { version: 1 })).statusCode).toBe(404);
  });
});
