/**
 * The manifests (src/server/modules/index.ts) against what the code does: every route of a module
 * needs a permission some manifest declares, the permission list and the audit labels the web shares
 * (src/shared/permissions.ts, src/shared/audit-actions.ts) are exactly the manifests' own, and
 * src/server/schema.ts, which drizzle-kit reads, exports exactly the manifests' tables.
 * Which audit actions the code writes is src/shared/audit-actions.test.ts's part: it holds every one
 * to a label of the joined list, which this test holds to the manifests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../shared/audit-actions.js';
import { permissions } from '../../shared/permissions.js';
import { testConfig } from '../platform/config.js';
import type { Deps } from '../platform/deps.js';
import * as schema from '../schema.js';
import { serverModules } from './index.js';

const server = join(dirname(fileURLToPath(import.meta.url)), '..');
const twice = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
const declared = new Map(serverModules.flatMap((m) => Object.keys(m.permissions).map((p) => [p, m.name] as const)));

/** What a route function may touch while it registers (`deps.database.db` …): anything, doing nothing. */
const stub: unknown = new Proxy(() => stub, { get: (_t, key) => (key === 'then' ? undefined : stub) });

/** Each module's routes registered alone (nothing is served: the handlers never run). */
async function routesOf(m: (typeof serverModules)[number]) {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const found: { route: string; permission?: string; access?: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat().filter((x) => x !== 'HEAD'))
      found.push({ route: `${method} ${r.url}`, permission: r.config?.permission, access: r.config?.access });
  });
  const deps = new Proxy({ config: testConfig() }, { get: (t, key) => (key === 'config' ? t.config : stub) }) as unknown as Deps;
  await app.register(async (api) => m.routes?.(api, deps));
  await app.ready();
  await app.close();
  return found;
}

describe('the module manifests', () => {
  it('name each module once', () => {
    expect(twice(serverModules.map((m) => m.name))).toEqual([]);
  });

  it('every route of a module needs a permission some manifest declares, or says who may call it', async () => {
    const undeclared: string[] = [];
    let routes = 0;
    for (const m of serverModules) {
      for (const r of await routesOf(m)) {
        routes++;
        if (r.permission ? !declared.has(r.permission) : !r.access) undeclared.push(`${m.name}: ${r.route} (${r.permission ?? 'nothing'})`);
      }
    }
    expect(undeclared).toEqual([]);
    expect(routes).toBeGreaterThan(80);
  });

  it('every permission the code names (workflow actions, checks in use cases) is declared by a manifest', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
      );
    const unknown: string[] = [];
    for (const file of files(server)) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /\bpermission: '([a-z_]+\.[a-z_.]+)'|requirePermission\([^,]+, '([a-z_]+\.[a-z_.]+)'\)|\bhas\('([a-z_]+\.[a-z_.]+)'\)/g,
      )) {
        const p = m[1] ?? m[2] ?? m[3];
        if (!declared.has(p)) unknown.push(`${relative(server, file)}: ${p}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('declare each permission once, and together they are the shared list, with the same Chinese names', () => {
    const codes = serverModules.flatMap((m) => Object.keys(m.permissions));
    expect(twice(codes)).toEqual([]);
    expect(Object.fromEntries(serverModules.flatMap((m) => Object.entries(m.permissions)))).toEqual(permissions);
    expect([...codes].sort()).toEqual(Object.keys(permissions).sort());
  });

  it('declare each audit action once, and together they are the labelled list', () => {
    const codes = serverModules.flatMap((m) => Object.keys(m.auditActions));
    expect(twice(codes)).toEqual([]);
    expect([...codes].sort()).toEqual(Object.keys(auditActions).sort());
    for (const m of serverModules)
      for (const [code, a] of Object.entries(m.auditActions)) expect(a, `${m.name}: ${code}`).toEqual(auditActions[code]);
  });

  it("give every table to one module, and src/server/schema.ts exports exactly the manifests' tables", () => {
    const owners = new Map<unknown, string[]>();
    for (const m of serverModules) {
      for (const [name, t] of Object.entries(m.tables)) {
        expect(is(t, PgTable), `${m.name}: ${name}`).toBe(true);
        owners.set(t, [...(owners.get(t) ?? []), m.name]);
      }
    }
    expect([...owners.values()].filter((o) => o.length > 1)).toEqual([]);
    const exported = Object.entries(schema).filter(([, t]) => is(t, PgTable));
    expect(exported.filter(([, t]) => !owners.has(t)).map(([name]) => name)).toEqual([]);
    expect(owners.size).toBe(exported.length);
  });

  it('name each job kind and each timer once', () => {
    expect(twice(serverModules.flatMap((m) => m.jobs.map((j) => j.kind)))).toEqual([]);
    expect(twice(serverModules.flatMap((m) => m.timers.map((t) => t.name)))).toEqual([]);
  });
});
