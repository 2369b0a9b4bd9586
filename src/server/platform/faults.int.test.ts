/**
 * docs/security.md "Faults and load": the platform as a real process (testing/server-process.ts) under concurrent
 * household registrations (testing/write-load.ts) while its database goes away (F6, F2) or the
 * process itself is killed (F1). What was answered 2xx must be there, whole; nothing half-written.
 * F2 and F6 need a PostgreSQL server to take away, so they run on the postgres project only; F1
 * runs on each engine.
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { places, testDbKind } from '../testing/harness.js';
import { scratchDatabase } from '../testing/scratch-db.js';
import { PgCluster } from '../testing/pg-cluster.js';
import { pgliteEnv, serveWithClerk, serverDatabaseEnv, type ServerProcess } from '../testing/server-process.js';
import { startWrites, until, type WriteLoad } from '../testing/write-load.js';
import { openDatabase, rows } from './db/index.js';

/** Run in reverse order after the file, whatever failed: stop loads, then servers, then databases. */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const ok = (a: { status: number }) => a.status >= 200 && a.status < 300;
const unavailable = (a: { status: number }) => a.status === 503;

/** A server on `dbEnv` with a township clerk logged in, and writers started. */
async function serveWithWriters(dbEnv: Record<string, string>): Promise<{ server: ServerProcess; load: WriteLoad }> {
  const { server, cookie } = await serveWithClerk(dbEnv, places.renchengTownshipA, (s) => cleanups.push(() => s.close()));
  const load = startWrites(server, cookie, { clients: 6, village: places.renchengVillageA });
  cleanups.push(() => load.stop());
  return { server, load };
}

/** Waits for `n` more acknowledged writes: the load is running (and the server alive). */
const moreWrites = (server: ServerProcess, load: WriteLoad, n: number, what: string) => {
  const since = Date.now();
  return until(() => {
    if (server.unexpectedExits) throw new Error(`the server died:\n${server.output()}`);
    return load.count(ok, since) >= n;
  }, what);
};

/**
 * Every acknowledged household is stored whole (head, both members, its audit row), and no
 * household in the database is half-written: the transaction of each is all or nothing.
 */
async function expectWholeHouseholds(open: { url?: string; dataDir?: string }, acknowledged: number[]): Promise<void> {
  const database = await openDatabase(open);
  try {
    const stored = await rows<{ id: string | number; head: string | number | null; members: string | number; audited: boolean }>(
      database.db,
      sql`select h.id, h.head_person_id as head, (select count(*) from persons p where p.household_id = h.id) as members,
            exists (select 1 from audit_log a where a.action = 'household.create' and a.object_id = h.id::text) as audited
          from households h`,
    );
    const byId = new Map(stored.map((h) => [Number(h.id), h]));
    const missing = acknowledged.filter((id) => !byId.has(id));
    expect(missing, 'acknowledged households missing').toEqual([]);
    const partial = stored.filter((h) => h.head === null || Number(h.members) !== 2 || !h.audited);
    expect(partial, 'half-written households').toEqual([]);
    const [{ n }] = await rows<{ n: string | number }>(database.db, sql`select count(*) as n from persons where household_id is null`);
    expect(Number(n), 'persons without their household').toBe(0);
  } finally {
    await database.close();
  }
}

/** Only 200 and 503 DB_UNAVAILABLE were answered, and every request was answered. */
function expectOnlyOkOrUnavailable(load: WriteLoad): void {
  const other = load.answers.filter((a) => !ok(a) && !(a.status === 503 && a.code === 'DB_UNAVAILABLE'));
  expect(other.slice(0, 5), `${other.length} answers neither 2xx nor 503 DB_UNAVAILABLE`).toEqual([]);
}

