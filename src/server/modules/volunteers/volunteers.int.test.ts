/**
 * 志愿服务 registration on both engines (docs/rules.md "Volunteers (志愿服务)"): who may register (18 and
 * over alone; 14 to 18 with the recorded consent of a guardian the registry knows; under 14, the dead and
 * those whose hukou moved out not at all), the volunteer number (the platform's, unique, never the ID
 * number), the scope (another township's volunteer is a 404; a team's staff see their team's and its
 * sub-teams' volunteers only), the list's filters and its export, a correction against the version, 注销
 * with a reason, and the resident's own registration on the portal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { addDays, shanghaiToday } from '../../../shared/dates.js';
import { creditCodeCheckChar } from '../../../shared/validation/credit-code.js';
import { caseHelpers } from '../assistance/testing.js';

let t: TestApp;
let clerk: Client;
let clerkB: Client;
let admin: Client;
const today = shanghaiToday();
/** The birth date of someone who turns `years` today (so is exactly `years` old). */
const turning = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`;
const { household } = caseHelpers(() => t, 610);
const ids: Record<string, number> = {};
const idNumbers: Record<string, string> = {};

const choices = { skills: ['急救', '书法'], categories: ['community', 'elderly_disabled'], availableTimes: ['weekend'] };
const register = (client: Client, name: string, extra: Record<string, unknown> = {}) =>
  client.post('/api/volunteers', { personId: ids[name], divisionCode: places.renchengVillageA, ...choices, ...extra });

async function registered(client: Client, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await register(client, name, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: number }>().id;
}

async function team(name: string, parentId: number | null, seq: number): Promise<number> {
  const base = `12370800MB${String(seq).padStart(7, '0')}`;
  const res = await admin.post(
    '/api/organisations',
    parentId
      ? { name, parentId, divisionCode: places.renchengTownshipA }
      : { name, creditCode: base + creditCodeCheckChar(base), legalType: 'social_group', divisionCode: places.renchengTownshipA },
  );
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json<{ id: number }>().id;
  const role = await admin.post(`/api/organisations/${id}/roles`, { role: 'volunteer_organisation', fromDate: today });
  expect(role.statusCode, role.body).toBe(200);
  return id;
}

async function guardianOf(minor: string, guardian: string, kind = 'guardian') {
  const res = await clerk.post(`/api/persons/${ids[minor]}/relations`, {
    kind,
    relatedPersonId: ids[guardian],
    since: addDays(today, -30),
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  const names = ['志成年', '志监护', '志十五', '志十三', '志十四', '志邻居', '志已故', '志迁出', '志居民'];
  const births = [
    turning(30),
    turning(45),
    turning(15),
    addDays(turning(14), 1),
    turning(14),
    turning(40),
    turning(60),
    turning(35),
    turning(25),
  ];
  const a = await household(clerk, places.renchengVillageA, names, births);
  a.members.forEach((m, i) => {
    ids[m.name] = m.id;
    idNumbers[m.name] = a.idNumbers[i];
  });
  const b = await household(clerkB, places.renchengVillageB, ['志乙镇'], [turning(28)]);
  ids['志乙镇'] = b.members[0].id;
  await guardianOf('志十五', '志监护');
  await guardianOf('志十四', '志监护', 'parent');
  const died = await clerk.post(`/api/persons/${ids['志已故']}/death`, { diedOn: addDays(today, -3) });
  expect(died.statusCode, died.body).toBe(200);
  const out = await clerk.post(`/api/persons/${ids['志迁出']}/hukou-move`, { direction: 'out', movedOn: today, toPlace: '江苏省南京市' });
  expect(out.statusCode, out.body).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

describe('who may register', () => {
  it('registers an adult alone and gives a volunteer number that is not the ID number', async () => {
    const id = await registered(clerk, '志成年');
    const d = (await clerk.get(`/api/volunteers/${id}`)).json();
    expect(d.volunteerNo).toMatch(/^ZY\d{10}$/);
    expect(d.volunteerNo).not.toContain(idNumbers['志成年']);
    expect(d.volunteerNo.slice(2)).not.toBe(idNumbers['志成年'].slice(-10));
    expect(d).toMatchObject({ name: '志成年', statusName: '在册', sourceName: '窗口登记', registeredOn: today, consent: null });
    expect(d.categoryNames).toEqual(['社区服务', '扶老助残']);
    expect(d.idNumber).toMatch(/\*/);
    expect(d.history.map((h: { actionName: string }) => h.actionName)).toEqual(['注册']);
  });

  it('gives every volunteer a different number', async () => {
    const other = await registered(clerk, '志邻居');
    const found = await rows<{ n: number | string; d: number | string }>(
      t.deps.database.db,
      sql`select count(*) as n, count(distinct volunteer_no) as d from volunteers`,
    );
    expect(Number(found[0].n)).toBe(Number(found[0].d));
    expect((await clerk.get(`/api/volunteers/${other}`)).json().volunteerNo).toMatch(/^ZY\d{10}$/);
  });

  it('refuses to register the same person twice', async () => {
    const res = await register(clerk, '志成年');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/已是在册志愿者（志愿者编号 ZY\d{10}）/);
  });

  it('refuses a minor of 14 to 18 without a guardian’s consent', async () => {
    const res = await register(clerk, '志十五');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('未满 18 周岁须经监护人同意');
  });

  it('refuses a consent given by someone who is not the minor’s guardian', async () => {
    const res = await register(clerk, '志十五', { consent: { guardianPersonId: ids['志邻居'], method: 'written', consentedOn: today } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('所选人员不是该未成年人的监护人');
  });

  it('registers a minor of 15 with the guardian’s consent and shows who consented, how and when', async () => {
    const pre = (await clerk.get(`/api/volunteers/prefill?personId=${ids['志十五']}`)).json();
    expect(pre).toMatchObject({
      ageRule: 'guardian_consent',
      refusal: null,
      guardians: [{ personId: ids['志监护'], name: '志监护', kindName: '监护人' }],
    });
    const id = await registered(clerk, '志十五', { consent: { guardianPersonId: ids['志监护'], method: 'on_site', consentedOn: today } });
    const d = (await clerk.get(`/api/volunteers/${id}`)).json();
    expect(d.consent).toEqual({
      guardianPersonId: ids['志监护'],
      guardianName: '志监护',
      method: 'on_site',
      methodName: '现场同意',
      consentedOn: today,
    });
    expect(d.history[0].changes).toContain(`监护人现场同意（${today}）`);
  });

  it('registers a minor on their 14th birthday with a parent’s written consent', async () => {
    const id = await registered(clerk, '志十四', { consent: { guardianPersonId: ids['志监护'], method: 'written', consentedOn: today } });
    expect((await clerk.get(`/api/volunteers/${id}`)).json().consent.methodName).toBe('书面同意');
  });

  it('refuses a child the day before their 14th birthday', async () => {
    const res = await register(clerk, '志十三', { consent: { guardianPersonId: ids['志监护'], method: 'written', consentedOn: today } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('未满 14 周岁，不能注册为志愿者（该人员 13 周岁）');
  });

  it('refuses a dead person and one whose hukou moved out of the city', async () => {
    const dead = await register(clerk, '志已故');
    expect(dead.statusCode).toBe(409);
    expect(dead.json().message).toContain('登记死亡，不能注册为志愿者');
    const gone = await register(clerk, '志迁出');
    expect(gone.statusCode).toBe(409);
    expect(gone.json().message).toContain('户口已于');
    expect(gone.json().message).toContain('迁出本市');
  });

  it('names the field when the form is incomplete', async () => {
    const res = await clerk.post('/api/volunteers', {
      personId: ids['志居民'],
      divisionCode: places.renchengVillageA,
      categories: [],
      availableTimes: ['weekend'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请至少选择一个服务类别');
  });
});

describe('scope', () => {
  it('answers 404 to a township user of another township, for reading and writing', async () => {
    const id = (await clerk.get(`/api/volunteers?name=${encodeURIComponent('志成年')}`)).json().items[0].id;
    expect((await clerkB.get(`/api/volunteers/${id}`)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/volunteers/${id}/deregister`, { version: 1, reason: '越权注销' })).statusCode).toBe(404);
    expect((await clerkB.patch(`/api/volunteers/${id}`, { version: 1, skills: ['越权'] })).statusCode).toBe(404);
    expect((await clerkB.get('/api/volunteers')).json().items.map((r: { name: string }) => r.name)).not.toContain('志成年');
  });

  it('refuses a residence outside the registering user’s jurisdiction', async () => {
    const res = await clerk.post('/api/volunteers', { personId: ids['志居民'], ...choices, divisionCode: places.renchengVillageB });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('所选行政区划不在您的管辖范围内');
  });

  it('shows a team’s staff the volunteers of its sub-teams but not another organisation’s', async () => {
    const parent = await team('济宁市任城区志愿者协会', null, 701);
    const child = await team('许庄街道志愿服务队', parent, 702);
    const other = await team('其他志愿服务组织', null, 703);
    const b = await household(clerk, places.renchengVillageA, ['队员甲', '队员乙'], [turning(33), turning(34)]);
    ids['队员甲'] = b.members[0].id;
    ids['队员乙'] = b.members[1].id;
    const mine = await registered(clerk, '队员甲', { organisationId: child });
    const theirs = await registered(clerk, '队员乙', { organisationId: other });
    const staff = await t.login({ roles: ['org_staff'], divisionCode: places.city, organisationId: parent });
    const list = (await staff.get('/api/volunteers')).json();
    expect(list.items.map((r: { name: string }) => r.name)).toEqual(['队员甲']);
    expect(list.total).toBe(1);
    expect((await staff.get(`/api/volunteers/${mine}`)).json().organisationName).toBe('许庄街道志愿服务队');
    expect((await staff.get(`/api/volunteers/${theirs}`)).statusCode).toBe(404);
    const teams = (await staff.get('/api/volunteers/teams')).json().map((o: { name: string }) => o.name);
    expect(teams.sort()).toEqual(['济宁市任城区志愿者协会', '许庄街道志愿服务队'].sort());
  });

  it('refuses a team that is not a volunteer organisation', async () => {
    const base = '12370800MB0000704';
    const res = await admin.post('/api/organisations', {
      name: '非志愿组织',
      creditCode: base + creditCodeCheckChar(base),
      legalType: 'social_group',
      divisionCode: places.renchengTownshipA,
    });
    const reg = await register(clerk, '志居民', { organisationId: res.json().id });
    expect(reg.statusCode).toBe(400);
    expect(reg.body).toContain('所选组织不是状态正常的志愿服务组织');
  });
});

