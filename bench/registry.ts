/**
 * Registry benchmarks (issue: platform foundation):
 * - registry.import_100k: a 100,000-row roster .xlsx imported (validation + encryption + one
 *   transaction) on PostgreSQL; floor: the same file read with the same reader and its raw values
 *   COPYed into a plain table.
 * - registry.search_name / registry.search_id: scoped search over 1,000,000 persons with 50
 *   concurrent clients (autocannon) for a township clerk; floor: a bare Fastify + pg endpoint
 *   running the same query.
 * - registry.first_start: `npm start` on an empty data directory until the login page answers.
 */
import '../src/server/platform/exceljs-utf8.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { freshDatabase, load, people, report, serveAsClerk, time } from './support.js';
import { testConfig } from '../src/server/platform/config.js';
import { createDeps, firstStart } from '../src/server/bootstrap.js';
import { rows, survivesConnectionLoss } from '../src/server/platform/db/index.js';
import { users } from '../src/server/platform/db/schema.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { rosterHeaders } from '../src/server/modules/registry/roster.js';
import { submitPersonImport } from '../src/server/modules/registry/import-persons.js';
import { newPlatformId } from '../src/server/modules/registry/persons.js';
import { PERSON_COLUMNS } from '../src/server/modules/registry/person-row.js';
import { readXlsxRows } from '../src/server/platform/xlsx.js';
import { readFileSync } from 'node:fs';

const cacheDir = new URL('./.cache/', import.meta.url).pathname;

export async function run(args: string[]): Promise<void> {
  const only = args[0];
  if (!only || only === 'import') await importBench(100_000);
  if (!only || only === 'search') await searchBench(Number(process.env.BENCH_PERSONS ?? 1_000_000));
  if (!only || only === 'start') await firstStartBench();
}

async function setup(url: string) {
  const deps = await createDeps(testConfig({ DATABASE_URL: url, JIMIN_READ_AUDIT_FLUSH_MS: 100 }), { inMemory: true });
  await firstStart(deps, () => {});
  const villages = (await rows<{ code: string }>(deps.database.db, sql`select code from divisions where level = 5 order by code`)).map(
    (r) => r.code,
  );
  return { deps, villages };
}

async function rosterFile(n: number, villages: string[]): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `roster-${n}.xlsx`);
  if (existsSync(path)) return path;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow([...rosterHeaders]).commit();
  for (const p of people(n, villages, generateResidentId))
    ws.addRow([p.name, p.idNumber, p.phone, p.village, p.hukouType === 'urban' ? '城镇' : '农村', null, null, null, null]).commit();
  ws.commit();
  await wb.commit();
  return path;
}

async function importBench(n: number): Promise<void> {
  const db = await freshDatabase();
  try {
    const { deps, villages } = await setup(db.url);
    const path = await rosterFile(n, villages);
    const content = readFileSync(path);
    const [admin] = await deps.database.db
      .insert(users)
      .values({
        kind: 'staff',
        username: 'bench',
        displayName: 'bench',
        passwordHash: 'x',
        roles: ['city_admin'],
        divisionCode: '3708',
        mustChangePassword: false,
      })
      .returning({ id: users.id });
    const actor = {
      userId: admin.id,
      username: 'bench',
      kind: 'staff' as const,
      roles: ['city_admin'],
      permissions: new Set<never>(),
      divisionCode: '3708',
      organisationId: null,
      personId: null,
    };
    const [jobId, seconds] = await time(async () => {
      const { jobId } = await submitPersonImport(deps, { actor, ip: '127.0.0.1' }, { name: 'roster.xlsx', content }, 'create', null);
      await deps.jobs.drain();
      return jobId;
    });
    const [{ count }] = await rows<{ count: string }>(deps.database.db, sql`select count(*) as count from persons`);
    if (Number(count) !== n) {
      const [job] = await rows<{ error: string; result: { errorFileId?: number } }>(
        deps.database.db,
        sql`select error, result from jobs where id = ${jobId}`,
      );
      if (job.result.errorFileId) {
        const [f] = await rows<{ content: Buffer }>(deps.database.db, sql`select content from files where id = ${job.result.errorFileId}`);
        writeFileSync(join(cacheDir, 'import-errors.xlsx'), f.content);
      }
      throw new Error(`import loaded ${count} of ${n} rows: ${job.error} ${JSON.stringify(job.result)}`);
    }

    // Floor: same reader, raw values, one COPY, no validation or encryption.
    await deps.database.db.execute(sql.raw(`create table floor_roster (${rosterHeaders.map((_, i) => `c${i} text`).join(', ')})`));
    const [, floor] = await time(async () => {
      const raw: (string | null)[][] = [];
      for await (const r of readXlsxRows(content, [...rosterHeaders])) raw.push(r.cells);
      await deps.database.rawTransaction((tx) =>
        tx.copyRows(
          'floor_roster',
          rosterHeaders.map((_, i) => `c${i}`),
          raw,
        ),
      );
    });
    report({ bench: 'registry.import_100k', n, seconds, floor_seconds: floor });
    await deps.database.close();
  } finally {
    await db.drop();
  }
}

