import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const household = (await clerk.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '航运新村 9 号',
      members: [
        { relation: 'head', person: { name: '居民甲', idNumber: me, hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' } },
        { relation: 'spouse', person: { name: '居民乙', idNumber: spouse, hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' } },
      ],
    })).json();
    await clerk.post('/api/benefits', { personId: household.members[1].id, type: 'dibao', monthlyAmountFen: 92400, startMonth: '2026-01', source: 'manual' });
    const other = (await clerk.post('/api/persons', { name: '邻居丙', idNumber: generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 903 }), hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' })).json();

    const start = await t.client().post('/api/portal/signup', { name: '居民甲', idNumber: me, phone: '13700001234', password: 'Resident-Pass-2026' });
    expect(start.statusCode).toBe(200);
    const outbox = (await admin.get('/api/outbox')).json();
    expect(outbox.items[0].recipientMasked).toBe('137****1234');
    const code = outbox.items[0].body.match(/\d{6}/)[0];
    const wrong = await t.client().post('/api/portal/signup/confirm', { signupId: start.json().signupId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await t.client().post('/api/portal/signup/confirm', { signupId: start.json().signupId, code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().me.kind).toBe('resident');

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: me.toLowerCase(), password: 'Resident-Pass-2026' } });
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
    const bad = await t.client().post('/api/portal/signup', { name: '某', idNumber: '370811197909091234', phone: '13700001234', password: 'Resident-Pass-2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].field).toBe('idNumber');
    const weak = await t.client().post('/api/portal/signup', { name: '某', idNumber: generateResidentId({ addressCode: '370811', birthDate: '1979-09-09', seq: 950 }), phone: '13700001234', password: 'abc' });
    expect(weak.json().details.fields[0].field).toBe('password');
  });

  it('refuses a sign-up whose name carries an invisible character, naming the field', async () => {
    const res = await t.client().post('/api/portal/signup', { name: '居民\ufeff乙', idNumber: generateResidentId({ addressCode: '370811', birthDate: '1979-09-09', seq: 951 }), phone: '13700001235', password: 'Resident-Pass-2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'name', message: 'name：姓名含有不可见字符（在“民”之后），请删除后重新输入' }]);
  });
});
