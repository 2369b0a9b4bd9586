/**
 * No module writes another module's tables (docs/architecture.md "Layout"): every table belongs to the
 * module (or the platform) whose schema file declares it, and a module's code may insert into, update
 * or delete from its own tables and the platform's only. What a module must change elsewhere it asks
 * the owner to do through the owner's writers (the registry's write.ts, ledger.ts, insertPersonInTx).
 * Read from the sources: raw SQL (`insert into t`, `update t`, `delete from t`) and drizzle calls
 * (`.insert(t)`, `.update(t)`, `.delete(t)` on an imported table object).
 * Nor does a module read the registry's tables but through what the registry exports for it in
 * src/server/modules/registry/read.ts (fragments and views inlined into the reader's statement): no raw
 * SQL outside the registry names a registry table after `from` or `join`, and no drizzle table object of
 * the registry, nor a registry helper building SQL over its tables (a scope, a column list), is imported
 * elsewhere; a schema may only name one in a foreign key (`.references(() => persons.id)`).
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

/** The name an import specifier imports (`type X`, `X as Y` → X). */
const importedName = (specifier: string) =>
  specifier
    .trim()
    .replace(/^type\s+/, '')
    .split(/\s+as\s+/)[0];

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

  it("no module reads the registry's tables but through registry/read.ts: no raw SQL names one, no table object or SQL helper is imported", () => {
    const { byName, byObject } = tables();
    const registryTables = [...byName].filter(([, owner]) => owner === 'registry').map(([name]) => name);
    const registryObjects = new Set([...byObject].filter(([, owner]) => owner === 'registry').map(([name]) => name));
    expect(registryTables).toEqual(expect.arrayContaining(['persons', 'households', 'benefits', 'organisation_persons']));
    const named = new RegExp(`\\b(from|join)\\s+"?(${registryTables.join('|')})"?(?![\\w.])`, 'gi');
    const reads: string[] = [];
    for (const file of files(join(server, 'modules')).filter((f) => ownerOf(f) !== 'registry')) {
      // Comments may name a table; only code counts (a `//` inside a string is left alone: after `:` or a quote).
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
      const code = source.replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (c, before: string) => before + ' '.repeat(c.length - before.length));
      const at = (index: number) => `${relative(server, file)}:${code.slice(0, index).split('\n').length}`;
      for (const m of code.matchAll(named)) reads.push(`${at(m.index)} ${m[1].toLowerCase()} ${m[2]}`);
      for (const m of code.matchAll(/import\s*(type\s*)?\{([^}]*)\}\s*from\s*'([^']*\/registry\/([\w-]+)\.js)'/g)) {
        const names = m[2].split(',').map(importedName).filter(Boolean);
        for (const name of names) {
          if (m[4] === 'read') continue;
          if (m[4] === 'schema' && registryObjects.has(name)) {
            // Uses of the identifier (not a property of the same name, not inside a string), the import aside.
            const uses = [...code.matchAll(new RegExp(`(?<![.\\w'"])${name}(?![\\w'":])`, 'g'))].length - 1;
            const references = [...code.matchAll(new RegExp(`references\\(\\(\\)\\s*=>\\s*${name}\\.`, 'g'))].length;
            if (!file.endsWith('/schema.ts') || uses !== references) reads.push(`${at(m.index)} imports the registry's table ${name}`);
          } else if (/(Scope|Columns|COLUMNS|FilterWhere)$/.test(name))
            reads.push(`${at(m.index)} imports the registry's SQL helper ${name}`);
        }
      }
    }
    expect(reads).toEqual([]);
  });
});