async function loadPersons(n: number, deps: Awaited<ReturnType<typeof setup>>['deps'], villages: string[]) {
  const c = deps.cipher;
  await deps.database.rawTransaction((tx) =>
    tx.copyRows(
      'persons',
      [
        'platform_id',
        'name',
        'sex',
        'birth_date',
        'id_number_enc',
        'id_number_hash',
        'phone_enc',
        'phone_hash',
        'hukou_division_code',
        'hukou_type',
      ],
      (function* () {
        for (const p of people(n, villages, generateResidentId)) {
          yield [
            newPlatformId('P'),
            p.name,
            Number(p.idNumber[16]) % 2 ? 'male' : 'female',
            `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`,
            c.encrypt(p.idNumber),
            c.lookupHash(p.idNumber),
            c.encrypt(p.phone),
            c.lookupHash(p.phone),
            p.village,
            p.hukouType,
          ];
        }
      })(),
    ),
  );
  // As after any bulk load: statistics and the visibility map, so autovacuum does not run during the measurement.
  await deps.database.db.execute(sql`vacuum analyze persons`);
}

async function searchBench(n: number): Promise<void> {
  const db = await freshDatabase();
  try {
    const { deps, villages } = await setup(db.url);
    await loadPersons(n, deps, villages);
    const township = '370811002';
    const samples = await rows<{ id_number_enc: string; name: string }>(
      deps.database.db,
      sql`select id_number_enc, name from persons where hukou_division_code like ${township + '%'} order by id limit 200`,
    );
    const ids = samples.map((s) => deps.cipher.decrypt(s.id_number_enc));
    const prefixes = [...new Set(samples.map((s) => s.name.slice(0, 1)))];
    const { app, address, cookie } = await serveAsClerk(deps, township);

    // Floor: a bare Fastify + pg endpoint running the same SQL as the search (same columns, count and
    // order) and returning its rows as they come: no session, scope building, audit, decryption or schema.
    // Its clients end when the scratch database is dropped.
    const pool = survivesConnectionLoss(new pg.Pool({ connectionString: db.url, max: Number(process.env.JIMIN_DB_POOL ?? 10) }));
    const bare = Fastify();
    const same = (cond: string) => `select ${PERSON_COLUMNS}, count(*) over () as total from persons
      where persons.hukou_division_code like $1 and ${cond} order by persons.hukou_division_code, persons.id limit 20 offset 0`;
    bare.get(
      '/name',
      async (req) => (await pool.query(same('persons.name like $2'), [township + '%', (req.query as { q: string }).q + '%'])).rows,
    );
    bare.get(
      '/id',
      async (req) => (await pool.query(same('persons.id_number_hash = $2'), [township + '%', (req.query as { h: string }).h])).rows,
    );
    const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
    const hashes = ids.map((i) => deps.cipher.lookupHash(i));

    for (const kind of ['name', 'id'] as const) {
      // Warm-up (caches, JIT) for both endpoints before measuring.
      await load(address, cookie, [`/api/persons?name=${encodeURIComponent(prefixes[0])}`, `/api/persons?idNumber=${ids[0]}`], '3');
      await load(bareAddress, '', [`/name?q=${encodeURIComponent(prefixes[0])}`, `/id?h=${hashes[0]}`], '3');
      const real = await load(
        address,
        cookie,
        kind === 'name' ? prefixes.map((p) => `/api/persons?name=${encodeURIComponent(p)}`) : ids.map((i) => `/api/persons?idNumber=${i}`),
      );
      const floor = await load(
        bareAddress,
        '',
        kind === 'name' ? prefixes.map((p) => `/name?q=${encodeURIComponent(p)}`) : hashes.map((h) => `/id?h=${h}`),
      );
      report({
        bench: `registry.search_${kind}`,
        n,
        seconds: real.p99 / 1000,
        floor_seconds: floor.p99 / 1000,
        p50_ms: real.p50,
        p99_ms: real.p99,
        floor_p99_ms: floor.p99,
        requests: real.requests,
        errors: real.errors,
        connections: 50,
      });
    }
    await app.close();
    await bare.close();
    await pool.end();
    await deps.readAudit.flush();
    await deps.database.close();
  } finally {
    // BENCH_KEEP=1 keeps the loaded database for EXPLAIN work; its URL is printed.
    if (process.env.BENCH_KEEP) console.error(`kept ${db.url}`);
    else await db.drop();
  }
}

async function firstStartBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jimin-start-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const started = process.hrtime.bigint();
  // The embedded database, as `npm start` on a fresh clone uses.
  const { DATABASE_URL: _unused, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...env, JIMIN_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/login`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (child.exitCode !== null) throw new Error('server exited');
      await new Promise((r) => setTimeout(r, 100));
    }
    report({ bench: 'registry.first_start', n: 1, seconds: Number(process.hrtime.bigint() - started) / 1e9, floor_seconds: null });
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
