/**
 * The platform as `npm start` runs it, in a child process, for the fault and load tests
 * (docs/security.md F1, F2, F6, D5, L1): a kill -9 or a dead database must be seen by a real process,
 * not by an app inside the test runner. Only loopback addresses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../platform/config.js';
import { createDeps, firstStart } from '../bootstrap.js';
import type { Deps } from '../platform/deps.js';
import { users } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/password.js';
import { SESSION_COOKIE } from '../platform/auth/session.js';
import { TEST_PASSWORD } from './harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Fixed keys (keyring.ts format), so that a restarted server and the test read each other's rows. */
export const TEST_KEYS = JSON.stringify({
  active: 'k1',
  lookup: Buffer.alloc(32, 7).toString('base64'),
  keys: { k1: Buffer.alloc(48, 9).toString('base64') },
});

/**
 * The database variables of the platform for a PostgreSQL scratch database (scratch-db.ts): the one
 * place that decides which role the server runs as. As in production and the PostgreSQL suite, the
 * owner migrates and the application connects as the non-superuser member of jimin_app (D6).
 */
export function serverDatabaseEnv(scratch: { url: string; appUrl: string }): Record<string, string> {
  return { DATABASE_URL: scratch.appUrl, JIMIN_MIGRATION_DATABASE_URL: scratch.url };
}

/** The variables of a server on PGlite: its data (and nothing else) in `dataDir`. */
export function pgliteEnv(dataDir: string): Record<string, string> {
  return { JIMIN_DATA_DIR: dataDir };
}

/** Everything but the database: fixed keys, no demo data, logins unthrottled. */
function baseEnv(port: number): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    JIMIN_DEMO: 'false',
    LOG_LEVEL: 'warn',
    JIMIN_KEYS: TEST_KEYS,
    JIMIN_LOGIN_RATE_PER_MINUTE: '100000',
  };
}

/**
 * The platform's dependencies on the database `dbEnv` names, first start done (roles, divisions,
 * the administrator), opened in the test process: to create users and data before a server runs.
 * On PGlite the server must not be running meanwhile (one process per data folder); close it first.
 */
export async function openPlatform(dbEnv: Record<string, string>): Promise<Deps> {
  const config = loadConfig({ ...baseEnv(0), ...dbEnv, LOG_LEVEL: 'silent' });
  // On PostgreSQL no data folder: the keys come from JIMIN_KEYS.
  const deps = await createDeps(config, { env: { JIMIN_KEYS: TEST_KEYS }, inMemory: Boolean(config.DATABASE_URL) });
  await firstStart(deps, () => {});
  return deps;
}

export async function closePlatform(deps: Deps): Promise<void> {
  await deps.readAudit.flush();
  await deps.database.close();
}

/** A staff account with TEST_PASSWORD and no forced change, as the harness creates them. */
export async function createStaff(deps: Deps, spec: { username: string; roles: string[]; divisionCode: string }): Promise<void> {
  await deps.database.db.insert(users).values({
    kind: 'staff',
    username: spec.username,
    displayName: spec.username,
    passwordHash: await hashPassword(TEST_PASSWORD),
    roles: spec.roles,
    divisionCode: spec.divisionCode,
    mustChangePassword: false,
    passwordChangedAt: new Date(),
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * One server process on a fixed loopback port. `start` again after a stop or a kill runs a new
 * process on the same port and database; `unexpectedExits` counts the exits nobody asked for.
 */
export class ServerProcess {
  readonly origin: string;
  unexpectedExits = 0;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private expectExit: () => void = () => {};
  private healthy = false;
  private log = '';
  /** On PostgreSQL the server still wants a data folder (it would make ./data): a temporary one. */
  private readonly scratchDir: string | null;
  private readonly env: Record<string, string>;

  private constructor(
    dbEnv: Record<string, string>,
    readonly port: number,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.scratchDir = dbEnv.JIMIN_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'jimin-server-'));
    this.env = this.scratchDir ? { ...dbEnv, JIMIN_DATA_DIR: this.scratchDir } : dbEnv;
  }

  /** A started server; on failure nothing is left running. */
  static async start(dbEnv: Record<string, string>): Promise<ServerProcess> {
    const server = new ServerProcess(dbEnv, await freePort());
    try {
      await server.start();
    } catch (err) {
      await server.close();
      throw err;
    }
    return server;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Running and answered its health check since it started. */
  get ready(): boolean {
    return this.child !== null && this.healthy;
  }

  /** Starts the process and waits until /api/health answers 200 (else kills it and throws). */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child) throw new Error('server already running');
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('JIMIN_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(k)),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...inherited, ...baseEnv(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.healthy = false;
    const keep = (d: Buffer) => (this.log = (this.log + d.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let expected = false;
    this.expectExit = () => (expected = true);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!expected) {
          this.unexpectedExits++;
          this.log += `\n[server exited unexpectedly: code ${code}, signal ${signal}]\n`;
        }
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (this.child === child) {
      const health = await this.request('GET', '/api/health').catch(() => null);
      if (health?.status === 200) {
        this.healthy = true;
        return;
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start:\n${this.output()}`);
  }

  /** SIGTERM (the graceful shutdown: the sealer's last run, the database closed) and its end. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.expectExit();
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(killer);
  }

  /** kill -9: no shutdown of any kind. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.expectExit();
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the process for good and removes what it left besides its database. */
  async close(): Promise<void> {
    await this.stop();
    if (this.scratchDir) rmSync(this.scratchDir, { recursive: true, force: true });
  }

  /** The last lines the process wrote (for failure messages). */
  output(): string {
    return this.log;
  }

  /** A request from the platform's own origin (the Origin check, Z7), JSON in and out. */
  async request(method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = { origin: this.origin };
    if (opts.cookie) headers.cookie = `${SESSION_COOKIE}=${opts.cookie}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.origin + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  }

  /** Logs in (TEST_PASSWORD) and returns the session token. */
  async login(username: string): Promise<string> {
    const res = await fetch(`${this.origin}/api/auth/login`, {
      method: 'POST',
      headers: { origin: this.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new Error('login set no session cookie');
    return cookie.slice(SESSION_COOKIE.length + 1).split(';')[0];
  }
}

/**
 * A township clerk `clerk` of `divisionCode` added to the database (first start done in the test
 * process), then a server started on it; `track` gets the server before anything else can fail,
 * for the caller's cleanup.
 */
export async function serveWithClerk(
  dbEnv: Record<string, string>,
  divisionCode: string,
  track: (server: ServerProcess) => void,
): Promise<{ server: ServerProcess; cookie: string }> {
  const deps = await openPlatform(dbEnv);
  try {
    await createStaff(deps, { username: 'clerk', roles: ['township_clerk'], divisionCode });
  } finally {
    await closePlatform(deps);
  }
  const server = await ServerProcess.start(dbEnv);
  track(server);
  return { server, cookie: await server.login('clerk') };
}

/** Runs one of the platform's scripts as `npm run` does (e.g. the audit check) on `dbEnv`; its exit code and output. */
export async function runScript(script: string, dbEnv: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('JIMIN_') && k !== 'DATABASE_URL'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...inherited, ...baseEnv(0), ...dbEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? -1, stdout });
    });
  });
}
