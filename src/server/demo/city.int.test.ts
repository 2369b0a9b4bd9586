/**
 * The synthetic city (docs/synthetic-city.md), on each engine: the same seed builds the same city,
 * its ID numbers are valid and unique, its figures are the seeds' figures at the scale (rounded
 * half up, as documented), and the demo data of a first start keeps the demo logins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../testing/harness.js';
import { rows } from '../platform/db/index.js';
import { parseResidentId } from '../../shared/validation/resident-id.js';
import { buildSyntheticCity, cityOptions } from './city.js';
import { seedDemo } from './seed-demo.js';
import { RESIDENTS, DISABILITY_ALLOWANCE_PERSONS } from '../modules/registry/synthetic.js';
import { DIBAO_RECIPIENTS, TEKUN_RECIPIENTS } from '../modules/assistance/synthetic.js';
import { REGISTERED_VOLUNTEERS } from '../modules/volunteers/synthetic.js';

const SCALE = 0.0005;
const AS_OF = '2026-12-01';
const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function city(seed: number, multipliers: Record<string, number> = {}): Promise<TestApp> {
  const t = await startTestApp();
  apps.push(t);
  await buildSyntheticCity(t.deps.database, t.deps.cipher, cityOptions({ scale: SCALE, seed, asOf: AS_OF, multipliers }));
  return t;
}

/**
 * A digest of what the city holds: the clear values of the encrypted fields, leaving out what is
 * random by design (the ciphertexts' IVs, timestamps) and the keyed hashes (each test app has its own keys).
 */
