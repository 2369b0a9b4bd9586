/**
 * Registry benchmarks (issue: platform foundation):
 * - registry.import_100k: a 100,000-row roster .xlsx imported (validation + encryption + one
 *   transaction) on PostgreSQL; floor: the same file read with the same reader and its raw values
 *   COPYed into a plain table.
 * - registry.search_name / registry.search_id: scoped search over 1,000,000 persons with 50
 *   concurrent clients (autocannon) for a township clerk; floor: a bare Fastify + pg endpoint
 *   running the same query.
 * - registry.first_start: `npm start` on an empty data directory until the login page answers.
 * - registry.seed: the synthetic city's registry part (docs/synthetic-city.md) built on PostgreSQL at
 *   scale 1 (8,240,500 persons; `--scale 0.01` for a quick run): households, persons with encrypted
 *   ID numbers and phones and their hashes, allowances; floor: the same rows, written to files by
 *   COPY TO (ciphertexts included), COPYed into a fresh migrated database in one transaction.
 * - registry.death_file: a 部门比对名单 of 65,000 deaths matched against the synthetic city's persons (scale 1:
 *   8,240,500; `--scale` for a quick run); floor: the same file read with the same reader, hashed, COPYed and
 *   joined with persons on the ID hash.
 * The search benchmarks' persons are the synthetic city's too, at the scale that gives their n.
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
import type { Actor } from '../src/server/platform/context.js';
import { defaultRoles } from '../src/shared/permissions.js';
import { rosterHeaders } from '../src/server/modules/registry/roster.js';
import { submitPersonImport } from '../src/server/modules/registry/import-persons.js';
import { PERSON_COLUMNS } from '../src/server/modules/registry/person-row.js';
import { readXlsxRows } from '../src/server/platform/xlsx.js';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { buildSyntheticCity, cityOptions, DEFAULT_SEED } from '../src/server/demo/city.js';
import { RESIDENTS } from '../src/server/modules/registry/synthetic.js';
import { openMigratedDatabase } from '../src/server/platform/db/index.js';
import { submitAgencyFile } from '../src/server/modules/registry/agency-files/match.js';
import { agencyFileHeaders } from '../src/shared/registry/agency-files.js';
import { addDays, shanghaiToday } from '../src/shared/dates.js';

const cacheDir = new URL('./.cache/', import.meta.url).pathname;

export async function run(args: string[]): Promise<void> {
  const only = args[0]?.startsWith('--') ? undefined : args[0];
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
  if (!only || only === 'import') await importBench(100_000);
  if (!only || only === 'search') await searchBench(Number(process.env.BENCH_PERSONS ?? 1_000_000));
  if (!only || only === 'start') await firstStartBench();
  if (!only || only === 'seed') await seedBench(scale);
  if (!only || only === 'death_file') await deathFileBench(scale);
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
  const path = join(cacheDir, `roster-synthetic-${n}.xlsx`);
  if (existsSync(path)) return path;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow([...rosterHeaders]).commit();
  for (const p of people(n, villages))
    ws.addRow([p.name, p.idNumber, p.phone, p.village, p.hukouType === 'urban' ? '城镇' : '农村', null, null, null, null]).commit();
  ws.commit();
  await wb.commit();
  return path;
}

/** A city-level administrator the use cases run as (their jobs read the role's permissions from the database). */
async function cityAdmin(deps: Awaited<ReturnType<typeof setup>>['deps'], username: string): Promise<Actor> {
  const [admin] = await deps.database.db
    .insert(users)
    .values({
      kind: 'staff',
      username,
      displayName: 'bench',
      passwordHash: 'x',
      roles: ['city_admin'],
      divisionCode: '3708',
      mustChangePassword: false,
    })
    .returning({ id: users.id });
  const role = defaultRoles.find((r) => r.code === 'city_admin')!;
  return {
    userId: admin.id,
    username,
    kind: 'staff',
    roles: ['city_admin'],
    permissions: new Set(role.permissions),
    divisionCode: '3708',
    organisationId: null,
    personId: null,
  };
}

