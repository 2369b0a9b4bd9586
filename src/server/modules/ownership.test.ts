/**
 * No module writes another module's tables (docs/architecture.md "Layout"): every table belongs to the
 * module (or the platform) whose schema file declares it, and a module's code may insert into, update
 * or delete from its own tables and the platform's only. What a module must change elsewhere it asks
 * the owner to do through the owner's writers (the registry's write.ts, ledger.ts, insertPersonInTx).
 * Read from the sources: raw SQL (`insert into t`, `update t`, `delete from t`) and drizzle calls
 * (`.insert(t)`, `.update(t)`, `.delete(t)` on an imported table object).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const server = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
  );
const ownerOf = (file: string) => {
  const m = /^modules\/([^/]+)\//.exec(relative(server, file));
  return m ? m[1] : 'platform';
};

/** Table name and exported table object → owner, from every schema.ts under src/server. */
function tables() {
  const byName = new Map<string, string>();
  const byObject = new Map<string, string>();
  for (const file of files(server).filter((f) => f.endsWith('/schema.ts') && f !== join(server, 'schema.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) {
      byName.set(m[2], ownerOf(file));
      byObject.set(m[1], ownerOf(file));
    }
  }
  return { byName, byObject };
}

describe('table ownership', () => {
  it("no module writes another module's tables: every insert, update and delete names a table of its own module or of the platform", () => {
    const { byName, byObject } = tables();
    expect(byName.get('persons')).toBe('registry');
    expect(byName.get('assistance_cases')).toBe('assistance');
    expect(byName.get('audit_log')).toBe('platform');
    const trespass: string[] = [];
    for (const file of files(join(server, 'modules'))) {
      const module = ownerOf(file);
      const source = readFileSync(file, 'utf8');
      const at = (index: number) => `${relative(server, file)}:${source.slice(0, index).split('\n').length}`;
      for (const m of source.matchAll(/\b(insert\s+into|update|delete\s+from)\s+"?(\w+)"?/gi)) {
        const owner = byName.get(m[2]);
        if (owner && owner !== module && owner !== 'platform') trespass.push(`${at(m.index)} ${m[1].toLowerCase()} ${m[2]} (${owner}'s)`);
      }
      for (const m of source.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) {
        const owner = byObject.get(m[2]);
        if (owner && owner !== module && owner !== 'platform') trespass.push(`${at(m.index)} .${m[1]}(${m[2]}) (${owner}'s)`);
      }
    }
    expect(trespass).toEqual([]);
  });
});
