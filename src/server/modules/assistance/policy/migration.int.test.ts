/**
 * Migration 0011: social assistance's standards and parameters, as the old tables held them, become
 * exactly the platform's dated values the new code writes for the same facts — the shipped defaults
 * and a standard and a parameter an administrator entered — with the standards' ids kept (an
 * entitlement's inputs name the standard it used by id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { PolicyBook } from './policy.js';
import seed from './jining-policy.json' with { type: 'json' };

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
});
afterAll(async () => t?.close());

const statements = (file: string) =>
  readFileSync(new URL(`../../../../../db/migrations/${file}`, import.meta.url), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim());

type Row = { module: string; kind: string; county_code: string; effective_month: string; value: unknown; note: string | null };
const current = () =>
  rows<Row & { created_by: number | null }>(
    t.owner,
    sql`select distinct on (kind, county_code, effective_month) module, kind, county_code, effective_month, value, note,
          created_by::int as created_by
        from policy_values where module = 'assistance' and kind not like 'visit:%' -- visit frequencies came after 0011 (0015)
        order by kind, county_code, effective_month, id desc`,
  );

describe('migration 0011: standards and parameters onto the platform', () => {
  it('the migration’s statements rebuild from the old tables exactly the values the new code writes, standards keeping their ids', async () => {
    const standard = await admin.post('/api/policy/assistance/values', {
      kind: 'dibao_urban',
      countyCode: places.rencheng,
      effectiveMonth: '2030-01',
      value: 99900,
      note: '济宁市民政局关于提高城乡低保标准的通知',
    });
    expect(standard.statusCode, standard.body).toBe(200);
    for (const value of [4, 3]) {
      const res = await admin.post('/api/policy/assistance/values', {
        kind: 'parameter:taper_max_months',
        countyCode: places.rencheng,
        effectiveMonth: '2030-01',
        value,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const written = await current();
    expect(written.length).toBe(seed.standards.length + Object.keys(seed.parameters).length + 2);

    // The old tables as migration 0002 made them, holding the same facts as the old code wrote them:
    // the seed (standards noted 初始数据, by nobody), the administrator's standard, the parameter as last set.
    for (const create of statements('0002_assistance.sql').filter((s) => /^CREATE TABLE "assistance_(standards|parameters)"/.test(s)))
      await t.owner.execute(sql.raw(create));
    for (const [kind, hukouType, amountFen] of seed.standards)
      await t.owner.execute(sql`insert into assistance_standards (kind, hukou_type, effective_month, amount_fen, note)
        values (${kind}, ${hukouType}, ${seed.effectiveMonth}, ${amountFen}, '初始数据')`);
    await t.owner
      .execute(sql`insert into assistance_standards (kind, hukou_type, county_code, effective_month, amount_fen, note, created_by)
      values ('dibao', 'urban', ${places.rencheng}, '2030-01', 99900, '济宁市民政局关于提高城乡低保标准的通知', ${admin.userId})`);
    for (const [key, value] of Object.entries(seed.parameters))
      await t.owner.execute(sql`insert into assistance_parameters (key, effective_month, value)
        values (${key}, ${seed.effectiveMonth}, ${JSON.stringify(value)}::jsonb)`);
    await t.owner.execute(sql`insert into assistance_parameters (key, county_code, effective_month, value, created_by)
      values ('taper_max_months', ${places.rencheng}, '2030-01', '3'::jsonb, ${admin.userId})`);
    const oldIds = await rows<{ id: number | string; kind: string }>(
      t.owner,
      sql`select id, kind || '_' || hukou_type || '|' || county_code || '|' || effective_month as kind from assistance_standards`,
    );

    await t.owner.execute(sql`delete from policy_values where module = 'assistance'`);
    const copy = statements('0011_platform_policy.sql').filter((s) => /^(INSERT INTO policy_values|SELECT setval)/.test(s));
    expect(copy).toHaveLength(3);
    for (const statement of copy) await t.owner.execute(sql.raw(statement));
    try {
      expect(await current()).toEqual(written);
      const ids = await rows<{ id: number | string; kind: string }>(
        t.owner,
        sql`select id, kind || '|' || county_code || '|' || effective_month as kind from policy_values
            where module = 'assistance' and kind not like 'parameter:%' and kind not like 'visit:%'`,
      );
      expect(new Map(ids.map((r) => [r.kind, Number(r.id)]))).toEqual(new Map(oldIds.map((r) => [r.kind, Number(r.id)])));
      // The book reads them as before, and a new entry gets an id past every migrated one.
      const book = await PolicyBook.load(t.deps.database.db);
      expect(book.standard('dibao', 'urban', places.rencheng, '2030-01')?.amountFen).toBe(99900);
      expect(book.standard('tekun_care_total', 'rural', places.yanzhou, '2030-01')?.amountFen).toBe(70200);
      expect(book.param('taper_max_months', places.rencheng, '2030-02')).toBe(3);
      const next = await admin.post('/api/policy/assistance/values', {
        kind: 'dibao_rural',
        effectiveMonth: '2031-01',
        value: 80000,
      });
      expect(next.statusCode, next.body).toBe(200);
      expect(next.json().id).toBeGreaterThan(Math.max(...ids.map((r) => Number(r.id))));
    } finally {
      await t.owner.execute(sql`drop table assistance_standards`);
      await t.owner.execute(sql`drop table assistance_parameters`);
    }
  });
});