async function importBench(n: number): Promise<void> {
  const db = await freshDatabase();
  try {
    const { deps, villages } = await setup(db.url);
    const path = await rosterFile(n, villages);
    const content = readFileSync(path);
    const actor = await cityAdmin(deps, 'bench');
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

/** `n` residents of the synthetic city (its registry part at the scale that gives n), analysed as after any bulk load. */
async function loadPersons(n: number, deps: Awaited<ReturnType<typeof setup>>['deps']) {
  await buildSyntheticCity(deps.database, deps.cipher, cityOptions({ scale: n / RESIDENTS }), { parts: ['registry'] });
  // Statistics and the visibility map, so autovacuum does not run during the measurement.
  await deps.database.db.execute(sql`vacuum analyze`);
}

async function searchBench(n: number): Promise<void> {
  const db = await freshDatabase();
  try {
    const { deps } = await setup(db.url);
    await loadPersons(n, deps);
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

/** The tables of the registry part and the columns it writes, in load order. */
const seedTables = [
  ['households', 'household_no, division_code, address, head_person_id'],
  [
    'persons',
    `platform_id, name, sex, birth_date, id_number_enc, id_number_hash, phone_enc, phone_hash, hukou_division_code, hukou_type,
      disability_type, disability_grade, household_id, relation, marital_status`,
  ],
  ['benefits', 'person_id, division_code, type, monthly_amount_fen, start_month, source, note'],
] as const;

async function seedBench(scale: number): Promise<void> {
  const db = await freshDatabase();
  const floorDb = await freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'jimin-seed-floor-'));
  try {
    const { deps } = await setup(db.url);
    const [counts, seconds] = await time(() =>
      buildSyntheticCity(deps.database, deps.cipher, cityOptions({ scale, seed: DEFAULT_SEED }), { parts: ['registry'] }),
    );
    const [{ bytes }] = await rows<{ bytes: string }>(deps.database.db, sql`select pg_database_size(current_database()) as bytes`);
    await deps.database.close();

    // Floor: the same rows (ciphertexts and hashes as built) in files, then one raw COPY per table into
    // a fresh migrated database (same indexes and foreign keys) in one transaction.
    const source = new pg.Client({ connectionString: db.url });
    await source.connect();
    for (const [table, columns] of seedTables)
      await pipeline(
        source.query(copyTo(`COPY (select ${columns} from ${table} order by id) TO STDOUT`)),
        createWriteStream(join(dir, table)),
      );
    await source.end();
    const migrated = await openMigratedDatabase({ url: floorDb.url });
    await migrated.close();
    const target = new pg.Client({ connectionString: floorDb.url });
    await target.connect();
    const [, floor] = await time(async () => {
      await target.query('BEGIN');
      for (const [table, columns] of seedTables)
        await pipeline(createReadStream(join(dir, table)), target.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
      await target.query('COMMIT');
    });
    await target.end();
    report({
      bench: 'registry.seed',
      n: counts.registry.persons,
      seconds,
      floor_seconds: floor,
      scale,
      households: counts.registry.households,
      database_mb: Math.round(Number(bytes) / 1e6),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
    await floorDb.drop();
  }
}

/**
 * registry.death_file: a 部门比对名单 of 65,000 deaths (Jining's deaths in a year) matched against the
 * synthetic city's persons (8,240,500 at scale 1): the upload, every line checked, the lines COPYed and
 * the one matching statement, until the job has its counts; floor: the same file read with the same
 * reader, each ID number hashed, the name, hash and date COPYed into a plain table and one join with
 * persons on the ID hash.
 */
async function deathFileBench(scale: number, n = 65_000): Promise<void> {
  const db = await freshDatabase();
  try {
    const { deps } = await setup(db.url);
    await loadPersons(Math.round(RESIDENTS * scale), deps);
    const [{ persons }] = await rows<{ persons: number }>(deps.database.db, sql`select count(*)::int as persons from persons`);
    const wanted = Math.min(n, Math.floor(persons / 4));
    const step = Math.floor(persons / wanted);
    const diedOn = addDays(shanghaiToday(), -30);
    const picked = await rows<{ name: string; id_number_enc: string }>(
      deps.database.db,
      sql`select name, id_number_enc from persons where id % ${step} = 0 and id_number_enc is not null and birth_date < ${diedOn}
          order by id limit ${wanted}`,
    );
    mkdirSync(cacheDir, { recursive: true });
    const path = join(cacheDir, `deaths-${persons}-${wanted}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet('死亡名单');
    ws.addRow([...agencyFileHeaders.deaths]).commit();
    for (const p of picked) ws.addRow([p.name, deps.cipher.decrypt(p.id_number_enc), diedOn, '济宁市', null, null]).commit();
    ws.commit();
    await wb.commit();
    const lines = picked.length;
    const content = readFileSync(path);
    const actor = await cityAdmin(deps, 'bench_deaths');
    const [file, seconds] = await time(async () => {
      const { agencyFileId } = await submitAgencyFile(
        deps,
        { actor, ip: '127.0.0.1' },
        { name: 'deaths.xlsx', content },
        { kind: 'deaths', agency: 'police' },
        null,
      );
      await deps.jobs.drain();
      return agencyFileId;
    });
    const [{ counts }] = await rows<{ counts: { matched: number } }>(
      deps.database.db,
      sql`select counts from agency_files where id = ${file}`,
    );
    if (counts.matched !== lines) throw new Error(`death file matched ${counts.matched} of ${lines} lines: ${JSON.stringify(counts)}`);

    // Floor: the same reader, the hash the join needs, one COPY into a plain table, one join.
    await deps.database.db.execute(sql`create table floor_deaths (name text, id_number_hash text, died_on date)`);
    const [matched, floor] = await time(async () => {
      const raw: (string | null)[][] = [];
      for await (const r of readXlsxRows(content, [...agencyFileHeaders.deaths]))
        raw.push([r.cells[0], deps.cipher.lookupHash(r.cells[1]!), r.cells[2]]);
      return deps.database.rawTransaction(async (tx) => {
        await tx.copyRows('floor_deaths', ['name', 'id_number_hash', 'died_on'], raw);
        const [m] = await tx.query<{ n: number }>(
          `select count(*)::int as n from floor_deaths f join persons p on p.id_number_hash = f.id_number_hash`,
        );
        return m.n;
      });
    });
    if (matched !== lines) throw new Error(`floor matched ${matched} of ${lines}`);
    report({ bench: 'registry.death_file', n: lines, seconds, floor_seconds: floor, persons });
    await deps.database.close();
  } finally {
    await db.drop();
  }
}
