/**
 * docs/security.md D5: a backup, made as docs/operator-guide.md "Backup and restore" says, restored into
 * an empty database: every table has the same rows (count and checksum), `npm run audit:verify`
 * finds the chain intact, and the platform starts on it and reads the households back (decrypting
 * their members).
 */
import { afterAll, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { places, testDbKind } from '../testing/harness.js';
import { scratchDatabase } from '../testing/scratch-db.js';
import { pgProgram } from '../testing/pg-cluster.js';
import { pgliteEnv, runScript, serveWithClerk, serverDatabaseEnv, ServerProcess } from '../testing/server-process.js';
import { startWrites, until } from '../testing/write-load.js';
import { openDatabase, rows } from './db/index.js';

const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/**
 * Households written through a running server, a search (read audit rows), then the server stopped
 * as for a backup (its shutdown seals the audit chain). Returns the households' ids.
 */
async function fill(dbEnv: Record<string, string>): Promise<number[]> {
  const { server, cookie } = await serveWithClerk(dbEnv, places.renchengTownshipA, (s) => cleanups.push(() => s.close()));
  const load = startWrites(server, cookie, { clients: 3, village: places.renchengVillageA });
  cleanups.push(() => load.stop());
  await until(() => load.acknowledged.length >= 20 || load.answers.some((a) => a.status !== 200), '20 households written');
  await load.stop();
  expect(load.answers.filter((a) => a.status !== 200)).toEqual([]);
  expect((await server.request('GET', '/api/households?headName=%E5%BC%A0', { cookie })).status).toBe(200);
  await server.stop();
  return load.acknowledged;
}

interface TableSum {
  rows: number;
  md5: string;
}

/**
 * Each table's row count and the md5 of its rows as text in a fixed order, and each sequence's
 * position (a restore that lost them would hand out ids again).
 */
async function snapshot(open: { url?: string; dataDir?: string }): Promise<Record<string, TableSum | string>> {
  const database = await openDatabase(open);
  try {
    const out: Record<string, TableSum | string> = {};
    const tables = await rows<{ s: string; t: string }>(
      database.db,
      sql`select table_schema as s, table_name as t from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    for (const { s, t } of tables) {
      const [r] = await rows<{ n: number; sum: string }>(
        database.db,
        sql.raw(
          `select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text collate "C"), '')) as sum from
            "${s}"."${t}" x`,
        ),
      );
      out[`${s}.${t}`] = { rows: r.n, md5: r.sum };
    }
    for (const q of await rows<{ name: string; last: string | null }>(
      database.db,
      sql`select schemaname || '.' || sequencename as name, last_value::text as last from pg_sequences`,
    )) {
      out[`sequence ${q.name}`] = q.last ?? 'unused';
    }
    return out;
  } finally {
    await database.close();
  }
}

/** The source's contents are all there: households written, audit rows sealed. */
function expectFilled(before: Record<string, TableSum | string>, households: number[]): void {
  const count = (table: string) => (before[table] as TableSum).rows;
  expect(count('public.households')).toBe(households.length);
  expect(count('public.persons')).toBe(2 * households.length);
  expect(count('public.audit_log')).toBeGreaterThan(households.length);
  expect(count('public.audit_chain')).toBe(count('public.audit_log'));
}

/** `npm run audit:verify` on the restored database: intact, every link checked. */
async function expectChainVerifies(dbEnv: Record<string, string>, links: number): Promise<void> {
  const result = await runScript('src/server/platform/audit/verify-cli.ts', dbEnv);
  expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`审计哈希链完好：已校验 ${links} 条记录`) });
}

/** The platform started on the restored database serves the households with their members. */
async function expectServes(dbEnv: Record<string, string>, households: number[]): Promise<void> {
  const server = await ServerProcess.start(dbEnv);
  cleanups.push(() => server.close());
  const cookie = await server.login('clerk');
  const list = await server.request('GET', '/api/households?pageSize=200', { cookie });
  expect((list.body as { total: number }).total).toBe(households.length);
  const one = await server.request('GET', `/api/households/${households[0]}`, { cookie });
  const members = (one.body as { members: { idNumberMasked: string | null }[] }).members;
  expect(members.map((m) => m.idNumberMasked)).toEqual([
    expect.stringMatching(/^370811\*{8}\d{3}[\dX]$/),
    expect.stringMatching(/^370811\*{8}\d{3}[\dX]$/),
  ]);
  await server.close();
}

if (testDbKind() === 'postgres') {
  it('D5 a pg_dump -Fc backup restored with pg_restore into an empty database: row counts and checksums of every table match, the audit chain verifies (PostgreSQL)', async () => {
    const base = process.env.TEST_DATABASE_URL!;
    const source = await scratchDatabase(base, 'jimin_d5');
    cleanups.push(source.drop);
    const households = await fill(serverDatabaseEnv(source));
    const before = await snapshot({ url: source.url });
    expectFilled(before, households);

    const dump = join(tempDir('jimin-d5-'), 'jimin.dump');
    await run(pgProgram('pg_dump'), ['-Fc', '-f', dump, '-d', source.url]);
    const target = await scratchDatabase(base, 'jimin_d5r');
    cleanups.push(target.drop);
    expect(await snapshot({ url: target.url })).toEqual({});
    await run(pgProgram('pg_restore'), ['-d', target.url, dump]);

    expect(await snapshot({ url: target.url })).toEqual(before);
    await expectChainVerifies(serverDatabaseEnv(target), (before['public.audit_chain'] as TableSum).rows);
    await expectServes(serverDatabaseEnv(target), households);
  }, 180_000);
} else {
  it('D5 a PGlite data folder copied while the server is stopped, started from the copy: row counts and checksums of every table match, the audit chain verifies (PGlite)', async () => {
    const source = tempDir('jimin-d5-');
    const households = await fill(pgliteEnv(source));
    // As the guide says: the stopped server's pglite folder, copied into an empty folder.
    const copy = tempDir('jimin-d5-copy-');
    expect(readdirSync(copy)).toEqual([]);
    cpSync(join(source, 'pglite'), join(copy, 'pglite'), { recursive: true });

    const before = await snapshot({ dataDir: join(source, 'pglite') });
    expectFilled(before, households);
    expect(await snapshot({ dataDir: join(copy, 'pglite') })).toEqual(before);
    await expectChainVerifies(pgliteEnv(copy), (before['public.audit_chain'] as TableSum).rows);
    await expectServes(pgliteEnv(copy), households);
  }, 180_000);
}
