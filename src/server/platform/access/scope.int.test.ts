/**
 * Z2: over generated placements of persons and households in the real division tree and
 * generated users at every level, every list, search, count, export and statistic a user gets
 * lies inside the user's subtree, and nothing inside it is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { likePrefix, rows, startsWith } from '../db/index.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { countyOf, townshipOf } from '../../../shared/divisions.js';

let t: TestApp;
let divisionCodes: string[];
let personDivisions: string[];

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.deps, { households: 250 });
  divisionCodes = (await rows<{ code: string }>(t.deps.database.db, sql`select code from divisions order by code`)).map((r) => r.code);
  personDivisions = (await rows<{ code: string }>(t.deps.database.db, sql`select hukou_division_code as code from persons`)).map(
    (r) => r.code,
  );
});
afterAll(async () => t?.close());

describe('Z2 jurisdiction over generated trees and users', () => {
  it('Z2 every list, count, export and statistic lies inside the user subtree', async () => {
    // Bias towards divisions that hold data: the subtree of a random person's village at a random level.
    const scopeArb = fc
      .tuple(fc.nat(), fc.constantFrom(4, 6, 9, 12), fc.boolean())
      .map(([i, len, anyDivision]) =>
        anyDivision ? divisionCodes[i % divisionCodes.length] : personDivisions[i % personDivisions.length].slice(0, len),
      );
    await fc.assert(
      fc.asyncProperty(scopeArb, async (scope) => {
        const user = await t.login({ roles: ['township_clerk'], divisionCode: scope });
        const expected = personDivisions.filter((c) => c.startsWith(scope)).length;

        const list = (await user.get('/api/persons?pageSize=200')).json();
        expect(list.total).toBe(expected);
        for (const p of list.items) expect(p.hukouDivisionCode.startsWith(scope)).toBe(true);

        const households = (await user.get('/api/households?pageSize=200')).json();
        for (const h of households.items) expect(h.divisionCode.startsWith(scope)).toBe(true);

        const stats = (await user.get('/api/stats/registry')).json();
        expect(stats.totals.persons).toBe(expected);

        const exported = await user.get('/api/persons/export');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0];
        expect(ws.rowCount - 1).toBe(expected);
        for (let r = 2; r <= ws.rowCount; r++) expect(String(ws.getRow(r).getCell(7).value).startsWith(scope)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('the home chart counts by the level below the user: the city by county, a county by township, a township by village', async () => {
    const township = townshipOf(personDivisions[0]);
    for (const [scope, length, level] of [
      ['3708', 6, '县（市、区）'],
      [countyOf(township), 9, '乡镇（街道）'],
      [township, 12, '村（社区）'],
    ] as const) {
      const user = await t.login({ roles: ['township_clerk'], divisionCode: scope });
      const stats = (await user.get('/api/stats/registry')).json();
      expect(stats.level).toBe(level);
      const children = await rows<{ code: string; name: string }>(
        t.deps.database.db,
        sql`select code, name from divisions where code like ${scope + '%'} and length(code) = ${length} order by code`,
      );
      expect(stats.byDivision.map((r: { code: string; name: string }) => [r.code, r.name])).toEqual(children.map((c) => [c.code, c.name]));
      for (const r of stats.byDivision) expect(r.persons).toBe(personDivisions.filter((c) => c.startsWith(r.code)).length);
      expect(stats.totals.persons).toBe(personDivisions.filter((c) => c.startsWith(scope)).length);
    }
  });

  it("an organisation user sees only the organisation's persons", async () => {
    const admin = await t.login({ roles: ['city_admin'], divisionCode: '3708' });
    const org = (
      await admin.post('/api/organisations', {
        name: '济宁市救助管理站',
        creditCode: '12370811MB00000019',
        legalType: 'public_institution',
        divisionCode: '370811',
      })
    ).json();
    const [served] = await rows<{ id: number }>(
      t.deps.database.db,
      sql`select id from persons where hukou_division_code like '370811%' order by id limit 1`,
    );
    await t.deps.database.db.execute(sql`insert into organisation_persons (organisation_id, person_id) values (${org.id}, ${served.id})`);
    const staff = await t.login({ roles: ['org_staff'], divisionCode: '370811', organisationId: org.id });
    const list = (await staff.get('/api/persons')).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([Number(served.id)]);
    const [other] = await rows<{ id: number }>(
      t.deps.database.db,
      sql`select id from persons where hukou_division_code like '370811%' and id <> ${served.id} limit 1`,
    );
    expect((await staff.get(`/api/persons/${other.id}`)).statusCode).toBe(404);
  });
});

describe('prefix search as an index range', () => {
  it('startsWith (an index range) and likePrefix (an escaped pattern) find exactly the words that start with the prefix: Chinese, digits, % and _, the edges of Unicode', async () => {
    const db = t.deps.database.db;
    const words = [
      '王',
      '王大山',
      '王\uFFFF',
      '玌',
      '汪洋',
      '370811',
      '37081',
      '370812',
      'a%b',
      'a_b',
      '\u{10FFFF}x',
      '\uD7FFz',
      '\uE000',
      '𠀀姓',
      'a\u{10FFFF}z',
      'b',
    ];
    const table = sql`(values ${sql.join(
      words.map((w) => sql`(${w}::text)`),
      sql`, `,
    )}) as prefix_words(w)`;
    const prefixes = fc.constantFrom('王', '王大', '370811', '3708', 'a%', 'a_', '\u{10FFFF}', '\uD7FF', '𠀀', '汪', 'a\u{10FFFF}', 'a');
    await fc.assert(
      fc.asyncProperty(prefixes, async (p) => {
        const expected = words.filter((w) => w.startsWith(p)).sort();
        for (const condition of [startsWith(sql`w`, p), likePrefix(sql`w`, p)]) {
          const got = (await rows<{ w: string }>(db, sql`select w from ${table} where ${condition}`)).map((r) => r.w).sort();
          expect(got).toEqual(expected);
        }
      }),
    );
  });
});

describe('division search', () => {
  it('finds divisions by the start of their name or code; % and _ are plain characters', async () => {
    const client = t.client();
    const byName = (await client.get(`/api/divisions/search?q=${encodeURIComponent('任城')}`)).json();
    expect(byName.map((d: { name: string }) => d.name)).toContain('任城区');
    const byCode = (await client.get('/api/divisions/search?q=370811')).json();
    expect(byCode[0]).toMatchObject({ code: '370811', name: '任城区' });
    expect((await client.get(`/api/divisions/search?q=${encodeURIComponent('%')}`)).json()).toEqual([]);
    expect((await client.get('/api/divisions/search?q=_')).json()).toEqual([]);
  });
});

// docs/rules.md "Organisation scope", in an app of its own (the generated walk above spends the login rate limit).
describe('organisation scope over sub-organisations', () => {
  let o: TestApp;
  beforeAll(async () => {
    o = await startTestApp();
  });
  afterAll(async () => o?.close());

  it("an organisation's staff see the persons of its sub-organisations; a sub-organisation's staff do not see the parent's; a stranger gets 404", async () => {
    const admin = await o.login({ roles: ['city_admin'], divisionCode: '3708' });
    const clerk = await o.login({ roles: ['township_clerk'], divisionCode: '370811002' });
    const member = (name: string, relation: string) => ({
      relation,
      person: { name, noIdReason: '尚未落户', hukouDivisionCode: '370811002001', hukouType: 'urban' },
    });
    const home = await clerk.post('/api/households', {
      divisionCode: '370811002001',
      address: '航运新村 5 号楼 101',
      members: [member('机构服务甲', 'head'), member('机构服务乙', 'spouse'), member('机构服务丙', 'child')],
    });
    expect(home.statusCode, home.body).toBe(200);
    const [a, b, c] = home.json<{ members: { id: number }[] }>().members;
    const parent = (
      await admin.post('/api/organisations', {
        name: '济宁市任城区社会工作服务中心',
        creditCode: '52370800MJ0000003U',
        legalType: 'social_service',
        divisionCode: '370811',
      })
    ).json<{ id: number }>();
    const team = await admin.post('/api/organisations', {
      name: '任城区社工服务中心关爱小组',
      parentId: parent.id,
      divisionCode: '370811',
    });
    expect(team.statusCode, team.body).toBe(200);
    const sub = team.json<{ id: number; platformNo: string }>();
    expect(sub.platformNo).toMatch(/^JM\d{8}$/);
    await o.deps.database.db.execute(
      sql`insert into organisation_persons (organisation_id, person_id) values (${parent.id}, ${a.id}), (${sub.id}, ${b.id})`,
    );
    const parentStaff = await o.login({ roles: ['org_staff'], divisionCode: '370811', organisationId: parent.id });
    const subStaff = await o.login({ roles: ['org_staff'], divisionCode: '370811', organisationId: sub.id });
    const ids = async (client: typeof parentStaff) =>
      (await client.get('/api/persons?pageSize=200'))
        .json<{ items: { id: number }[] }>()
        .items.map((p) => Number(p.id))
        .sort();
    expect(await ids(parentStaff)).toEqual([Number(a.id), Number(b.id)].sort());
    expect((await parentStaff.get(`/api/persons/${b.id}`)).statusCode).toBe(200);
    expect(await ids(subStaff)).toEqual([Number(b.id)]);
    expect((await subStaff.get(`/api/persons/${a.id}`)).statusCode).toBe(404);
    // A person of neither organisation: 404, exactly as a missing one.
    const stranger = await parentStaff.get(`/api/persons/${c.id}`);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().message).toBe((await parentStaff.get('/api/persons/987654321')).json().message);
  });
});
