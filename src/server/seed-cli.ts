/**
 * `npm run seed -- --scale 0.01 [--seed 42] [--database-url postgres://…] [--replace] [--<part> N]`:
 * builds the synthetic city (docs/synthetic-city.md) onto the configured database — the PGlite data
 * directory (JIMIN_DATA_DIR) by default, or a PostgreSQL URL — after the first-start seeds
 * (divisions, roles, policy; the administrator's account when there is none). Refuses a database
 * that already holds persons unless --replace, which first empties the parts' tables.
 * `--registry 2` doubles the registry part's residents (a load figure), and so on for every part.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';
import { createDeps, firstStart } from './bootstrap.js';
import { rows } from './platform/db/index.js';
import { sql } from 'drizzle-orm';
import { buildSyntheticCity, cityOptions, DEFAULT_SEED, syntheticParts } from './demo/city.js';

const usage = `用法: npm run seed -- --scale <0.001|0.01|0.1|1> [--seed 42] [--database-url postgres://…] [--replace] ${syntheticParts
  .map((p) => `[--${p.name} 倍数]`)
  .join(' ')}`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      replace: { type: 'boolean' },
      'as-of': { type: 'string' },
      ...Object.fromEntries(syntheticParts.map((p) => [p.name, { type: 'string' as const }])),
    },
    strict: true,
  });
}
try {
  args = parse();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`);
  process.exit(2);
}
const v = args.values as Record<string, string | boolean | undefined>;
const scale = Number(v.scale);
if (!(scale > 0 && scale <= 10)) {
  process.stderr.write(`请用 --scale 给出规模（1 为济宁市全市，0.001 为演示数据）\n${usage}\n`);
  process.exit(2);
}
const multipliers: Record<string, number> = {};
for (const p of syntheticParts) {
  if (v[p.name] === undefined) continue;
  const n = Number(v[p.name]);
  if (!(n > 0)) {
    process.stderr.write(`--${p.name} 应为大于 0 的倍数\n`);
    process.exit(2);
  }
  multipliers[p.name] = n;
}

const env = { ...process.env, JIMIN_DEMO: 'false', ...(v['database-url'] ? { DATABASE_URL: String(v['database-url']) } : {}) };
const config = loadConfig(env);
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const deps = await createDeps(config, { log, env });
try {
  await firstStart(deps, log);
  const [{ n }] = await rows<{ n: string | number }>(deps.database.db, sql`select count(*) as n from persons`);
  if (Number(n) > 0 && !v.replace) {
    process.stderr.write(`数据库中已有 ${n} 名人员，未生成。要清空人口、家庭和救助数据后重新生成，请加 --replace\n`);
    process.exitCode = 1;
  } else {
    const options = cityOptions({
      scale,
      seed: v.seed === undefined ? DEFAULT_SEED : Number(v.seed),
      cityCode: config.JIMIN_CITY,
      multipliers,
      ...(v['as-of'] ? { asOf: String(v['as-of']) } : {}),
    });
    const started = Date.now();
    const counts = await buildSyntheticCity(deps.database, deps.cipher, options, { replace: Boolean(v.replace), log });
    log(
      `已生成合成城市（规模 ${scale}，种子 ${options.seed}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒：${JSON.stringify(counts)}`,
    );
  }
} finally {
  await deps.database.close();
}
process.exit(process.exitCode ?? 0);
