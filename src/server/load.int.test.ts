/**
 * docs/security.md L1: 50 clients for 30 s on the scoped lists and searches of two township clerks
 * (persons, households, assistance cases, worklist, recipients), against the platform as a real
 * process, with data in both townships and around them. Every answer must be 200 and every row in
 * it must lie inside the asking clerk's township; searches aimed at the other township (its
 * division code, its residents' ID numbers) must find nothing. Latency is never asserted (that is
 * the benchmarks' business).
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { townshipOf } from '../shared/divisions.js';
import { places, testDbKind } from './testing/harness.js';
import { scratchDatabase } from './testing/scratch-db.js';
import { closePlatform, createStaff, openPlatform, pgliteEnv, serverDatabaseEnv, ServerProcess } from './testing/server-process.js';
import { nextIdNumber } from './testing/write-load.js';
import { rows } from './platform/db/index.js';
import type { Deps } from './platform/deps.js';
import { newPlatformId } from './modules/registry/persons.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const CLIENTS = 50;
const SECONDS = 30;
const townships = [places.renchengTownshipA, places.renchengTownshipB];
const surnames = ['王', '李', '张', '刘', '陈'];

type Kind = 'persons' | 'households' | 'cases' | 'entitlements';
/** Each seeded row's division code, by kind and id: what a returned row is checked against. */
type Divisions = Record<Kind, Map<number, string>>;

/**
 * 360 households of two persons: a third in each of the two townships, a third in 30 villages
 * elsewhere in the city; each with an assistance case (a third still open, on the worklists) and
 * every other one with an entitlement in force. Returns the ID numbers of each township's people.
 */
