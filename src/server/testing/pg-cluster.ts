/**
 * A PostgreSQL cluster of a test's own (initdb + pg_ctl, on a free loopback port and a socket in
 * its own folder), for a test that stops and starts the database server (docs/security.md F2): never
 * the shared server the rest of the suite uses. initdb and postgres refuse to run as root: as root
 * they run as the `postgres` OS user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.js';

const run = promisify(execFile);
const BIN = process.env.JIMIN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** The path of one of PostgreSQL's programs (pg_dump, pg_restore) of the version the tests use. */
export const pgProgram = (name: string) => join(BIN, name);

export class PgCluster {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** A superuser connection to the cluster's `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  static async create(): Promise<PgCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'jimin-pg-'));
    if (asRoot) {
      const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      chownSync(dir, await id('-u'), await id('-g'));
    }
    const cluster = new PgCluster(dir, await freePort());
    try {
      await cluster.pg('initdb', ['-D', cluster.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
      await cluster.start();
    } catch (err) {
      await cluster.destroy();
      throw err;
    }
    return cluster;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir}`;
    await this.pg('pg_ctl', ['start', '-D', this.data, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options]);
  }

  /** pg_ctl stop; `fast` ends the sessions (57P01) and shuts down cleanly. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-D', this.data, '-m', mode, '-w', '-t', '60']);
  }

  /** Stops the server if it runs and removes the cluster. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.data, 'postmaster.pid'))) await this.stop('immediate').catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server's log (for failure messages). */
  log(): string {
    const path = join(this.dir, 'server.log');
    return existsSync(path) ? readFileSync(path, 'utf8').slice(-5000) : '';
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', pgProgram(program), ...args]] : [pgProgram(program), args];
    await run(cmd, argv, { cwd: this.dir, timeout: 120_000 });
  }
}
