/**
 * Dated policy on a module of its own (not social assistance's): the value in force for a county and
 * a month, entries kept as history, a refused second entry, the module's audit row in the entry's
 * transaction, the county rules (Z3), the cache and its invalidation, and the seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { places, startTestApp, type TestApp } from '../../testing/harness.js';
import { rows, type Db } from '../db/index.js';
import type { Actor, Ctx } from '../context.js';
import type { PolicyEntry } from './registry.js';
import { PolicyBook } from './book.js';
import { listValues, seedValues, setValue } from './values.js';

let t: TestApp;
const audited: { entry: PolicyEntry; inTx: boolean }[] = [];
let failAudit = false;
let jobs = 0;

const actor = (divisionCode: string): Actor => ({
  userId: 1,
  username: 'policy-test',
  kind: 'staff',
  roles: [],
  permissions: new Set(),
  divisionCode,
  organisationId: null,
  personId: null,
});
const as = (divisionCode: string): Ctx => ({ actor: actor(divisionCode), ip: '127.0.0.1' });

beforeAll(async () => {
  t = await startTestApp();
  t.deps.policy.register({
    module: 'policy_test',
    name: '测试业务',
    read: 'stats.read',
    write: 'stats.read',
    kinds: [
      { kind: 'rate', name: '标准', group: 'standard', schema: z.number().int().min(1, '须大于 0'), sameMonth: { refuse: '该月已有标准' } },
      { kind: 'parameter:limit', name: '上限', group: 'parameter', schema: z.number().int(), sameMonth: 'replace', errorPrefix: '上限' },
    ],
    async audit(tx: Db, _ctx, entry) {
      const [{ n }] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from policy_values where id = ${entry.id}`);
      if (failAudit) throw new Error('audit failed');
      audited.push({ entry, inTx: Number(n) === 1 });
    },
    async changed() {
      return ++jobs;
    },
  });
});
afterAll(async () => t?.close());

const set = (ctx: Ctx, kind: string, countyCode: string, effectiveMonth: string, value: unknown) =>
  setValue(t.deps, ctx, 'policy_test', { kind, countyCode, effectiveMonth, value });

describe('dated policy', () => {
  it('the value in force is the latest effective month not after the month; a county’s own wins over the city’s at the same month', async () => {
    const city = as(places.city);
    await set(city, 'rate', '', '2026-01', 100);
    await set(city, 'rate', '', '2026-07', 110);
    await set(city, 'rate', places.rencheng, '2026-07', 120);
    const book = await PolicyBook.load(t.deps.database.db, 'policy_test');
    expect(book.value('rate', places.rencheng, '2025-12')).toBeNull();
    expect(book.value('rate', places.rencheng, '2026-06')?.value).toBe(100);
    expect(book.value('rate', places.rencheng, '2026-07')?.value).toBe(120);
    expect(book.value('rate', places.yanzhou, '2026-07')?.value).toBe(110);
    expect(book.value('rate', places.yanzhou, '2030-01')).toMatchObject({ value: 110, effectiveMonth: '2026-07', countyCode: '' });
  });

  it('a value entered again for the same month replaces it and the earlier one stays as history, with who entered each and when', async () => {
    const city = as(places.city);
    await set(city, 'parameter:limit', '', '2026-01', 5);
    const second = await set(city, 'parameter:limit', '', '2026-01', 6);
    expect(second.jobId).toBe(jobs);
    const book = await PolicyBook.load(t.deps.database.db, 'policy_test');
    expect(book.value('parameter:limit', places.rencheng, '2026-03')?.value).toBe(6);
    const limits = (await listValues(t.deps, 'policy_test')).filter((v) => v.kind === 'parameter:limit');
    expect(limits.map((v) => [v.value, v.current, v.kindName, v.group, v.createdBy])).toEqual([
      [6, true, '上限', 'parameter', 1],
      [5, false, '上限', 'parameter', 1],
    ]);
    expect(limits.every((v) => /^\d{4}-\d{2}-\d{2}T/.test(v.createdAt))).toBe(true);
  });

  it('a kind that refuses a second value for its month answers 409 with its message, and stores nothing', async () => {
    await expect(set(as(places.city), 'rate', '', '2026-01', 130)).rejects.toMatchObject({ code: 'CONFLICT', message: '该月已有标准' });
    const rates = (await listValues(t.deps, 'policy_test')).filter((v) => v.kind === 'rate' && v.effectiveMonth === '2026-01');
    expect(rates.map((v) => v.value)).toEqual([100]);
  });

  it('a value is checked against its kind’s schema, the message prefixed as the kind says; an unknown kind is a field error', async () => {
    await expect(set(as(places.city), 'rate', '', '2027-01', 0)).rejects.toMatchObject({
      details: { fields: [{ field: 'value', message: '须大于 0' }] },
    });
    await expect(set(as(places.city), 'parameter:limit', '', '2027-01', 'x')).rejects.toMatchObject({
      details: { fields: [{ field: 'value', message: expect.stringMatching(/^上限：/) }] },
    });
    await expect(set(as(places.city), 'nothing', '', '2027-01', 1)).rejects.toMatchObject({ details: { fields: [{ field: 'kind' }] } });
  });

  it('Z3 a county user enters their own county’s values only; a value for the whole city needs the city', async () => {
    const county = as(places.rencheng);
    await expect(set(county, 'rate', '', '2028-01', 1)).rejects.toMatchObject({ details: { fields: [{ field: 'countyCode' }] } });
    await expect(set(county, 'rate', places.yanzhou, '2028-01', 1)).rejects.toMatchObject({
      details: { fields: [{ field: 'countyCode', message: '所选县（市、区）不在您的管辖范围内' }] },
    });
    expect((await set(county, 'rate', places.rencheng, '2028-01', 1)).id).toBeGreaterThan(0);
  });

  it('the module’s audit row is written in the entry’s transaction: when it fails, the entry is not stored', async () => {
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.every((a) => a.inTx)).toBe(true);
    failAudit = true;
    try {
      await expect(set(as(places.city), 'rate', '', '2029-01', 1)).rejects.toThrow('audit failed');
    } finally {
      failAudit = false;
    }
    expect((await listValues(t.deps, 'policy_test')).some((v) => v.effectiveMonth === '2029-01')).toBe(false);
  });

  it('a cached book is dropped by a write in this process', async () => {
    const db = t.deps.database.db;
    const before = await PolicyBook.cached(db, 'policy_test');
    expect(await PolicyBook.cached(db, 'policy_test')).toBe(before);
    await set(as(places.city), 'rate', '', '2031-01', 140);
    const after = await PolicyBook.cached(db, 'policy_test');
    expect(after).not.toBe(before);
    expect(after.value('rate', places.yanzhou, '2031-01')?.value).toBe(140);
    expect(before.value('rate', places.yanzhou, '2031-01')?.value).toBe(110);
  });

  it('seeds enter the value of each kind the module has no entry of yet, and leave the others', async () => {
    await seedValues(t.deps.database.db, 'policy_test', {
      effectiveMonth: '2020-01',
      values: [
        { kind: 'rate', value: 1, note: '初始数据' },
        { kind: 'parameter:other', value: true, note: null },
      ],
    });
    const seeded = await rows<{ kind: string; value: unknown; note: string | null; created_by: number | null }>(
      t.deps.database.db,
      sql`select kind, value, note, created_by from policy_values where module = 'policy_test' and effective_month = '2020-01'`,
    );
    expect(seeded).toEqual([{ kind: 'parameter:other', value: true, note: null, created_by: null }]);
  });
});
