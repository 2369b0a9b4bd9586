import { spawn } from 'node:child_process';
import { scratchDatabase } from '../src/server/testing/scratch-db.js';
import { buildApp } from '../src/server/app.js';
import { users } from '../src/server/platform/db/schema.js';
import { hashPassword } from '../src/server/platform/auth/password.js';
import type { Deps } from '../src/server/platform/deps.js';
import { createRng } from '../src/server/platform/synthetic/prng.js';
import { residents } from '../src/server/platform/synthetic/people.js';

/** The platform listening on a free port, and the session cookie of a township clerk of `township`. */
export async function serveAsClerk(deps: Deps, township: string) {
  const password = 'Bench-Passw0rd!';
  await deps.database.db.insert(users).values({
    kind: 'staff',
    username: 'clerk',
    displayName: 'clerk',
    passwordHash: await hashPassword(password),
    roles: ['township_clerk'],
    divisionCode: township,
    mustChangePassword: false,
    passwordChangedAt: new Date(),
  });
  const app = await buildApp(deps, { logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password }),
  });
  return { app, address, cookie: login.headers.get('set-cookie')!.split(';')[0] };
}

export function report(result: {
  bench: string;
  n: number;
  seconds: number;
  floor_seconds: number | null;
  p50_ms?: number;
  p99_ms?: number;
  [k: string]: unknown;
}): void {
  const ratio = result.floor_seconds ? Number((result.seconds / result.floor_seconds).toFixed(2)) : null;
  console.log(
    JSON.stringify({
      ...result,
      seconds: round(result.seconds),
      floor_seconds: result.floor_seconds === null ? null : round(result.floor_seconds),
      ratio,
    }),
  );
}

const round = (s: number) => Number(s.toFixed(3));

export async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

export const baseUrl = () =>
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database for one benchmark run, dropped afterwards. */
export const freshDatabase = () => scratchDatabase(baseUrl(), 'jimin_bench');

/**
 * City-scale people for the benchmarks that build their own rows (a roster file, 低保 households of
 * fixed sizes): the synthetic city's residents (src/server/platform/synthetic/people.ts), the same
 * for every run (seed 42, ages as of 2026-12-01), with unique valid ID numbers; a third urban.
 */
export function* people(n: number, villages: string[]) {
  let i = 0;
  for (const p of residents(createRng(42, 'bench.people'), n, villages, '2026-12-01'))
    yield { name: p.name, idNumber: p.idNumber, phone: p.phone, village: p.village, hukouType: i++ % 3 === 0 ? 'urban' : 'rural' };
}

/** 50 clients for BENCH_SECONDS from a separate process (bench/load.ts), cycling through `paths`. */
export async function load(base: string, cookie: string, paths: string[], seconds = process.env.BENCH_SECONDS ?? '15') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./load.ts', import.meta.url).pathname, base, cookie || '-', seconds, '50', ...paths],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(out.trim().split('\n').pop()!) as { p50: number; p99: number; requests: number; errors: number };
}