if (testDbKind() === 'postgres') {
  it('F6 database connections terminated mid-transaction under concurrent writes, several rounds: the process stays up, 503 (never 500) meanwhile, 200 after, nothing acknowledged lost', async () => {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'jimin_f6');
    cleanups.push(scratch.drop);
    const { server, load } = await serveWithWriters(serverDatabaseEnv(scratch));
    // The test's own superuser connections: one in the database terminates everyone else's; one
    // outside it closes and opens the database (PostgreSQL refuses that from inside).
    const connect = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      cleanups.push(() => client.end());
      return client;
    };
    const side = await connect(scratch.url);
    const outside = await connect(process.env.TEST_DATABASE_URL!);
    const [{ name }] = (await side.query<{ name: string }>('select current_database() as name')).rows;
    const terminate = async () =>
      (
        await side.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        )
      ).rowCount;

    for (let round = 1; round <= 4; round++) {
      await moreWrites(server, load, 10, `writes before outage ${round}`);
      // Odd rounds: the backends are terminated and the pool reconnects at once. Even rounds: the
      // database also refuses new connections until at least a few requests were answered 503.
      const closed = round % 2 === 0;
      if (closed) await outside.query(`alter database ${name} allow_connections false`);
      const since = Date.now();
      expect(await terminate()).toBeGreaterThan(0);
      if (closed) {
        await until(() => load.count(unavailable, since) >= 5 || Boolean(server.unexpectedExits), `503 answers during outage ${round}`);
        await outside.query(`alter database ${name} allow_connections true`);
      }
      await moreWrites(server, load, 10, `writes after outage ${round}`);
    }
    await load.stop();

    expect(server.unexpectedExits, server.output()).toBe(0);
    expect(server.running).toBe(true);
    expectOnlyOkOrUnavailable(load);
    expect(load.count(unavailable)).toBeGreaterThanOrEqual(10);
    expect((await server.request('GET', '/api/health')).status).toBe(200);
    await expectWholeHouseholds({ url: scratch.url }, load.acknowledged);
  }, 180_000);

  it('F2 the database server restarted under load: 503 during the outage, recovery without restarting the platform, nothing acknowledged lost', async () => {
    const cluster = await PgCluster.create();
    cleanups.push(() => cluster.destroy());
    const scratch = await scratchDatabase(cluster.url, 'jimin_f2');
    const { server, load } = await serveWithWriters(serverDatabaseEnv(scratch));

    for (let round = 1; round <= 2; round++) {
      await moreWrites(server, load, 10, `writes before restart ${round}`);
      const since = Date.now();
      await cluster.stop('fast');
      await until(
        () => load.count(unavailable, since) >= 5 || Boolean(server.unexpectedExits),
        `503 answers while the database is down (${round})`,
      );
      await cluster.start();
      await moreWrites(server, load, 10, `writes after restart ${round}`);
    }
    await load.stop();

    expect(server.unexpectedExits, server.output()).toBe(0);
    expect(server.running).toBe(true);
    expectOnlyOkOrUnavailable(load);
    await expectWholeHouseholds({ url: scratch.url }, load.acknowledged);
  }, 180_000);

  it('F1 kill -9 of the server during concurrent writes: every write answered 2xx is there after the restart, none half-written (PostgreSQL)', async () => {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'jimin_f1');
    cleanups.push(scratch.drop);
    const { server, load } = await killDuringWrites(serverDatabaseEnv(scratch));
    await server.close();
    await expectWholeHouseholds({ url: scratch.url }, load.acknowledged);
  }, 180_000);
} else {
  it('F1 kill -9 of the server during concurrent writes: every write answered 2xx is there after the restart, none half-written (PGlite, data in JIMIN_DATA_DIR)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jimin-f1-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const { server, load } = await killDuringWrites(pgliteEnv(dataDir));
    // PGlite is one process's: the test reads the folder once the server has stopped.
    await server.close();
    await expectWholeHouseholds({ dataDir: join(dataDir, 'pglite') }, load.acknowledged);
  }, 180_000);
}

/**
 * Two rounds of kill -9 while six clients write, each followed by a restart on the same database;
 * then every acknowledged household must read back through the restarted server.
 */
async function killDuringWrites(dbEnv: Record<string, string>) {
  const { server, load } = await serveWithWriters(dbEnv);
  for (let round = 1; round <= 2; round++) {
    await moreWrites(server, load, 10, `writes before kill ${round}`);
    await server.kill();
    await server.start();
  }
  await moreWrites(server, load, 5, 'writes after the last restart');
  await load.stop();
  // Requests cut off by a kill got no answer; every answer was 2xx.
  expect(load.answers.filter((a) => a.status !== 0 && !ok(a)).slice(0, 5)).toEqual([]);
  expect(server.unexpectedExits, server.output()).toBe(0);
  const cookie = await server.login('clerk');
  for (const id of load.acknowledged) {
    const res = await server.request('GET', `/api/households/${id}`, { cookie });
    expect({ id, status: res.status, members: (res.body as { members?: unknown[] }).members?.length }).toEqual({
      id,
      status: 200,
      members: 2,
    });
  }
  return { server, load };
}
