/**
 * Z2 for figures: every count and amount a user sees (roll headers and the rolls list, statistics,
 * worklist counts, list totals, bank-result summaries, check batches, recomputation results) is
 * computed inside the user's subtree, narrowed for organisation staff as their rows are. Recipients
 * in two townships of 任城区 (two villages in township A), one in 兖州区; each aggregate is compared
 * with the sum of the rows the same user may list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, places, type Client, type TestApp } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { townshipOf } from '../../../shared/divisions.js';
import { caseHelpers, step, upload, type Household } from './testing.js';

let t: TestApp;
const { household, application, apply, open, toDecision } = caseHelpers(() => t);
const today = shanghaiToday();
const nextMonth = addMonths(monthOf(today), 1);

let clerkA: Client;
let approverA: Client;
let clerkB: Client;
let approverB: Client;
let village: Client;
/** org_staff only: holds stats.read, not assistance.read. */
let orgStaff: Client;
/** Staff of the same organisation who may also list assistance rows. */
let orgReader: Client;
let county: Client;
let countyApprover: Client;
let admin: Client;
let rollId = 0;
const h: Record<'a1' | 'a2' | 'b1' | 'y1', Household> = {} as never;
const pending: Record<'a1' | 'a2' | 'b1', number> = {} as never;
let villageA2 = '';

/** A 低保 case entered and investigated by `clerk`, approved by `approver`: an entitlement from next month. */
async function approved(clerk: Client, approver: Client, divisionCode: string, names: string[]): Promise<Household> {
  const hh = await household(clerk, divisionCode, names);
  const c = await apply(clerk, application(hh));
  await toDecision(clerk, c.id);
  const res = await step(approver, c.id, 'approve');
  expect(res.statusCode, res.body).toBe(200);
  return hh;
}

/** Every item of a paged list (200 a page). */
async function all<T>(client: Client, url: string): Promise<{ items: T[]; total: number; first: Record<string, unknown> }> {
  const items: T[] = [];
  let first: Record<string, unknown> | null = null;
  for (let page = 1; ; page++) {
    const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    first ??= body;
    items.push(...body.items);
    if (body.items.length < 200) return { items, total: Number(first!.total), first: first! };
  }
}

