import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp } from '../../testing/harness.js';
import { rows } from '../db/index.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';

let t: TestApp;
let logs = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs += chunk.toString();
      cb();
    },
  });
  t = await startTestApp({ LOG_LEVEL: 'debug' }, { logStream: sink });
});
afterAll(async () => t?.close());

describe('audit', () => {
  it('U1 login ok/failed, sensitive read, unmask, export, writes and role changes each leave one row with time, user, action, object, outcome, address', async () => {
    const admin = await t.login({ roles: ['city_admin'], divisionCode: places.city, username: 'u1_admin' });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'u1_admin', password: 'wrong-Password-1' },
      remoteAddress: '10.1.2.3',
    });
    const idNumber = generateResidentId({ addressCode: '370811', birthDate: '1977-07-17', seq: 717 });
    const p = (
      await admin.post('/api/persons', {
        name: '审计对象',
        idNumber,
        phone: '13600001111',
        hukouDivisionCode: places.renchengVillageA,
        hukouType: 'rural',
      })
    ).json();
    await admin.get(`/api/persons/${p.id}`);
    await admin.post(`/api/persons/${p.id}/unmask`, { reason: '审计测试' });
    await admin.get(`/api/persons/export?idNumber=${idNumber}`);
    await admin.get(`/api/persons?idNumber=${idNumber}`);
    const created = (
      await admin.post('/api/users', {
        username: 'u1_target',
        displayName: '目标',
        roles: ['village_officer'],
        divisionCode: places.renchengVillageA,
      })
    ).json();
    await admin.patch(`/api/users/${created.user.id}`, { roles: ['township_clerk'] });

    const found = await rows<{ action: string; outcome: string; username: string | null; object_id: string | null; ip: string; at: Date }>(
      t.deps.database.db,
      sql`select action, outcome, username, object_id, ip, at from audit_log order by id`,
    );
    const has = (action: string, outcome = 'ok') => found.filter((r) => r.action === action && r.outcome === outcome);
    expect(has('auth.login')).not.toHaveLength(0);
    expect(has('auth.login', 'failed').at(-1)).toMatchObject({ username: 'u1_admin', ip: '10.1.2.3' });
    expect(has('person.create')).toHaveLength(1);
    expect(has('person.open')[0]).toMatchObject({ object_id: String(p.id), username: 'u1_admin' });
    expect(has('person.unmask')).toHaveLength(1);
    expect(has('person.export')).toHaveLength(1);
    expect(has('person.search')).toHaveLength(1);
    expect(has('user.create')).toHaveLength(1);
    expect(has('user.roles_change')).toHaveLength(1);

    const aud = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const listed = (await aud.get('/api/audit?action=person.unmask')).json();
    expect(listed.items[0]).toMatchObject({ username: 'u1_admin', objectType: 'person', objectId: String(p.id), outcome: 'ok' });
    expect(listed.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    // Searches record that an ID number was given, not the number.
    const search = (await aud.get('/api/audit?action=person.search')).json();
    expect(JSON.stringify(search)).not.toContain(idNumber);
  });

  it('the auditor exports the filtered log as xlsx, and that export is audited', async () => {
    const aud = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const res = await aud.get('/api/audit/export?action=person.unmask');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const [row] = await rows<{ n: string | number }>(
      t.deps.database.db,
      sql`select count(*) as n from audit_log where action = 'audit.export'`,
    );
    expect(Number(row.n)).toBe(1);
    const admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
    expect((await admin.get('/api/audit/export')).statusCode).toBe(403);
    expect((await admin.get('/api/users/export')).statusCode).toBe(200);
  });

  it('U4 the logs hold no ID numbers and no phone numbers', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    expect(logs).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(logs).toContain('/api/persons'); // requests were logged, just without their data
  });
});