async function seed(deps: Deps): Promise<Record<string, string[]>> {
  const villagesOf = async (where: ReturnType<typeof sql>) =>
    (await rows<{ code: string }>(deps.database.db, sql`select code from divisions where level = 5 and ${where} order by code`)).map(
      (r) => r.code,
    );
  const inA = await villagesOf(sql`code like ${places.renchengTownshipA + '%'}`);
  const inB = await villagesOf(sql`code like ${places.renchengTownshipB + '%'}`);
  const elsewhere = (
    await villagesOf(sql`code not like ${places.renchengTownshipA + '%'} and code not like ${places.renchengTownshipB + '%'}`)
  )
    .filter((_, i) => i % 97 === 0)
    .slice(0, 30);
  const groups = [inA, inB, elsewhere];
  const village = (h: number) => groups[h % 3][Math.floor(h / 3) % groups[h % 3].length];
  const households = 360;
  const idNumbers: Record<string, string[]> = Object.fromEntries(townships.map((t) => [t, []]));
  await deps.database.rawTransaction(async (tx) => {
    await tx.copyRows(
      'households',
      ['household_no', 'division_code', 'address'],
      Array.from({ length: households }, (_, h) => [newPlatformId('H'), village(h), `测试路 ${h} 号`]),
    );
    const [{ base }] = await tx.query<{ base: string }>('select min(id) as base from households');
    const persons: (string | number | null)[][] = [];
    for (let h = 0; h < households; h++) {
      for (const [k, relation] of (['head', 'spouse'] as const).entries()) {
        const idNumber = nextIdNumber();
        const code = village(h);
        idNumbers[townshipOf(code)]?.push(idNumber);
        persons.push([
          newPlatformId('P'),
          `${surnames[(h + k) % surnames.length]}秀英`,
          Number(idNumber[16]) % 2 ? 'male' : 'female',
          `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
          deps.cipher.encrypt(idNumber),
          deps.cipher.lookupHash(idNumber),
          code,
          'urban',
          Number(base) + h,
          relation,
        ]);
      }
    }
    await tx.copyRows(
      'persons',
      [
        'platform_id',
        'name',
        'sex',
        'birth_date',
        'id_number_enc',
        'id_number_hash',
        'hukou_division_code',
        'hukou_type',
        'household_id',
        'relation',
      ],
      persons,
    );
    await tx.query(`update households h set head_person_id = p.id from persons p where p.household_id = h.id and p.relation = 'head'`);
    await tx.query(`insert into assistance_entitlements (household_id, category, division_code, county_code, payee_person_id,
      covered_person_ids, monthly_fen, breakdown, inputs, start_month)
      select h.id, 'dibao', h.division_code, left(h.division_code, 6), h.head_person_id, jsonb_agg(p.id order by p.id), 134800,
        '924 × 2 − 500 = 1348 元', '{}'::jsonb, '2026-01'
      from households h join persons p on p.household_id = h.id where h.id % 2 = 0 group by h.id`);
    await tx.query(`insert into assistance_cases (case_no, category, household_id, applicant_person_id, division_code, channel, status,
      due_date, application)
      select '2026L' || lpad(h.id::text, 7, '0'), 'dibao', h.id, h.head_person_id, h.division_code, 'window',
        case when h.id % 3 = 0 then (array['accepted', 'checking', 'visiting', 'township_review'])[1 + (h.id / 3) % 4] else 'approved' end,
        case when h.id % 3 = 0 then date '2026-11-20' + (h.id % 30)::int else null end, '{"category": "dibao", "members": []}'::jsonb
      from households h`);
  });
  return idNumbers;
}

async function divisionsOf(deps: Deps): Promise<Divisions> {
  const map = async (query: ReturnType<typeof sql>) =>
    new Map((await rows<{ id: string | number; code: string }>(deps.database.db, query)).map((r) => [Number(r.id), r.code]));
  return {
    persons: await map(sql`select id, hukou_division_code as code from persons`),
    households: await map(sql`select id, division_code as code from households`),
    cases: await map(sql`select id, division_code as code from assistance_cases`),
    entitlements: await map(sql`select id, division_code as code from assistance_entitlements`),
  };
}

interface Probe {
  path: string;
  kind: Kind;
  /** The division code the row itself shows, where it shows one. */
  shown?: (row: Record<string, unknown>) => string;
  /** Aimed at the other township: must find nothing. */
  empty?: boolean;
  /** An own resident's ID number: exactly one. */
  one?: boolean;
}

/** What a clerk of `own` asks, some of it aimed at `other` township and its residents. */
function probes(own: string, other: string, ids: Record<string, string[]>): Probe[] {
  const person = (row: Record<string, unknown>) => String(row.hukouDivisionCode);
  const division = (row: Record<string, unknown>) => String(row.divisionCode);
  const name = (s: string) => encodeURIComponent(s);
  return [
    { path: '/api/persons', kind: 'persons', shown: person },
    { path: '/api/persons?page=2', kind: 'persons', shown: person },
    { path: `/api/persons?name=${name('王')}`, kind: 'persons', shown: person },
    { path: `/api/persons?idNumber=${ids[own][3]}`, kind: 'persons', shown: person, one: true },
    { path: `/api/persons?idNumber=${ids[other][3]}`, kind: 'persons', empty: true },
    { path: `/api/persons?divisionCode=${other}`, kind: 'persons', empty: true },
    { path: '/api/households', kind: 'households', shown: division },
    { path: `/api/households?headName=${name('李')}`, kind: 'households', shown: division },
    { path: `/api/households?idNumber=${ids[other][5]}`, kind: 'households', empty: true },
    { path: `/api/households?divisionCode=${other}`, kind: 'households', empty: true },
    { path: '/api/assistance/cases', kind: 'cases', shown: division },
    { path: `/api/assistance/cases?q=${name('张')}`, kind: 'cases', shown: division },
    { path: `/api/assistance/cases?divisionCode=${other}`, kind: 'cases', empty: true },
    { path: '/api/assistance/worklist', kind: 'cases', shown: division },
    { path: '/api/assistance/entitlements', kind: 'entitlements' },
    { path: `/api/assistance/entitlements?q=${name('王')}`, kind: 'entitlements' },
    { path: `/api/assistance/entitlements?divisionCode=${other}`, kind: 'entitlements', empty: true },
  ];
}

it("L1 50 concurrent clients on scoped lists and searches for 30 s: zero 5xx, no row outside the user's township", async () => {
  let dbEnv: Record<string, string>;
  if (testDbKind() === 'postgres') {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'jimin_l1');
    cleanups.push(scratch.drop);
    dbEnv = serverDatabaseEnv(scratch);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'jimin-l1-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    dbEnv = pgliteEnv(dir);
  }
  const deps = await openPlatform(dbEnv);
  let ids: Record<string, string[]>;
  let divisions: Divisions;
  try {
    ids = await seed(deps);
    divisions = await divisionsOf(deps);
    for (const [i, township] of townships.entries())
      await createStaff(deps, { username: `clerk${i}`, roles: ['township_clerk'], divisionCode: township });
  } finally {
    await closePlatform(deps);
  }
  const server = await ServerProcess.start(dbEnv);
  cleanups.push(() => server.close());
  const users = await Promise.all(
    townships.map(async (own, i) => ({ own, cookie: await server.login(`clerk${i}`), probes: probes(own, townships[1 - i], ids) })),
  );

  const statuses = new Map<number, number>();
  const violations: string[] = [];
  const seen = new Map<string, number>();
  const deadline = Date.now() + SECONDS * 1000;
  const client = async (c: number) => {
    const user = users[c % users.length];
    for (let n = c; Date.now() < deadline; n++) {
      const probe = user.probes[n % user.probes.length];
      let res;
      try {
        res = await server.request('GET', probe.path, { cookie: user.cookie });
      } catch (err) {
        violations.push(`${probe.path}: no answer (${(err as Error).message})`);
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 200) continue;
      const page = res.body as { items: Record<string, unknown>[]; total: number };
      if (probe.empty && (page.items.length || page.total))
        violations.push(`${probe.path} as ${user.own}: ${page.total} rows, expected none`);
      if (probe.one && page.total !== 1) violations.push(`${probe.path} as ${user.own}: ${page.total} rows, expected one`);
      for (const row of page.items) {
        // The row as stored lies inside, and the row shows the division it is stored with.
        const stored = divisions[probe.kind].get(Number(row.id));
        const shown = probe.shown?.(row);
        if (!stored?.startsWith(user.own) || (shown !== undefined && shown !== stored)) {
          violations.push(`${probe.path} as ${user.own}: ${probe.kind} ${String(row.id)} of ${stored ?? shown}`);
        }
      }
      seen.set(`${user.own} ${probe.kind}`, (seen.get(`${user.own} ${probe.kind}`) ?? 0) + page.items.length);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

  expect(server.unexpectedExits, server.output()).toBe(0);
  expect(violations.slice(0, 10), `${violations.length} rows outside the clerk's township or wrong answers`).toEqual([]);
  expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });
  // Not vacuous: each clerk got rows of every kind.
  for (const own of townships) {
    for (const kind of ['persons', 'households', 'cases', 'entitlements'])
      expect(seen.get(`${own} ${kind}`) ?? 0, `${own} ${kind}`).toBeGreaterThan(0);
  }
}, 180_000);