const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((s, x) => s + f(x), 0);
const inForce = (e: { status: string; startMonth: string; endMonth: string | null }, month: string) =>
  e.status === 'active' && e.startMonth <= month && (e.endMonth === null || e.endMonth >= month);

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approverA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  approverB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  village = await t.login({ roles: ['village_officer'], divisionCode: places.renchengVillageA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  const yzClerk = await t.login({ roles: ['township_clerk'], divisionCode: townshipOf(places.yanzhouVillage) });
  const yzApprover = await t.login({ roles: ['township_clerk'], divisionCode: townshipOf(places.yanzhouVillage) });
  [{ code: villageA2 }] = await rows<{ code: string }>(
    t.deps.database.db,
    sql`select code from divisions where parent_code = ${places.renchengTownshipA} and code <> ${places.renchengVillageA} order by code
      limit 1`,
  );

  h.a1 = await approved(clerkA, approverA, places.renchengVillageA, ['甲一', '甲二', '甲三']);
  h.a2 = await approved(clerkA, approverA, villageA2, ['乙一', '乙二']);
  h.b1 = await approved(clerkB, approverB, places.renchengVillageB, ['丙一', '丙二']);
  h.y1 = await approved(yzClerk, yzApprover, places.yanzhouVillage, ['丁一', '丁二']);

  // An organisation serving the head of household a1 (the payee of its entitlement) only.
  const org = await admin.post('/api/organisations', {
    name: '任城区救助管理站',
    creditCode: '12370811MB0000002C',
    legalType: 'public_institution',
    divisionCode: places.rencheng,
  });
  expect(org.statusCode, org.body).toBe(200);
  await t.owner.execute(
    sql`insert into organisation_persons (organisation_id, person_id) values (${org.json().id}, ${h.a1.members[0].id})`,
  );
  orgStaff = await t.login({ roles: ['org_staff'], divisionCode: places.rencheng, organisationId: org.json().id });
  orgReader = await t.login({ roles: ['org_staff', 'village_officer'], divisionCode: places.rencheng, organisationId: org.json().id });

  // Cases still open, for the worklist: one overdue in each township, one due today in township A.
  for (const [key, clerk, hh] of [
    ['a1', clerkA, h.a1],
    ['a2', clerkA, h.a2],
    ['b1', clerkB, h.b1],
  ] as const) {
    const other = await household(clerk, hh === h.a2 ? villageA2 : hh === h.b1 ? places.renchengVillageB : places.renchengVillageA, [
      `待${key}`,
    ]);
    pending[key] = (
      await apply(clerk, application(other, { members: [{ personId: other.members[0].id, covered: true, incomes: [] }] }))
    ).id;
  }
  await t.owner.execute(sql`update assistance_cases set due_date = ${addDays(today, -10)} where id in (${pending.a1}, ${pending.b1})`);
  await t.owner.execute(sql`update assistance_cases set due_date = ${today} where id = ${pending.a2}`);

  // Next month's roll of 任城区, built by the county and approved by a second county user.
  const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
  expect(start.statusCode, start.body).toBe(200);
  rollId = start.json().id;
  await t.deps.jobs.drain();
  expect((await countyApprover.post(`/api/payments/assistance/rolls/${rollId}/approve`)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

interface Line {
  payeeName: string;
  amountFen: number;
  paymentStatus: string;
}
interface Entitlement {
  payeeName: string;
  category: string;
  status: string;
  startMonth: string;
  endMonth: string | null;
  monthlyFen: number;
  coveredCount: number;
}

describe('Z2 figures inside the subtree', () => {
  it('Z2 the rolls list and the roll header give each user the lines and amount of the lines they may list', async () => {
    const seen = new Map<Client, Line[]>();
    for (const user of [clerkA, clerkB, village, orgReader, county]) {
      const list = (await user.get(`/api/payments/assistance/rolls?month=${nextMonth}`)).json();
      expect(list.total).toBe(1);
      expect(list.items).toHaveLength(1);
      const lines = await all<Line>(user, `/api/payments/assistance/rolls/${rollId}/lines`);
      seen.set(user, lines.items);
      expect(lines.total).toBe(lines.items.length);
      const figures = { lines: lines.items.length, totalFen: sum(lines.items, (l) => l.amountFen) };
      expect(list.items[0]).toMatchObject({ id: rollId, ...figures, wholeRoll: user === county });
      expect(lines.first.roll).toMatchObject({ ...figures, wholeRoll: user === county });
      expect(lines.first.totalFen).toBe(figures.totalFen);
    }
    const names = (u: Client) =>
      seen
        .get(u)!
        .map((l) => l.payeeName)
        .sort();
    expect(names(clerkA)).toEqual(['乙一', '甲一']);
    expect(names(clerkB)).toEqual(['丙一']);
    expect(names(village)).toEqual(['甲一']);
    expect(names(orgReader)).toEqual(['甲一']);
    expect(names(county)).toEqual(['丙一', '乙一', '甲一']);
    // The county's figures are the roll's, as stored when it was built.
    const [stored] = await rows<{ lines: number; total_fen: number | string }>(
      t.deps.database.db,
      sql`select lines, total_fen from payment_rolls where id = ${rollId}`,
    );
    expect((await county.get(`/api/payments/assistance/rolls/${rollId}/lines`)).json().roll).toMatchObject({
      lines: Number(stored.lines),
      totalFen: Number(stored.total_fen),
    });
    // 兖州区 sees no roll of 任城区.
    const yanzhou = await t.login({ roles: ['county_reviewer'], divisionCode: places.yanzhou });
    expect((await yanzhou.get('/api/payments/assistance/rolls')).json().total).toBe(0);
  });

  it("Z2 a filtered roll keeps the header of the user's whole part; total and totalFen beside the items are of the filter", async () => {
    const whole = await all<Line>(clerkA, `/api/payments/assistance/rolls/${rollId}/lines`);
    const filtered = await all<Line>(clerkA, `/api/payments/assistance/rolls/${rollId}/lines?divisionCode=${villageA2}`);
    expect(filtered.items.map((l) => l.payeeName)).toEqual(['乙一']);
    expect(filtered.first.roll).toMatchObject({ lines: whole.items.length, totalFen: sum(whole.items, (l) => l.amountFen) });
    expect(filtered.total).toBe(1);
    expect(filtered.first.totalFen).toBe(filtered.items[0].amountFen);
  });

  it("Z2 the bank file and its result are the county's: a township user holding the roll permission gets 403; the county's summary counts the roll's lines", async () => {
    const townshipRoll = await t.login({ roles: ['township_clerk', 'county_reviewer'], divisionCode: places.renchengTownshipA });
    expect((await townshipRoll.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`)).statusCode).toBe(403);
    expect(
      (await upload(townshipRoll, `/api/payments/assistance/rolls/${rollId}/bank-result`, '回盘.csv', '流水号,结果,失败原因\n')).statusCode,
    ).toBe(403);
    // Nor does it build one: the county lies outside its jurisdiction.
    expect(
      (await townshipRoll.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: addMonths(nextMonth, 1) }))
        .statusCode,
    ).toBe(404);
    // Its list shows its own part, like any township's.
    expect((await townshipRoll.get(`/api/payments/assistance/rolls?month=${nextMonth}`)).json().items[0]).toMatchObject({
      lines: 2,
      wholeRoll: false,
    });

    const csv = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`);
    const records = parseCsv(csv.rawPayload, { bom: true }) as string[][];
    const lineOf = (name: string) => records.find((r) => r[1] === name)![0];
    const result = `流水号,结果,失败原因\n${lineOf('甲一')},成功,\n${lineOf('乙一')},失败,账户已销户\n${lineOf('丙一')},成功,\n`;
    const imported = await upload(county, `/api/payments/assistance/rolls/${rollId}/bank-result`, '回盘.csv', result);
    expect(imported.json()).toEqual({ paid: 2, failed: 1 });
    const lines = await all<Line>(county, `/api/payments/assistance/rolls/${rollId}/lines`);
    expect(imported.json()).toEqual({
      paid: lines.items.filter((l) => l.paymentStatus === 'paid').length,
      failed: lines.items.filter((l) => l.paymentStatus === 'failed').length,
    });
    // Each user's failed lines: the filter's total is of their part.
    expect((await clerkA.get(`/api/payments/assistance/rolls/${rollId}/lines?paymentStatus=failed`)).json().total).toBe(1);
    expect((await clerkB.get(`/api/payments/assistance/rolls/${rollId}/lines?paymentStatus=failed`)).json().total).toBe(0);
  });

  it('Z2 assistance statistics equal the entitlements, roll lines and benefit records the same user may list; organisation staff count their persons only', async () => {
    const figures: Record<string, unknown>[] = [];
    for (const [user, lister] of [
      [clerkA, clerkA],
      [clerkB, clerkB],
      [village, village],
      [orgStaff, orgReader],
      [orgReader, orgReader],
      [county, county],
    ] as const) {
      const res = await user.get(`/api/assistance/stats?month=${nextMonth}`);
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      figures.push(s);
      const entitlements = (await all<Entitlement>(lister, '/api/assistance/entitlements')).items.filter((e) => inForce(e, nextMonth));
      const byCounty = s.byCounty as { households: number; persons: number; monthlyFen: number }[];
      expect(sum(byCounty, (r) => r.households)).toBe(entitlements.length);
      expect(sum(byCounty, (r) => r.persons)).toBe(sum(entitlements, (e) => e.coveredCount));
      expect(sum(byCounty, (r) => r.monthlyFen)).toBe(sum(entitlements, (e) => e.monthlyFen));
      expect(s.borderlineHouseholds).toBe(entitlements.filter((e) => e.category === 'borderline').length);

      const lines = (await all<Line>(lister, `/api/payments/assistance/rolls/${rollId}/lines`)).items;
      const spent = (s.spending as { month: string; paidFen: number; failedFen: number; pendingFen: number; lines: number }[]).filter(
        (r) => r.month === nextMonth,
      );
      // Paid is what the bank confirmed; failed and not yet answered apart.
      const of = (status: string[]) =>
        sum(
          lines.filter((l) => status.includes(l.paymentStatus)),
          (l) => l.amountFen,
        );
      expect(sum(spent, (r) => r.paidFen)).toBe(of(['paid']));
      expect(sum(spent, (r) => r.failedFen)).toBe(of(['failed']));
      expect(sum(spent, (r) => r.pendingFen)).toBe(of(['pending', 'reissued']));
      expect(sum(spent, (r) => r.lines)).toBe(lines.length);

      const benefits = (
        (await lister.get('/api/benefits')).json() as { personId: number; type: string; startMonth: string; endMonth: string | null }[]
      ).filter((b) => b.startMonth <= nextMonth && (b.endMonth === null || b.endMonth >= nextMonth));
      const byType = new Map<string, Set<number>>();
      for (const b of benefits) byType.set(b.type, (byType.get(b.type) ?? new Set()).add(b.personId));
      expect(Object.fromEntries((s.difficulty as { type: string; persons: number }[]).map((d) => [d.type, d.persons]))).toEqual(
        Object.fromEntries([...byType].map(([k, v]) => [k, v.size])),
      );
    }
    const [a, b, v, org, orgR, c] = figures as {
      byCounty: { households: number; persons: number }[];
      difficulty: { type: string; persons: number }[];
    }[];
    const households = (s: typeof a) => sum(s.byCounty, (r) => r.households);
    expect([households(a), households(b), households(v), households(org), households(c)]).toEqual([2, 1, 1, 1, 3]);
    // The other township's and the other county's recipients are in no township's figures.
    expect(households(c)).toBe(households(a) + households(b));
    // Organisation staff: one payee of the organisation, one person with a benefit record (not the household's 3).
    expect(org).toEqual(orgR);
    expect(org.difficulty).toEqual([expect.objectContaining({ type: 'dibao', persons: 1 })]);
    expect(sum(org.byCounty, (r) => r.persons)).toBe(3);
  });

  it('Z2 worklist counts (total, nearDue, overdue) and the case and entitlement list totals count the rows the user may list', async () => {
    const cal = await t.deps.calendar.get();
    const soon = addWorkingDays(today, 1, cal).date;
    const worklists: Record<string, number>[] = [];
    for (const user of [clerkA, clerkB, village, orgReader, county]) {
      const w = await all<{ id: number; dueDate: string | null; divisionCode: string }>(user, '/api/assistance/worklist');
      expect(w.total).toBe(w.items.length);
      expect(w.first.overdue).toBe(w.items.filter((c) => c.dueDate !== null && c.dueDate < today).length);
      expect(w.first.nearDue).toBe(w.items.filter((c) => c.dueDate !== null && c.dueDate >= today && c.dueDate <= soon).length);
      worklists.push({ total: w.total, overdue: Number(w.first.overdue), nearDue: Number(w.first.nearDue) });

      const cases = await all<{ divisionCode: string }>(user, '/api/assistance/cases');
      expect(cases.total).toBe(cases.items.length);
      const entitlements = await all<Entitlement>(user, '/api/assistance/entitlements');
      expect(entitlements.total).toBe(entitlements.items.length);
    }
    const [a, b, , , c] = worklists;
    expect(a).toEqual({ total: 2, overdue: 1, nearDue: 1 });
    expect(b).toEqual({ total: 1, overdue: 1, nearDue: 0 });
    // The county decides; these cases are at the townships' stages, so none waits on it (nor counts as its overdue).
    expect(c).toEqual({ total: 0, overdue: 0, nearDue: 0 });
    const ids = (await all<{ id: number }>(clerkA, '/api/assistance/worklist')).items.map((x) => x.id);
    expect(ids.sort()).toEqual([pending.a1, pending.a2].sort());
    expect(
      (await all<{ divisionCode: string }>(clerkA, '/api/assistance/cases')).items.every((x) =>
        x.divisionCode.startsWith(places.renchengTownshipA),
      ),
    ).toBe(true);
    expect(
      (await all<{ divisionCode: string }>(village, '/api/assistance/cases')).items.every((x) =>
        x.divisionCode.startsWith(places.renchengVillageA),
      ),
    ).toBe(true);
    expect((await open(clerkB, pending.a1)).code).toBe('NOT_FOUND');
  });

  it('Z2 check batches: a batch re-check creates and a reply file matches only checks the user may list', async () => {
    const count = async (user: Client) =>
      (await all<Entitlement>(user, '/api/assistance/entitlements')).items.filter((e) => e.status !== 'stopped').length;
    const a = await clerkA.post('/api/assistance/rechecks', { only: 'all' });
    expect(a.json().created).toBe(await count(clerkA));
    const b = await clerkB.post('/api/assistance/rechecks', { only: 'all' });
    expect(b.json().created).toBe(await count(clerkB));
    expect((await county.post('/api/assistance/rechecks', { only: 'all' })).json().created).toBe(0);

    // A reply naming members of households in both townships and the other county.
    const reply = `身份证号,姓名,月缴费基数（元）,月养老金（元）\n${[h.a1, h.a2, h.b1, h.y1].map((x) => `${x.idNumbers[1]},${x.members[1].name},3000,0`).join('\n')}\n`;
    const res = await upload(clerkA, '/api/assistance/checks/replies?agency=social_insurance', 'si.csv', reply);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, matchedChecks: 2, matchedPersons: 2 });
    const mine = await all<{ entitlementId: number; payeeName: string }>(clerkA, '/api/assistance/rechecks');
    expect(mine.total).toBe(res.json().matchedChecks);
    expect(mine.items.map((r) => r.payeeName).sort()).toEqual(['乙一', '甲一']);
    expect((await clerkB.get('/api/assistance/rechecks')).json().total).toBe(0);
    expect((await county.get('/api/assistance/rechecks')).json().total).toBe(2);
  });

  // Last: the recomputation may change amounts.
  it('Z2 a recomputation counts the entitlements of the county whose value changed; a city-wide value needs the whole city', async () => {
    const countyAdmin = await t.login({ roles: ['city_admin'], divisionCode: places.rencheng });
    const cityWide = await countyAdmin.post('/api/policy/assistance/values', {
      kind: 'parameter:separation_of_duties',
      countyCode: '',
      effectiveMonth: nextMonth,
      value: true,
    });
    expect(cityWide.statusCode).toBe(400);
    expect(cityWide.json().details.fields[0]).toMatchObject({ field: 'countyCode', message: expect.stringContaining('市级民政部门') });

    const result = async (user: Client, countyCode: string) => {
      const res = await user.post('/api/policy/assistance/values', {
        kind: 'parameter:separation_of_duties',
        countyCode,
        effectiveMonth: nextMonth,
        value: true,
      });
      expect(res.statusCode, res.body).toBe(200);
      await t.deps.jobs.drain();
      const job = (await user.get(`/api/jobs/${res.json().jobId}`)).json();
      expect(job.status).toBe('succeeded');
      return job.result as { checked: number; changed: number };
    };
    const mine = (await all<Entitlement>(countyAdmin, '/api/assistance/entitlements')).items.filter(
      (e) => inForce(e, nextMonth) && ['dibao', 'tekun'].includes(e.category),
    );
    expect(await result(countyAdmin, places.rencheng)).toMatchObject({ checked: mine.length, changed: 0 });
    expect(mine.map((e) => e.payeeName)).not.toContain('丁一');
    const everyone = (await all<Entitlement>(admin, '/api/assistance/entitlements')).items.filter(
      (e) => inForce(e, nextMonth) && ['dibao', 'tekun'].includes(e.category),
    );
    expect(await result(admin, '')).toMatchObject({ checked: everyone.length, changed: 0 });
    expect(everyone.length).toBe(mine.length + 1);
  });
});
