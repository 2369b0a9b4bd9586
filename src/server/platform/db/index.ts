/**
 * One database handle for both engines: PGlite (embedded, in ./data) and PostgreSQL (`pg`).
 * Queries are written once with drizzle; bulk loads use `copyRows` (COPY on both engines).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
/**
 * A database or a transaction: functions that take one do their work on it. Queries name their tables
 * (the modules' schema files); the handle knows none of them, so the platform imports no module.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export const migrationsFolder = fileURLToPath(new URL('../../../../db/migrations', import.meta.url));

/** A raw connection inside one transaction, for COPY and hand-written SQL. */
export interface RawTx {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY rows (arrays of text or null) into table(columns). */
  copyRows(table: string, columns: string[], rows: Iterable<(string | number | null)[]>): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** A transaction on a raw connection (bulk loads); PGlite serialises it with all other work. */
  rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  /**
   * Rows of a hot read, outside any transaction. With `planOnce` it runs on PostgreSQL as a named
   * prepared statement, parsed and planned once per connection; only for statements whose best plan
   * does not depend on the values (scope.planOnce). PGlite runs it as usual.
   */
  read<T>(query: SQL, planOnce: boolean): Promise<T[]>;
  close(): Promise<void>;
}

export async function openDatabase(opts: { url?: string; dataDir?: string | null }): Promise<Database> {
  const database = opts.url ? openPostgres(opts.url) : await openPglite(opts.dataDir ?? null);
  return database;
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder });
  else await migratePg(database.db as never, { migrationsFolder });
}

/**
 * The application's database, migrated. On PostgreSQL the migrations run through `migrationUrl`
 * (the owner role) when it is given and the application connects through `url` as the
 * non-superuser role `jimin_app` grants DML to (docs/security.md D6, docs/operator-guide.md "Database roles"); without
 * it both go through `url`, as on PGlite, which has one built-in user.
 */
export async function openMigratedDatabase(opts: { url?: string; migrationUrl?: string; dataDir?: string | null }): Promise<Database> {
  if (opts.url && opts.migrationUrl) {
    const owner = openPostgres(opts.migrationUrl);
    try {
      await migrateDatabase(owner);
    } finally {
      await owner.close();
    }
    return openPostgres(opts.url);
  }
  const database = await openDatabase(opts);
  await migrateDatabase(database);
  return database;
}

/** Whether the connection's role is a superuser (it should not be: D6). */
export async function connectsAsSuperuser(database: Database): Promise<boolean> {
  if (database.kind === 'pglite') return false;
  const [row] = await rows<{ super: boolean }>(database.db, sql`select rolsuper as super from pg_roles where rolname = current_user`);
  return Boolean(row?.super);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rawTransaction: (fn) =>
      client.transaction(async (tx) =>
        fn({
          query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
          copyRows: async (table, columns, rows) => {
            const blob = new Blob([toCopyText(rows)]);
            await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
          },
        }),
      ),
    read: (query) => rows(db, query),
    close: () => client.close(),
  };
}

function openPostgres(url: string): Database {
  const pool = survivesConnectionLoss(
    new pg.Pool({ connectionString: url, max: Number(process.env.JIMIN_DB_POOL ?? 10), connectionTimeoutMillis: 5000 }),
  );
  const db = drizzlePg(pool) as unknown as Db;
  const dialect = new PgDialect();
  /** Statement text → its name (a digest of the text, so one name never means two statements). */
  const statementNames = new Map<string, string>();
  return {
    kind: 'postgres',
    db,
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
          copyRows: async (table, columns, rows) => {
            const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
            await pipeline(Readable.from(copyChunks(rows)), stream);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    read: async <T>(query: SQL, planOnce: boolean) => {
      if (!planOnce) return rows<T>(db, query);
      const { sql: text, params } = dialect.sqlToQuery(query);
      let name = statementNames.get(text);
      if (!name) statementNames.set(text, (name = `j${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
      return (await pool.query({ name, text, values: params, types: rawDateTypes })).rows as T[];
    },
    close: () => pool.end(),
  };
}

/**
 * A pool whose clients may lose their connection (the server restarted, a backend was terminated)
 * without ending the process: pg reports it as an 'error' event, which kills the process when
 * nothing listens. An idle client reports to the pool's listener, a checked-out one (inside a
 * transaction) to its own. The query in flight fails (503, see http/errors.ts) and the pool drops
 * the client.
 */
export function survivesConnectionLoss(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Dates, times and intervals as PostgreSQL writes them, as drizzle's own queries return them. */
const keptAsText = new Set<number>([
  pg.types.builtins.DATE,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.INTERVAL,
  1115,
  1182,
  1185,
  1187,
  1231,
]);
const rawDateTypes = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') =>
    keptAsText.has(id) ? (v: string) => v : pg.types.getTypeParser(id, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * `column` starts with `prefix`, as a range of a text_pattern_ops index (byte order, which is code
 * point order in UTF-8): the same rows as `like 'prefix%'` with nothing to escape, and usable by a
 * prepared statement's generic plan, where a `like` with a parameter is not.
 */
export function startsWith(column: SQL | SQL.Aliased | { getSQL(): SQL }, prefix: string): SQL {
  // The upper bound: the prefix with its last character incremented (carrying past U+10FFFF).
  const chars = [...prefix];
  let upper: string | null = null;
  while (chars.length) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last === 0x10ffff) continue;
    upper = chars.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
    break;
  }
  if (prefix === '') return sql`true`;
  return upper === null ? sql`${column} ~>=~ ${prefix}` : sql`(${column} ~>=~ ${prefix} and ${column} ~<~ ${upper})`;
}

/**
 * `column like 'prefix%'`, the prefix escaped. For a name checked on rows reached through another
 * index (a township's cases or recipients joined to their person by key): the planner takes a
 * pattern as selective and keeps the join by key, where a range, estimated from the name's
 * histogram, tempts it to fetch every person of a common surname in the city (decision 22).
 */
export function likePrefix(column: SQL | { getSQL(): SQL }, prefix: string): SQL {
  return sql`${column} like ${prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`;
}

/** Rows of a query written with drizzle's `sql` template, on either engine. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

const COPY_SPECIAL = /[\\\t\n\r]/;
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  const s = String(v);
  if (!COPY_SPECIAL.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function toCopyText(rows: Iterable<(string | number | null)[]>): string {
  let out = '';
  for (const r of rows) out += r.map(copyField).join('\t') + '\n';
  return out;
}

function* copyChunks(rows: Iterable<(string | number | null)[]>): Generator<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += r.map(copyField).join('\t') + '\n';
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
