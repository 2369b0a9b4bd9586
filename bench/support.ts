import { spawn } from 'node:child_process';
import { scratchDatabase } from '../src/server/testing/scratch-db.js';
import { buildApp } from '../src/server/app.js';
import { users } from '../src/server/platform/db/schema.js';
import { hashPassword } from '../src/server/platform/auth/password.js';
import type { Deps } from '../src/server/platform/deps.js';

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

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍建国志海燕红梅立新春生秋菊冬小龙晓东文博浩然子涵欣怡雨轩梓萱宇航佳琪';

/** Deterministic city-scale people: unique valid ID numbers, names, villages. */
export function* people(n: number, villages: string[], generateId: (o: { addressCode: string; birthDate: string; seq: number }) => string) {
  const epoch = Date.UTC(1935, 0, 1);
  for (let i = 0; i < n; i++) {
    const village = villages[(i * 7919) % villages.length];
    // (birth day, sequence) is unique for every i below 31 million: unique ID numbers.
    const birth = new Date(epoch + (i % 31_000) * 86_400_000).toISOString().slice(0, 10);
    const idNumber = generateId({ addressCode: village.slice(0, 6), birthDate: birth, seq: Math.floor(i / 31_000) % 1000 });
    const name = surnames[(i * 31) % surnames.length] + given[(i * 17) % given.length] + (i % 3 ? given[(i * 7) % given.length] : '');
    const phone = `13${(i % 7) + 3}${String(i).padStart(8, '0')}`;
    yield { name, idNumber, phone, village, hukouType: i % 3 === 0 ? 'urban' : 'rural' };
  }
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
