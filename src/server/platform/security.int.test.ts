/** security.md rows for the platform: authentication, authorization, bad input, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, eq } from 'drizzle-orm';
import { startTestApp, places, TEST_PASSWORD, type TestApp, type Client } from '../testing/harness.js';
import { rows } from './db/index.js';
import { users } from './db/schema.js';
import { sealAudit, verifyAuditChain } from './audit/chain.js';
import { audit } from './audit/audit.js';
import { totpCodeAt } from './auth/totp.js';
import { SESSION_COOKIE } from './auth/session.js';
import { allPermissions } from '../../shared/permissions.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp({ JIMIN_LOGIN_RATE_PER_MINUTE: 1000 });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
});
afterAll(async () => t?.close());

const loginRaw = (username: string, password: string, totpCode?: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, totpCode }, remoteAddress: ip });

async function createUser(roles: string[], divisionCode = places.renchengTownshipA) {
  const res = await admin.post('/api/users', { username: `x${Math.random().toString(36).slice(2, 10)}`, displayName: '测试', roles, divisionCode });
  expect(res.statusCode).toBe(200);
  return res.json() as { user: { id: number; username: string }; initialPassword: string };
}

describe('authentication', () => {
  it('A4 a created account must change its password before anything else', async () => {
    const { user, initialPassword } = await createUser(['township_clerk']);
    const login = await loginRaw(user.username, initialPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().me.mustChangePassword).toBe(true);
    const cookie = `${SESSION_COOKIE}=${login.cookies[0].value}`;
    const blocked = await t.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload: { oldPassword: initialPassword, newPassword: 'Qingshui-River-9' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().me.mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie } })).statusCode).toBe(200);
  });

  it('A1 weak passwords are rejected with the rule named; a long passphrase is accepted; only a salted hash is stored', async () => {
    const { user, initialPassword } = await createUser(['township_clerk']);
    const cookie = `${SESSION_COOKIE}=${(await loginRaw(user.username, initialPassword)).cookies[0].value}`;
    const change = (newPassword: string, oldPassword = initialPassword) =>
      t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload: { oldPassword, newPassword } });
    for (const weak of ['Ab1!xyz', 'abcdefghijk', 'Password123!']) {
      const res = await change(weak);
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields[0].field).toBe('newPassword');
      expect(res.json().message).toMatch(/密码|口令/);
    }
    const passphrase = 'the river runs past the old mill and turns left at the orchards!';
    expect(passphrase.length).toBe(64);
    expect((await change(passphrase)).statusCode).toBe(200);
    const [u] = await t.deps.database.db.select().from(users).where(eq(users.id, user.id));
    expect(u.passwordHash).not.toContain(passphrase);
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    const reuse = await change(passphrase, passphrase);
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().message).toContain('最近 5 次');
  });

  it('A2 five wrong passwords lock the account; the right one is then refused; both audited', async () => {
    const { user, initialPassword } = await createUser(['township_clerk']);
    for (let i = 0; i < 4; i++) expect((await loginRaw(user.username, 'Wrong-pass-1')).statusCode).toBe(401);
    const fifth = await loginRaw(user.username, 'Wrong-pass-1');
    expect(fifth.statusCode).toBe(423);
    const right = await loginRaw(user.username, initialPassword);
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toContain('锁定');
    const events = await rows<{ action: string; outcome: string }>(t.deps.database.db, sql`select action, outcome from audit_log where object_id = ${String(user.id)} and action like 'auth.%' order by id`);
    expect(events.filter((e) => e.action === 'auth.login' && e.outcome === 'failed')).toHaveLength(5);
    expect(events.some((e) => e.action === 'auth.lock')).toBe(true);
    expect(events.at(-1)).toEqual({ action: 'auth.login', outcome: 'denied' });
  });

  it('disabling an account ends its sessions at once, also those answered from the session cache', async () => {
    const c = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
    expect((await c.get('/api/persons')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${c.userId}`, { disabled: true })).statusCode).toBe(200);
    expect((await c.get('/api/persons')).statusCode).toBe(401);
  });

  it('A2 a session idle past the limit gets 401 and the expiry is audited', async () => {
    const c = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
    await t.deps.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${c.userId}`);
    const res = await c.get('/api/persons');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('超时');
    const [e] = await rows<{ n: string | number }>(t.deps.database.db, sql`select count(*) as n from audit_log where action = 'auth.session_expired' and object_id = ${String(c.userId)}`);
    expect(Number(e.n)).toBe(1);
  });

  it('A3 with a second factor there is no session without a valid code; reused and stale codes are refused', async () => {
    const c = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng, username: 'totp_user' });
    const { secret } = (await c.post('/api/auth/totp/setup')).json();
    const now = Date.now();
    expect((await c.post('/api/auth/totp/enable', { code: totpCodeAt(secret, now - 30_000) })).statusCode).toBe(200);
    const noCode = await loginRaw('totp_user', TEST_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    expect(noCode.cookies).toHaveLength(0);
    const stale = await loginRaw('totp_user', TEST_PASSWORD, totpCodeAt(secret, now - 5 * 60_000));
    expect(stale.statusCode).toBe(401);
    const ok = await loginRaw('totp_user', TEST_PASSWORD, totpCodeAt(secret, now));
    expect(ok.statusCode).toBe(200);
    const reused = await loginRaw('totp_user', TEST_PASSWORD, totpCodeAt(secret, now));
    expect(reused.statusCode).toBe(401);
    expect(reused.json().message).toContain('已使用');
  });

  it('A3 a role that requires the second factor sends its users to set it up first', async () => {
    const role = await admin.patch('/api/roles/auditor', { totpRequired: true });
    expect(role.json().totpRequired).toBe(true);
    const aud = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const res = await aud.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().details.reason).toBe('totp');
    await admin.patch('/api/roles/auditor', { totpRequired: false });
  });

  it('A5 many login attempts from one address are throttled (429) while another address is unaffected', async () => {
    const limited = await startTestApp({ JIMIN_LOGIN_RATE_PER_MINUTE: 20 });
    try {
      const attempt = (ip: string) => limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: ip });
      const codes: number[] = [];
      for (let i = 0; i < 30; i++) codes.push((await attempt('10.9.9.9')).statusCode);
      expect(codes.filter((c) => c === 429).length).toBe(10);
      expect((await attempt('10.9.9.9')).json().code).toBe('RATE_LIMITED');
      expect((await attempt('10.8.8.8')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('authorization', () => {
  it('Z4 a user without the permission gets 403 from every protected route, state unchanged', async () => {
    const nobody = await t.login({ roles: [], divisionCode: places.city });
    let checked = 0;
    for (const r of protectedRoutes()) {
      const res = await nobody.inject({ method: r.method, url: r.url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect([403], `${r.method} ${r.url}`).toContain(res.statusCode);
      expect(res.json().code).toBe('FORBIDDEN');
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('U3 a non-auditor reading the audit log gets 403; an auditor reads it', async () => {
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    const aud = await t.login({ roles: ['auditor'], divisionCode: places.city });
    const res = await aud.get('/api/audit?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].at).toMatch(/\+08:00$/);
  });

  it('every permission in the list is held by some built-in role', async () => {
    const roles = (await admin.get('/api/roles')).json() as { permissions: string[] }[];
    const held = new Set(roles.flatMap((r) => r.permissions));
    for (const p of allPermissions) expect(held.has(p), p).toBe(true);
  });
});

describe('bad input', () => {
  it('V2 a JSON body over 1 MB gets 413 and the server keeps answering', async () => {
    const big = { name: 'x'.repeat(1024 * 1024 + 10) };
    const res = await admin.post('/api/persons', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect((await admin.get('/api/health')).statusCode).toBe(200);
  });

  it('V2 a page size of 10^9 is a 400 naming the field, not a full scan', async () => {
    const res = await admin.get('/api/persons?pageSize=1000000000');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].field).toBe('pageSize');
  });

  it('V2 random JSON to every route gets a 4xx without a stack trace', async () => {
    const junk = [{ a: [1, { b: null }] }, 'not json', [1, 2, 3], { name: 12, idNumber: { x: 1 } }];
    for (const r of protectedRoutes().filter((x) => x.method !== 'GET')) {
      for (const body of junk) {
        const res = await admin.inject({ method: r.method, url: r.url.replace(/:(\w+)/g, '1'), payload: body as never, headers: { 'content-type': 'application/json' } });
        expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().message, `${r.method} ${r.url}`).toMatch(/[\u4e00-\u9fa5]/);
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      }
    }
    expect((await admin.get('/api/health')).statusCode).toBe(200);
  });
});

describe('audit', () => {
  it('U2 the application cannot update or delete an audit row', async () => {
    await expect(t.deps.database.db.execute(sql`update audit_log set action = 'x' where id = (select min(id) from audit_log)`)).rejects.toThrow();
    await expect(t.deps.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('U2 the chain sealed in small batches verifies: each batch continues from the last link', async () => {
    for (let i = 0; i < 7; i++) await audit(t.deps.database.db, { actor: null, ip: '127.0.0.1' }, { action: `test.batch_${i}` });
    const sealed = await sealAudit(t.deps.database.db, { batch: 3 });
    expect(sealed).toBeGreaterThan(3);
    expect(await verifyAuditChain(t.deps.database.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('U2 the hash chain reports a row edited behind its back', async () => {
    await sealAudit(t.deps.database.db);
    expect((await verifyAuditChain(t.deps.database.db)).ok).toBe(true);
    const [target] = await rows<{ id: string | number }>(t.deps.database.db, sql`select id from audit_log order by id limit 1 offset 3`);
    await t.owner.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await t.owner.execute(sql`update audit_log set outcome = 'ok', username = 'someone-else' where id = ${target.id}`);
    await t.owner.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const report = await verifyAuditChain(t.deps.database.db);
    expect(report.ok).toBe(false);
    expect(report.firstBrokenId).toBe(Number(target.id));
  });
});

/** Every /api route that declares a permission, with a sample URL. */
function protectedRoutes(): { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string }[] {
  return t.app.routeTable
    .filter((r) => r.permission)
    .map((r) => ({ method: r.method as 'GET' | 'POST' | 'PATCH' | 'DELETE', url: r.url.replace(/:(\w+)/g, '1') }));
}
