/**
 * 志愿服务 registration on both engines (docs/rules.md "Volunteers (志愿服务)"): who may register (18 and
 * over alone; 14 to 18 with the recorded consent of a guardian the registry knows; under 14, the dead and
 * those whose hukou moved out not at all), the volunteer number (the platform's, unique, never the ID
 * number), the scope (another township's volunteer is a 404; a team's staff see their team's and its
 * sub-teams' volunteers only), the list's filters and its export, a correction against the version, 注销
 * with a reason, the resident's own registration on the portal, the registry's death and hukou move out
 * of the city (and their undoing) reaching the record, and the roster import (花名册导入).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { addDays, shanghaiToday } from '../../../shared/dates.js';
import { creditCodeCheckChar } from '../../../shared/validation/credit-code.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { importHeaders } from '../../../shared/volunteers/codes.js';
import { FACTS_CHANGED } from '../registry/events.js';
import { answerVolunteerDeath, answerVolunteerHukouMoves } from './life.js';
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

describe('the registry’s life events', () => {
  const detail = async (id: number) => (await clerk.get(`/api/volunteers/${id}`)).json();
  const audited = async (id: number) =>
    (
      await rows<{ action: string }>(
        t.deps.database.db,
        sql`select action from audit_log where object_type = 'volunteer' and object_id = ${String(id)} order by id`,
      )
    ).map((a) => a.action);

  it('a death ends the registration from the date of death with the Chinese reason shown on the record; a revoked death restores it', async () => {
    const b = await household(clerk, places.renchengVillageA, ['志辞世'], [turning(52)]);
    ids['志辞世'] = b.members[0].id;
    const id = await registered(clerk, '志辞世');
    const diedOn = addDays(today, -2);
    const died = await clerk.post(`/api/persons/${ids['志辞世']}/death`, { diedOn });
    expect(died.statusCode, died.body).toBe(200);
    await t.deps.jobs.drain();
    const d = await detail(id);
    expect(d).toMatchObject({
      status: 'deregistered',
      statusName: '注销',
      deregisteredOn: diedOn,
      deregisterReason: '本人去世（人口库登记）',
    });
    expect(d.history.at(-1)).toMatchObject({
      actionName: '注销（本人去世）',
      actorName: '平台（人口库死亡登记）',
      reason: '本人去世（人口库登记）',
    });
    expect(await audited(id)).toEqual(['volunteer.register', 'volunteer.death']);
    // Idempotent: the event answered again changes nothing.
    expect(await answerVolunteerDeath(t.deps, ids['志辞世'], diedOn)).toEqual({ changed: 0 });
    expect((await detail(id)).history).toHaveLength(d.history.length);

    const revoked = await clerk.post(`/api/persons/${ids['志辞世']}/death/revoke`, { reason: '死亡登记有误' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await t.deps.jobs.drain();
    const back = await detail(id);
    expect(back).toMatchObject({ statusName: '在册', deregisteredOn: null, deregisterReason: null, volunteerNo: d.volunteerNo });
    expect(back.history.at(-1)).toMatchObject({ actionName: '恢复在册（人口库撤销死亡登记）', actorName: '平台（人口库撤销死亡登记）' });
    expect(await audited(id)).toEqual(['volunteer.register', 'volunteer.death', 'volunteer.death_revoked']);
    expect(await answerVolunteerDeath(t.deps, ids['志辞世'], null)).toEqual({ changed: 0 });
  });

  it('a revoked death does not restore a volunteer who had 注销 of their own wish before', async () => {
    const b = await household(clerk, places.renchengVillageA, ['志退出'], [turning(48)]);
    ids['志退出'] = b.members[0].id;
    const id = await registered(clerk, '志退出');
    const off = await clerk.post(`/api/volunteers/${id}/deregister`, { version: 1, reason: '本人申请退出' });
    expect(off.statusCode, off.body).toBe(200);
    expect((await clerk.post(`/api/persons/${ids['志退出']}/death`, { diedOn: today })).statusCode).toBe(200);
    await t.deps.jobs.drain();
    expect((await clerk.post(`/api/persons/${ids['志退出']}/death/revoke`, { reason: '死亡登记有误' })).statusCode).toBe(200);
    await t.deps.jobs.drain();
    expect(await detail(id)).toMatchObject({ statusName: '注销', deregisterReason: '本人申请退出' });
    expect(await audited(id)).toEqual(['volunteer.register', 'volunteer.deregister']);
  });

  it('a hukou moved out of the city ends the registration, and a move back in restores it', async () => {
    const b = await household(clerk, places.renchengVillageA, ['志外迁'], [turning(38)]);
    ids['志外迁'] = b.members[0].id;
    const id = await registered(clerk, '志外迁');
    const out = await clerk.post(`/api/persons/${ids['志外迁']}/hukou-move`, { direction: 'out', movedOn: today, toPlace: '江苏省南京市' });
    expect(out.statusCode, out.body).toBe(200);
    await t.deps.jobs.drain();
    const d = await detail(id);
    expect(d).toMatchObject({ statusName: '注销', deregisteredOn: today, deregisterReason: '户口迁出本市（人口库登记）' });
    expect(d.history.at(-1)).toMatchObject({ actionName: '注销（户口迁出本市）', actorName: '平台（人口库户口迁出登记）' });
    // Idempotent: answered again, or another fact of the same persons changed, nothing moves.
    expect(await answerVolunteerHukouMoves(t.deps, [ids['志外迁'], ids['志成年']])).toEqual({ changed: 0 });
    await t.deps.jobs.publishInTx(t.deps.database.db, FACTS_CHANGED, { personIds: [ids['志外迁'], ids['志成年']] }, null);
    await t.deps.jobs.drain();
    expect((await detail(id)).history).toHaveLength(d.history.length);

    const back = await clerk.post(`/api/persons/${ids['志外迁']}/hukou-move`, {
      direction: 'in',
      movedOn: today,
      toDivisionCode: places.renchengVillageA,
      fromPlace: '江苏省南京市',
    });
    expect(back.statusCode, back.body).toBe(200);
    await t.deps.jobs.drain();
    const restored = await detail(id);
    expect(restored).toMatchObject({ statusName: '在册', deregisteredOn: null, deregisterReason: null });
    expect(restored.history.at(-1)).toMatchObject({ actionName: '恢复在册（户口迁回本市）', actorName: '平台（人口库户口迁入登记）' });
    expect(await audited(id)).toEqual(['volunteer.register', 'volunteer.hukou_moved_out', 'volunteer.hukou_moved_in']);
    expect(await answerVolunteerHukouMoves(t.deps, [ids['志外迁']])).toEqual({ changed: 0 });
  });
});

describe('roster import (花名册导入)', () => {
  async function workbook(data: (string | null)[][], headers: string[] = [...importHeaders]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('志愿者花名册');
    ws.addRow(headers);
    for (const r of data) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function upload(content: Buffer) {
    const boundary = '----jimin' + Math.random().toString(16).slice(2);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return clerk.inject({
      method: 'POST',
      url: '/api/volunteers/import',
      payload: Buffer.concat([head, content, tail]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  const statusOf = async (name: string) =>
    (await clerk.get(`/api/volunteers?name=${encodeURIComponent(name)}`)).json().items.find((r: { name: string }) => r.name === name);

  beforeAll(async () => {
    const b = await household(clerk, places.renchengVillageA, ['导入甲', '导入乙', '导入少年'], [turning(31), turning(42), turning(16)]);
    b.members.forEach((m, i) => {
      ids[m.name] = m.id;
      idNumbers[m.name] = b.idNumbers[i];
    });
  });

  it('gives a template with the ID number as text and a sheet of the villages and communities', async () => {
    const res = await clerk.get('/api/volunteers/import-template');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...importHeaders]);
    expect(book.worksheets[0].getColumn(1).numFmt).toBe('@');
    const codes: string[] = [];
    book.getWorksheet('村（社区）代码')!.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes).toContain(places.renchengVillageA);
    expect(codes).not.toContain(places.renchengVillageB);
  });

  it('a roster with two bad rows shows both rows and their messages and registers nothing', async () => {
    const stranger = generateResidentId({ addressCode: '370811', birthDate: '1961-07-13', seq: 987 });
    const res = await upload(
      await workbook([
        [idNumbers['导入甲'], '社区服务、扶老助残', '周末', '急救', places.renchengVillageA],
        [stranger, '社区服务', '周末', null, places.renchengVillageA],
        [idNumbers['导入少年'], '关爱儿童', '节假日', null, places.renchengVillageA],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      registered: 0,
      errors: [
        { row: 3, message: '第 3 行：人口库中没有该身份证号的人员，请先在人口库登记' },
        { row: 4, message: '第 4 行：未满 18 周岁须经监护人同意，不能通过花名册导入：请由监护人陪同到窗口登记' },
      ],
    });
    expect(await statusOf('导入甲')).toBeUndefined();
  });

  it('names each bad cell of a row, a duplicate row and a volunteer already 在册', async () => {
    const res = await upload(
      await workbook([
        [idNumbers['导入甲'], '唱歌', null, null, places.renchengVillageB],
        [idNumbers['导入甲'], '社区服务', '周末', null, places.renchengVillageA],
        [idNumbers['志成年'], '社区服务', '周末', null, places.renchengVillageA],
      ]),
    );
    const errors = res.json().errors.map((e: { message: string }) => e.message);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('服务类别「唱歌」不存在');
    expect(errors[0]).toContain('可服务时间为必填项');
    expect(errors[0]).toContain('不在您的管辖范围内');
    expect(errors[1]).toBe('第 3 行：身份证号与第 2 行重复');
    expect(errors[2]).toMatch(/^第 4 行：该人员已是在册志愿者（志愿者编号 ZY\d{10}）/);
  });

  it('a good roster registers every row with source 导入, each with its history, and one audit row for the import', async () => {
    const res = await upload(
      await workbook([
        [idNumbers['导入甲'], '社区服务、扶老助残', '周末、节假日', '急救、书法', places.renchengVillageA],
        [idNumbers['导入乙'].toLowerCase(), '应急救援', '时间灵活', null, places.renchengVillageA],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 2, registered: 2, errors: [] });
    for (const name of ['导入甲', '导入乙']) {
      const row = await statusOf(name);
      expect(row).toMatchObject({ statusName: '在册', source: 'import', sourceName: '批量导入' });
      const d = (await clerk.get(`/api/volunteers/${row.id}`)).json();
      expect(d.history).toEqual([expect.objectContaining({ actionName: '注册', changes: ['登记渠道：批量导入'] })]);
    }
    expect((await statusOf('导入甲')).categoryNames).toEqual(['社区服务', '扶老助残']);
    expect((await statusOf('导入甲')).skills).toEqual(['急救', '书法']);
    const [audited] = await rows<{ details: { rows: number }; n: number }>(
      t.deps.database.db,
      sql`select details, (select count(*)::int from audit_log where action = 'volunteer.import') as n from audit_log
        where action = 'volunteer.import' order by id desc limit 1`,
    );
    expect(audited).toEqual({ details: { rows: 2 }, n: 1 });
    const perRecord = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from audit_log where action = 'volunteer.register'
        and object_id in (select id::text from volunteers where source = 'import')`,
    );
    expect(perRecord[0].n).toBe(0);
  });
});
