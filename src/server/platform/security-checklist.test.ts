/**
 * docs/security.md is the release checklist: every row names the tests that prove it. This test
 * holds the document to the code: each of the rows is there, names at least one test, and every
 * test it names exists (by its exact title) in the suite.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const ROWS = [
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'A6',
  'A7',
  'Z1',
  'Z2',
  'Z3',
  'Z4',
  'Z5',
  'Z6',
  'Z7',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'U1',
  'U2',
  'U3',
  'U4',
  'D1',
  'D2',
  'D3',
  'D4',
  'D5',
  'D6',
  'D7',
  'D8',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'L1',
];

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : testFiles(path);
    return /\.(test|e2e)\.ts$/.test(name) ? [path] : [];
  });
}

describe('security checklist', () => {
  it('every row of docs/security.md names tests that exist in the suite', () => {
    const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');
    const titles = new Set<string>();
    for (const file of [...testFiles(join(root, 'src')), ...testFiles(join(root, 'e2e'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g))
        titles.add(m[2].replace(/\\(.)/g, '$1'));
    }
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n')) {
      const m = /^\| ([A-Z]\d) \|.*\|([^|]*)\|$/.exec(line);
      if (m)
        rows.set(
          m[1],
          [...m[2].matchAll(/«([^»]+)»/g)].map((t) => t[1]),
        );
    }
    expect([...rows.keys()].sort()).toEqual([...ROWS].sort());
    for (const [row, tests] of rows) {
      expect({ row, named: tests.length > 0 }).toEqual({ row, named: true });
      for (const title of tests) expect({ row, title, exists: titles.has(title) }).toEqual({ row, title, exists: true });
    }
  });
});
