/**
 * What checking every answer against its contract costs (docs/decisions.md 31), `npm run bench -- contract`:
 * the same app built twice on one database, once as it runs (the zod serializer of
 * fastify-type-provider-zod: each answer encoded through its route's schema, then JSON.stringify) and
 * once with `uncheckedAnswers` (plain JSON.stringify), driven through app.inject in alternating rounds so that both
 * see the same database and the same warm caches. The floor is the app without the check.
 * - contract.persons_page_50: GET /api/persons?pageSize=50 for a township clerk (BENCH_PERSONS persons
 *   in the township, default 20,000), end to end (session, scope, query, decryption, masking, audit).
 * - contract.registry_stats: GET /api/stats/registry for the same clerk (a row per village).
 * - contract.serialize_*: the serializer alone on the same answers (no request around it).
 * Each prints {"bench","n","seconds","floor_seconds","ratio"} with p50_ms/p99_ms (the floor's as
 * floor_p50_ms/floor_p99_ms), and per answer the microseconds the check adds (added_us).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { freshDatabase, people, report } from './support.js';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/platform/config.js';
import { createDeps, firstStart } from '../src/server/bootstrap.js';
import type { Deps } from '../src/server/platform/deps.js';
import { rows } from '../src/server/platform/db/index.js';
import { users } from '../src/server/platform/db/schema.js';
import { hashPassword } from '../src/server/platform/auth/password.js';
import { newPlatformId } from '../src/server/modules/registry/persons.js';
import { personsPage } from '../src/shared/registry/persons.js';
import { registryStatsResponse } from '../src/shared/registry/stats.js';

const TOWNSHIP = '370811002';
const PASSWORD = 'Bench-Passw0rd!';

export async function run(args: string[]): Promise<void> {
  const rounds = Number(args[0] ?? process.env.BENCH_ROUNDS ?? 20);
  const perRound = Number(process.env.BENCH_PER_ROUND ?? 100);
  const db = await freshDatabase();
  try {
    const deps = await createDeps(testConfig({ DATABASE_URL: db.url, JIMIN_READ_AUDIT_FLUSH_MS: 100 }), { inMemory: true });
    await firstStart(deps, () => {});
    await loadTownship(deps, Number(process.env.BENCH_PERSONS ?? 20_000));
    const checked = await buildApp(deps, { logger: false });
    const plain = await buildApp(deps, { logger: false, uncheckedAnswers: true });
    const cookie = await clerkCookie(deps, checked);

    const routes = [
      { bench: 'contract.persons_page_50', url: `/api/persons?pageSize=50&divisionCode=${TOWNSHIP}`, schema: personsPage },
      { bench: 'contract.registry_stats', url: '/api/stats/registry', schema: registryStatsResponse },
    ];
    for (const r of routes) {
      // Both apps answer the same body: the check changes nothing on a correct answer.
      const [a, b] = [await get(checked, r.url, cookie), await get(plain, r.url, cookie)];
      if (a.statusCode !== 200 || a.body !== b.body)
        throw new Error(`${r.url}: ${a.statusCode} ${a.body.slice(0, 200)} / ${b.body.slice(0, 200)}`);
      for (let i = 0; i < 200; i++) await Promise.all([get(checked, r.url, cookie), get(plain, r.url, cookie)]); // warm-up
      const on: number[] = [];
      const off: number[] = [];
      for (let round = 0; round < rounds; round++) {
        // Alternating which goes first, so that neither always meets the other's background work.
        const order = round % 2 ? [[plain, off] as const, [checked, on] as const] : [[checked, on] as const, [plain, off] as const];
        for (const [app, into] of order) for (let i = 0; i < perRound; i++) into.push(await timed(() => get(app, r.url, cookie)));
      }
      const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
      report({
        bench: r.bench,
        n: on.length,
        seconds: sum(on),
        floor_seconds: sum(off),
        p50_ms: ms(pct(on, 0.5)),
        p99_ms: ms(pct(on, 0.99)),
        floor_p50_ms: ms(pct(off, 0.5)),
        floor_p99_ms: ms(pct(off, 0.99)),
        added_us: Number((((sum(on) - sum(off)) / on.length) * 1e6).toFixed(1)),
        bytes: a.body.length,
      });

      // The serializer alone, on the same answer.
      const answer: unknown = JSON.parse(a.body);
      const zod = serializerCompiler({ schema: r.schema, method: 'GET', url: r.url, httpStatus: '200' });
      const n = 20_000;
      const [zodSeconds, plainSeconds] = [serialize(n, () => zod(answer)), serialize(n, () => JSON.stringify(answer))];
      report({
        bench: r.bench.replace('contract.', 'contract.serialize_'),
        n,
        seconds: zodSeconds,
        floor_seconds: plainSeconds,
        added_us: Number((((zodSeconds - plainSeconds) / n) * 1e6).toFixed(1)),
      });
    }
    await checked.close();
    await plain.close();
    await deps.database.close();
  } finally {
    await db.drop();
  }
}

/** `n` persons in the villages of TOWNSHIP, with encrypted ID numbers and phones, as an import leaves them. */
async function loadTownship(deps: Deps, n: number): Promise<void> {
  const villages = (
    await rows<{ code: string }>(deps.database.db, sql`select code from divisions where level = 5 and code like ${TOWNSHIP + '%'}`)
  ).map((r) => r.code);
  const c = deps.cipher;
  const columns = ['platform_id', 'name', 'sex', 'birth_date', 'id_number_enc', 'id_number_hash', 'phone_enc', 'phone_hash'];
  await deps.database.rawTransaction((tx) =>
    tx.copyRows(
      'persons',
      [...columns, 'hukou_division_code', 'hukou_type'],
      (function* () {
        for (const p of people(n, villages)) {
          const birth = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
          const sex = Number(p.idNumber[16]) % 2 ? 'male' : 'female';
          const id = [c.encrypt(p.idNumber), c.lookupHash(p.idNumber), c.encrypt(p.phone), c.lookupHash(p.phone)];
          yield [newPlatformId('P'), p.name, sex, birth, ...id, p.village, p.hukouType];
        }
      })(),
    ),
  );
  await deps.database.db.execute(sql`vacuum analyze persons`);
}

async function clerkCookie(deps: Deps, app: FastifyInstance): Promise<string> {
  await deps.database.db.insert(users).values({
    kind: 'staff',
    username: 'clerk',
    displayName: 'clerk',
    passwordHash: await hashPassword(PASSWORD),
    roles: ['township_clerk'],
    divisionCode: TOWNSHIP,
    mustChangePassword: false,
    passwordChangedAt: new Date(),
  });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login: ${res.body}`);
  return res.headers['set-cookie']!.toString().split(';')[0];
}

const get = (app: FastifyInstance, url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function serialize(n: number, fn: () => string): number {
  for (let i = 0; i < 1000; i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (s: number) => Number((s * 1000).toFixed(2));
