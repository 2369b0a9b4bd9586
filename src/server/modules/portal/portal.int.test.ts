import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { SESSION_COOKIE } from '../../platform/auth/session.js';

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

describe('resident portal', () => {
  it('a resident signs up with a code from the outbox, logs in with the ID number and sees only their own household', async () => {
    const me = generateResidentId({ addressCode: '370811', birthDate: '1979-09-09', seq: 901 });
    const spouse = generateResidentId({ addressCode: '370811', birthDate: '1980-10-10', seq: 902 });
    const household = (
      await clerk.post('/api/households', {
        divisionCode: places.renchengVillageA,
        address: '航运新村 9 号',
        members: [
          { relation: 'head', person: { name: '居民甲', idNumber: me, hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' } },
          {
            relation: 'spouse',
            person: { name: '居民乙', idNumber: spouse, hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' },
          },
        ],
      })
    ).json();
    await clerk.post('/api/benefits', {
      personId: household.members[1].id,
      type: 'dibao',
      monthlyAmountFen: 92400,
      startMonth: '2026-01',
      source: 'manual',
    });
    const other = (
      await clerk.post('/api/persons', {
        name: '邻居丙',
        idNumber: generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 903 }),
        hukouDivisionCode: places.renchengVillageA,
        hukouType: 'urban',
      })
    ).json();

    const start = await t.client().post('/api/portal/signup', {
      name: '居民甲',
      idNumber: me,
      phone: '13700001234',
      password: 'Resident-Pass-2026',
      hukouDivisionCode: places.renchengVillageA,
      hukouType: 'urban',
    });
    expect(start.statusCode).toBe(200);
    const outbox = (await admin.get('/api/outbox')).json();
    expect(outbox.items[0].recipientMasked).toBe('137****1234');
    const code = outbox.items[0].body.match(/\d{6}/)[0];
    const wrong = await t
      .client()
      .post('/api/portal/signup/confirm', { signupId: start.json().signupId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await t.client().post('/api/portal/signup/confirm', { signupId: start.json().signupId, code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().me.kind).toBe('resident');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: me.toLowerCase(), password: 'Resident-Pass-2026' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = `${SESSION_COOKIE}=${login.cookies[0].value}`;
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const mine = (await get('/api/portal/me')).json();
    expect(mine.person.name).toBe('居民甲');
    expect(mine.members.map((m: { name: string }) => m.name).sort()).toEqual(['居民乙', '居民甲']);
    expect(mine.benefits).toEqual([expect.objectContaining({ personName: '居民乙', monthlyAmountFen: 92400 })]);
    expect((await get('/api/persons')).statusCode).toBe(403);
    expect((await get(`/api/persons/${other.id}`)).statusCode).toBe(403);
  });

  it('refuses a sign-up with an invalid ID number or a weak password, naming the field', async () => {
    const bad = await t
      .client()
      .post('/api/portal/signup', { name: '某', idNumber: '370811197909091234', phone: '13700001234', password: 'Resident-Pass-2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].field).toBe('idNumber');
    const weak = await t.client().post('/api/portal/signup', {
      name: '某',
      idNumber: generateResidentId({ addressCode: '370811', birthDate: '1979-09-09', seq: 950 }),
      phone: '13700001234',
      password: 'abc',
    });
    expect(weak.json().details.fields[0].field).toBe('password');
  });

  it('refuses a sign-up whose name carries an invisible character, naming the field', async () => {
    const res = await t.client().post('/api/portal/signup', {
      name: '居民\ufeff乙',
      idNumber: generateResidentId({ addressCode: '370811', birthDate: '1979-09-09', seq: 951 }),
      phone: '13700001235',
      password: 'Resident-Pass-2026',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'name', message: 'name：姓名含有不可见字符（在“民”之后），请删除后重新输入' }]);
  });
});

/** A sign-up through both steps (the code read from the outbox); the resident's logged-in cookie. */
async function signUp(body: Record<string, unknown>): Promise<{ cookie: string; get: (url: string) => Promise<LightMyRequestResponse> }> {
  const start = await t.client().post('/api/portal/signup', body);
  expect(start.statusCode, start.body).toBe(200);
  const outbox = (await admin.get('/api/outbox')).json();
  const code = outbox.items[0].body.match(/\d{6}/)[0];
  const confirmed = await t.client().post('/api/portal/signup/confirm', { signupId: start.json().signupId, code });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const cookie = `${SESSION_COOKIE}=${confirmed.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
  return { cookie, get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }) };
}

describe('户籍地 at sign-up', () => {
  const details = (seq: number, extra: Record<string, unknown> = {}) => ({
    name: `新居民${seq}`,
    idNumber: generateResidentId({ addressCode: '370811', birthDate: '1948-05-06', seq }),
    phone: `1390000${String(seq).padStart(4, '0')}`,
    password: 'Resident-Pass-2026',
    ...extra,
  });

  it('refuses a sign-up without 户籍地 or 户口类型, or with a township as 户籍地, in Chinese and naming the fields', async () => {
    const none = await t.client().post('/api/portal/signup', details(960));
    expect(none.statusCode).toBe(400);
    expect(none.json().details.fields).toEqual([
      { field: 'hukouDivisionCode', message: '请选择户籍地（户口所在的村或社区）' },
      { field: 'hukouType', message: '请选择户口类型（城镇或农村）' },
    ]);
    const township = await t
      .client()
      .post('/api/portal/signup', details(960, { hukouDivisionCode: places.renchengTownshipB, hukouType: 'rural' }));
    expect(township.statusCode).toBe(400);
    expect(township.json().details.fields).toEqual([{ field: 'hukouDivisionCode', message: '户籍地请选择到村（社区）一级' }]);
    const unknown = await t.client().post('/api/portal/signup', details(960, { hukouDivisionCode: '370811999999', hukouType: 'rural' }));
    expect(unknown.json().details.fields).toEqual([{ field: 'hukouDivisionCode', message: '户籍地请选择到村（社区）一级' }]);
  });

  it('registers a new resident with the 户籍地 they chose, unverified; the registry marks it; a clerk confirms it, audited', async () => {
    // 李营街道's village, not the first village of the ID number's county (what sign-up used to guess).
    const r = await signUp(details(961, { hukouDivisionCode: places.renchengVillageB, hukouType: 'rural' }));
    const mine = (await r.get('/api/portal/me')).json();
    expect(mine.person).toMatchObject({ hukouDivisionCode: places.renchengVillageB, hukouType: 'rural', hukouUnverified: true });
    expect(mine.household).toBeNull();

    const clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
    const listed = (await clerkB.get(`/api/persons?name=${encodeURIComponent('新居民961')}`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: mine.person.id, hukouUnverified: true })]);
    // Not in the village the ID number's county code would have guessed.
    expect((await clerk.get(`/api/persons?name=${encodeURIComponent('新居民961')}`)).json().total).toBe(0);
    expect((await clerk.post(`/api/persons/${mine.person.id}/confirm-hukou`, { version: mine.person.version })).statusCode).toBe(404);

    const confirmed = await clerkB.post(`/api/persons/${mine.person.id}/confirm-hukou`, { version: mine.person.version });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ hukouDivisionCode: places.renchengVillageB, hukouUnverified: false });
    expect((await clerkB.get(`/api/persons/${mine.person.id}`)).json().hukouUnverified).toBe(false);
    const again = await clerkB.post(`/api/persons/${mine.person.id}/confirm-hukou`, { version: confirmed.json().version });
    expect(again.statusCode).toBe(409);

    const auditor = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const logged = (await auditor.get('/api/audit?action=person.confirm_hukou')).json();
    expect(logged.items).toEqual([
      expect.objectContaining({ objectType: 'person', objectId: String(mine.person.id), userId: clerkB.userId }),
    ]);
  });

  it("the clerk corrects a wrong 户籍地 while confirming it, and the resident's account follows", async () => {
    const songyun = '370811002003';
    const r = await signUp(details(962, { hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' }));
    const mine = (await r.get('/api/portal/me')).json();
    // Outside the clerk's township: refused before anything is stored.
    const out = await clerk.post(`/api/persons/${mine.person.id}/confirm-hukou`, {
      version: mine.person.version,
      hukouDivisionCode: places.renchengVillageB,
    });
    expect(out.statusCode).toBe(403);
    const res = await clerk.post(`/api/persons/${mine.person.id}/confirm-hukou`, {
      version: mine.person.version,
      hukouDivisionCode: songyun,
      hukouType: 'rural',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hukouDivisionCode: songyun, hukouType: 'rural', hukouUnverified: false });
    expect((await r.get('/api/portal/me')).json().person).toMatchObject({ hukouDivisionCode: songyun, hukouUnverified: false });
    const auditor = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const logged = (await auditor.get('/api/audit?action=person.confirm_hukou')).json();
    expect(logged.items.find((i: { objectId: string }) => i.objectId === String(mine.person.id)).details).toEqual({
      hukouDivisionCode: songyun,
      hukouType: 'rural',
      correctedFrom: places.renchengVillageA,
      correctedType: 'urban',
    });
  });
});