describe('list and export', () => {
  it('filters by name, category, status and registration date', async () => {
    const q = async (query: string) =>
      (await clerk.get(`/api/volunteers?pageSize=200&${query}`)).json().items.map((r: { name: string }) => r.name);
    expect(await q(`name=${encodeURIComponent('志十')}`)).toEqual(expect.arrayContaining(['志十五', '志十四']));
    expect(await q('category=children')).toEqual([]);
    expect(await q(`registeredFrom=${addDays(today, 1)}`)).toEqual([]);
    expect((await q(`registeredFrom=${today}&registeredTo=${today}&status=registered`)).length).toBeGreaterThanOrEqual(5);
    expect(await q(`divisionCode=${places.renchengTownshipB}`)).toEqual([]);
  });

  it('pages the list', async () => {
    const first = (await clerk.get('/api/volunteers?pageSize=2&page=1')).json();
    const second = (await clerk.get('/api/volunteers?pageSize=2&page=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('exports every row of the filter', async () => {
    const filter = `name=${encodeURIComponent('志')}&status=registered`;
    const list = (await clerk.get(`/api/volunteers?pageSize=200&${filter}`)).json();
    const res = await clerk.get(`/api/volunteers/export?${filter}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('志愿者编号');
    const numbers: string[] = [];
    sheet.eachRow((row, n) => n > 1 && numbers.push(String(row.getCell(1).value)));
    expect(numbers.sort()).toEqual(list.items.map((r: { volunteerNo: string }) => r.volunteerNo).sort());
    expect(numbers.length).toBe(list.total);
    const [audited] = await rows<{ details: { count: number } }>(
      t.deps.database.db,
      sql`select details from audit_log where action = 'volunteer.export' order by id desc limit 1`,
    );
    expect(audited.details.count).toBe(list.total);
  });
});

describe('correcting and 注销', () => {
  it('corrects the choices against the version the user saw', async () => {
    const id = (await clerk.get(`/api/volunteers?name=${encodeURIComponent('志邻居')}`)).json().items[0].id;
    const d = (await clerk.get(`/api/volunteers/${id}`)).json();
    const res = await clerk.patch(`/api/volunteers/${id}`, { version: d.version, categories: ['community', 'legal'], reason: '本人申请' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().categoryNames).toEqual(['社区服务', '法律服务']);
    expect(res.json().history.at(-1)).toMatchObject({
      actionName: '更正信息',
      reason: '本人申请',
      changes: ['服务类别：社区服务、扶老助残 → 社区服务、法律服务'],
    });
    const moved = await clerk.patch(`/api/volunteers/${id}`, { version: res.json().version, divisionCode: '370811002003' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().history.at(-1).changes[0]).toMatch(/^居住地（村、社区）：.*航运新村居委会 → .*颂运水庭社区居民委员会$/);
    expect(moved.json().history.at(-1).changes[0]).not.toContain('370811');
    const stale = await clerk.patch(`/api/volunteers/${id}`, { version: d.version, skills: ['摄影'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
  });

  it('needs a reason to 注销, then shows 注销 with its reason and date', async () => {
    const id = (await clerk.get(`/api/volunteers?name=${encodeURIComponent('志邻居')}`)).json().items[0].id;
    const d = (await clerk.get(`/api/volunteers/${id}`)).json();
    const bare = await clerk.post(`/api/volunteers/${id}/deregister`, { version: d.version });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('请填写注销原因');
    const res = await clerk.post(`/api/volunteers/${id}/deregister`, { version: d.version, reason: '本人申请退出' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ statusName: '注销', deregisteredOn: today, deregisterReason: '本人申请退出' });
  });

  it('keeps the volunteer number when a 注销 volunteer registers again', async () => {
    const before = (await clerk.get(`/api/volunteers?name=${encodeURIComponent('志邻居')}`)).json().items[0];
    const id = await registered(clerk, '志邻居');
    expect(id).toBe(before.id);
    const d = (await clerk.get(`/api/volunteers/${id}`)).json();
    expect(d).toMatchObject({ volunteerNo: before.volunteerNo, statusName: '在册', deregisteredOn: null });
    expect(d.history.map((h: { actionName: string }) => h.actionName)).toEqual(['注册', '更正信息', '更正信息', '注销', '重新注册']);
  });

  it('writes no personal data into the audit rows', async () => {
    const found = await rows<{ details: unknown }>(t.deps.database.db, sql`select details from audit_log where action like 'volunteer.%'`);
    const text = JSON.stringify(found);
    for (const name of ['志成年', '志十五', '志邻居', '本人申请退出', '急救']) expect(text).not.toContain(name);
    for (const n of Object.values(idNumbers)) expect(text).not.toContain(n);
  });
});

describe('the portal', () => {
  it('lets a resident register themselves and shows their volunteer number', async () => {
    const resident = await t.loginResident({ personId: ids['志居民'], divisionCode: places.renchengVillageA });
    const before = (await resident.get('/api/portal/volunteer')).json();
    expect(before).toMatchObject({
      volunteer: null,
      prefill: { name: '志居民', ageRule: 'alone', refusal: null, divisionCode: places.renchengVillageA },
    });
    const res = await resident.post('/api/portal/volunteer', { ...choices, divisionCode: places.renchengVillageA });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().volunteer).toMatchObject({ name: '志居民', statusName: '在册', sourceName: '居民门户自助注册' });
    expect(res.json().volunteer.volunteerNo).toMatch(/^ZY\d{10}$/);
    expect((await resident.post('/api/portal/volunteer', { ...choices, divisionCode: places.renchengVillageA })).statusCode).toBe(409);
  });

  it('sends a minor to a window, where the guardian’s consent is recorded', async () => {
    const b = await household(clerk, places.renchengVillageA, ['门户少年'], [turning(16)]);
    const resident = await t.loginResident({ personId: b.members[0].id, divisionCode: places.renchengVillageA });
    const me = (await resident.get('/api/portal/volunteer')).json();
    expect(me.prefill.refusal).toContain('须由监护人陪同');
    const res = await resident.post('/api/portal/volunteer', { ...choices, divisionCode: places.renchengVillageA });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('须由监护人陪同');
  });

  it('refuses a staff account on the portal route and a resident on the staff routes', async () => {
    expect((await clerk.get('/api/portal/volunteer')).statusCode).toBe(403);
    const resident = await t.loginResident({ personId: ids['志居民'], divisionCode: places.renchengVillageA });
    expect((await resident.get('/api/volunteers')).statusCode).toBe(403);
  });
});
