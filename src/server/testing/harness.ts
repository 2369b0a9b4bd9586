/**
 * Integration-test harness: a real database per test file (in-memory PGlite, or a fresh
 * PostgreSQL database under TEST_DATABASE_URL when the `postgres` project runs), migrated and
 * seeded with roles and Jining's divisions; the real Fastify app driven through `inject`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { testConfig, type Config } from '../platform/config.js';
import type { Deps } from '../platform/deps.js';
import { buildApp } from '../app.js';
import { createDeps, firstStart } from '../bootstrap.js';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { scratchDatabase } from './scratch-db.js';
import { survivesConnectionLoss, type Db } from '../platform/db/index.js';
import { users } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/password.js';
import { SESSION_COOKIE } from '../platform/auth/session.js';
import { auditRowsNotInWords } from './audit-words.js';

export const TEST_PASSWORD = 'Test-Passw0rd!x';
/**
 * The platform's own origin as a browser would send it: inject's Host is `localhost:80`. Every
 * request of a client carries it (Z7); a test passes `origin: undefined` to send none.
 */
export const TEST_ORIGIN = 'http://localhost';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /**
   * The database as its owner, for what a test does behind the application's back (disabling a
   * trigger, damaging a row); the same handle as the application's on PGlite.
   */
  owner: Db;
  /** Creates a staff user (password TEST_PASSWORD, no forced change) and returns a logged-in client. */
  login(spec: { roles: string[]; divisionCode: string; organisationId?: number | null; username?: string }): Promise<Client>;
  /** A resident portal account of a registered person (as a confirmed sign-up leaves it), logged in. */
  loginResident(spec: { personId: number; divisionCode: string }): Promise<Client>;
  client(): Client;
  close(): Promise<void>;
}

export interface Client {
  userId: number;
  cookie: string | null;
  get(url: string): Promise<LightMyRequestResponse>;
  /** `headers`: a header given as undefined is not sent (`{ origin: undefined }`: no Origin). */
  post(url: string, body?: unknown, headers?: Record<string, string | undefined>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.JIMIN_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

let sharedPassword: Promise<string> | null = null;

export async function startTestApp(overrides: Partial<Config> = {}, opts: { logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  let dropDb: (() => Promise<void>) | null = null;
  let ownerUrl: string | undefined;
  let appUrl: string | undefined;
  if (testDbKind() === 'postgres') {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL!, 'jimin_t');
    ownerUrl = scratch.url;
    appUrl = scratch.appUrl;
    dropDb = scratch.drop;
  }
  // On PostgreSQL the whole suite runs as the application's role, migrated by the owner (D6).
  const deps = await createDeps({ ...config, DATABASE_URL: appUrl, JIMIN_MIGRATION_DATABASE_URL: ownerUrl }, { inMemory: true, env: {} });
  const database = deps.database;
  const ownerPool = ownerUrl ? survivesConnectionLoss(new pg.Pool({ connectionString: ownerUrl, max: 2 })) : null;
  const owner = ownerPool ? (drizzle(ownerPool) as unknown as Db) : database.db;
  await firstStart(deps, () => {});
  const app = await buildApp(deps, opts.logStream ? { logStream: opts.logStream } : { logger: false });
  await app.ready();
  sharedPassword ??= hashPassword(TEST_PASSWORD);
  let n = 0;

  const makeClient = (userId: number, cookie: string | null): Client => {
    const inject = (o: InjectOptions) => {
      const headers: Record<string, unknown> = {
        origin: TEST_ORIGIN,
        ...(o.headers ?? {}),
        ...(client.cookie ? { cookie: `${SESSION_COOKIE}=${client.cookie}` } : {}),
      };
      for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
      return app.inject({ ...o, headers: headers as InjectOptions['headers'] });
    };
    const client: Client = {
      userId,
      cookie,
      inject,
      get: (url) => inject({ method: 'GET', url }),
      post: (url, body, headers) => inject({ method: 'POST', url, payload: body as never, headers: headers as InjectOptions['headers'] }),
      patch: (url, body) => inject({ method: 'PATCH', url, payload: body as never }),
      delete: (url) => inject({ method: 'DELETE', url }),
    };
    return client;
  };

  return {
    app,
    deps,
    client: () => makeClient(0, null),
    login(spec) {
      return loginAs(
        { kind: 'staff', roles: spec.roles, divisionCode: spec.divisionCode, organisationId: spec.organisationId ?? null },
        spec.username,
      );
    },
    loginResident(spec) {
      return loginAs({ kind: 'resident', roles: [], divisionCode: spec.divisionCode, personId: spec.personId });
    },
    owner,
    async close() {
      // Every audit row the file's tests made reads in words on the audit page (no raw code, no unlabelled key).
      const notInWords = await auditRowsNotInWords(owner).catch(() => []);
      await app.close();
      await database.close();
      await ownerPool?.end();
      if (dropDb) await dropDb();
      if (notInWords.length) throw new Error(`audit rows not in words (src/shared/audit-actions.ts):\n${notInWords.join('\n')}`);
    },
  };

  async function loginAs(
    values: Pick<typeof users.$inferInsert, 'kind' | 'roles' | 'divisionCode' | 'organisationId' | 'personId'>,
    name?: string,
  ): Promise<Client> {
    const username = name ?? `u${++n}_${randomBytes(3).toString('hex')}`;
    const [u] = await database.db
      .insert(users)
      .values({
        ...values,
        username,
        displayName: username,
        passwordHash: await sharedPassword!,
        mustChangePassword: false,
        passwordChangedAt: new Date(),
      })
      .returning({ id: users.id });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
      headers: { origin: TEST_ORIGIN },
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    return makeClient(u.id, cookie);
  }
}

/** A valid 12-digit village code of each of two townships in two counties, for scoping tests. */
export const places = {
  city: '3708',
  rencheng: '370811',
  /** 任城区许庄街道, 航运新村居委会 */
  renchengTownshipA: '370811002',
  renchengVillageA: '370811002001',
  /** 任城区李营街道 */
  renchengTownshipB: '370811005',
  renchengVillageB: '370811005001',
  /** 兖州区, 韦园社区居委会 */
  yanzhou: '370812',
  yanzhouVillage: '370812001002',
};