async function digest(t: TestApp): Promise<string> {
  const db = t.deps.database.db;
  const clear = (enc: unknown) => (enc === null ? null : t.deps.cipher.decrypt(String(enc)));
  const persons = await rows<Record<string, unknown>>(
    db,
    sql`select p.id, p.platform_id, p.name, p.sex, p.birth_date::text, p.id_number_enc, p.phone_enc, p.hukou_division_code,
      p.hukou_type, p.disability_type, p.disability_grade, h.household_no, h.address, p.relation, p.marital_status
      from persons p join households h on h.id = p.household_id order by p.id`,
  );
  const accounts = await rows<Record<string, unknown>>(
    db,
    sql`select person_id, bank_name, bank_account_enc from payee_accounts order by id`,
  );
  const parts = [
    persons.map((p) => ({ ...p, id_number_enc: clear(p.id_number_enc), phone_enc: clear(p.phone_enc) })),
    accounts.map((a) => ({ ...a, bank_account_enc: clear(a.bank_account_enc) })),
    await rows(
      db,
      sql`select household_id, category, payee_person_id, covered_person_ids, monthly_fen, breakdown, start_month,
      next_review_date::text from assistance_entitlements order by id`,
    ),
    await rows(db, sql`select person_id, type, monthly_amount_fen, start_month, source_ref from benefits order by id`),
    await rows(db, sql`select username, roles, division_code from users where username <> 'admin' order by username`),
    await rows(
      db,
      sql`select volunteer_no, person_id, division_code, skills, categories, available_times, source, status, registered_on::text
        from volunteers order by id`,
    ),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

let a: TestApp;
beforeAll(async () => {
  a = await city(7);
});

describe('synthetic city', () => {
  it('the same seed gives the same city, another seed another one', async () => {
    const again = await city(7);
    const other = await city(8);
    const first = await digest(a);
    expect(await digest(again)).toBe(first);
    expect(await digest(other)).not.toBe(first);
  });

  it('ID numbers are valid GB 11643 numbers, unique, matching the birth date and sex stored, encrypted and hashed as the registry does', async () => {
    const list = await rows<{
      id_number_enc: string;
      id_number_hash: string;
      birth_date: string;
      sex: string;
      hukou_division_code: string;
    }>(
      a.deps.database.db,
      sql`select id_number_enc, id_number_hash, birth_date::text as birth_date, sex, hukou_division_code from persons`,
    );
    const seen = new Set<string>();
    for (const p of list) {
      const id = a.deps.cipher.decrypt(p.id_number_enc);
      const parsed = parseResidentId(id);
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.birthDate).toBe(p.birth_date);
      expect(parsed.sex).toBe(p.sex);
      expect(id.slice(0, 6)).toBe(p.hukou_division_code.slice(0, 6));
      expect(a.deps.cipher.lookupHash(id)).toBe(p.id_number_hash);
      expect(p.birth_date <= AS_OF).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(list.length);
  });

  it("the figures are the seeds' figures at the scale, rounded half up, and the households spread evenly over the villages", async () => {
    const db = a.deps.database.db;
    const [f] = await rows<{ persons: string; heads: string; households: string; dibao: string; tekun: string; allowances: string }>(
      db,
      sql`select (select count(*) from persons) as persons, (select count(*) from persons where relation = 'head') as heads,
        (select count(*) from households where head_person_id is not null) as households,
        (select coalesce(sum(jsonb_array_length(covered_person_ids)), 0) from assistance_entitlements where category = 'dibao') as dibao,
        (select coalesce(sum(jsonb_array_length(covered_person_ids)), 0) from assistance_entitlements where category = 'tekun') as tekun,
        (select count(*) from benefits where type = 'disability_living') as allowances`,
    );
    expect(Number(f.persons)).toBe(Math.round(RESIDENTS * SCALE));
    expect(Number(f.heads)).toBe(Number(f.households));
    expect(Number(f.dibao)).toBe(Math.round(DIBAO_RECIPIENTS * SCALE));
    expect(Number(f.tekun)).toBe(Math.round(TEKUN_RECIPIENTS * SCALE));
    expect(Number(f.allowances)).toBe(Math.round(DISABILITY_ALLOWANCE_PERSONS * SCALE));
    const [spread] = await rows<{ lo: number; hi: number }>(
      db,
      sql`select min(n)::int as lo, max(n)::int as hi from (select d.code, count(h.id) as n from divisions d
        left join households h on h.division_code = d.code where d.level = 5 group by d.code) x`,
    );
    expect(spread.hi - spread.lo).toBeLessThanOrEqual(1);
    // Every entitlement has its benefit records summing to its amount and its payee's account.
    const [bad] = await rows<{ n: string }>(
      db,
      sql`select count(*) as n from assistance_entitlements e
        where e.monthly_fen <> (select sum(b.monthly_amount_fen) from benefits b where b.source_ref = 'assistance_entitlement:' || e.id)
          or not exists (select 1 from payee_accounts a where a.person_id = e.payee_person_id and a.programme = 'assistance')`,
    );
    expect(Number(bad.n)).toBe(0);
    // 志愿服务: the seeds' volunteers, adults of the registry living where they serve, each with their registration in the history.
    const [v] = await rows<{ n: string; numbers: string; minors: string; elsewhere: string; unrecorded: string }>(
      db,
      sql`select count(*) as n, count(distinct v.volunteer_no) as numbers,
        count(*) filter (where p.birth_date > ${AS_OF}::date - interval '18 years') as minors,
        count(*) filter (where v.division_code <> p.hukou_division_code) as elsewhere,
        count(*) filter (where not exists (select 1 from volunteer_history h where h.volunteer_id = v.id and h.action = 'register'))
          as unrecorded
        from volunteers v join persons p on p.id = v.person_id`,
    );
    expect(Number(v.n)).toBe(Math.round(REGISTERED_VOLUNTEERS * SCALE));
    expect([Number(v.numbers), Number(v.minors), Number(v.elsewhere), Number(v.unrecorded)]).toEqual([Number(v.n), 0, 0, 0]);
  });

  it('--registry 2 doubles the residents (a load figure) and leaves the other figures as they are', async () => {
    const t = await city(7, { registry: 2 });
    const [f] = await rows<{ persons: string; tekun: string }>(
      t.deps.database.db,
      sql`select (select count(*) from persons) as persons,
        (select count(*) from assistance_entitlements where category = 'tekun') as tekun`,
    );
    expect(Number(f.persons)).toBe(Math.round(RESIDENTS * SCALE * 2));
    expect(Number(f.tekun)).toBe(Math.round(TEKUN_RECIPIENTS * SCALE));
  });

  it('the demo data keeps the demo logins: an administrator resets one and it signs in to its own township', async () => {
    const t = await startTestApp();
    apps.push(t);
    const demo = await seedDemo(t.deps, { households: 300 });
    expect(demo.persons).toBeGreaterThan(600);
    const accounts = await rows<{ id: number; username: string; roles: string[]; division_code: string; must_change_password: boolean }>(
      t.deps.database.db,
      sql`select id, username, roles, division_code, must_change_password from users
        where username in ('county_reviewer', 'township_clerk', 'village_officer', 'auditor') order by username`,
    );
    expect(accounts.map((u) => [u.username, u.roles, u.division_code, u.must_change_password])).toEqual([
      ['auditor', ['auditor'], '3708', true],
      ['county_reviewer', ['county_reviewer'], '370811', true],
      ['township_clerk', ['township_clerk'], '370811002', true],
      ['village_officer', ['village_officer'], '370811002001', true],
    ]);
    const admin = await t.login({ roles: ['city_admin'], divisionCode: '3708' });
    const clerk = accounts.find((u) => u.username === 'township_clerk')!;
    const reset = await admin.post(`/api/users/${clerk.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'township_clerk', password: reset.json().initialPassword },
      headers: { origin: TEST_ORIGIN },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().me).toMatchObject({ username: 'township_clerk', divisionCode: '370811002', mustChangePassword: true });
  });
});
