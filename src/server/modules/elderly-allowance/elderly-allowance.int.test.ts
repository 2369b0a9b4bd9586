/**
 * 高龄津贴 on both engines (docs/rules.md "高龄津贴 (old-age allowance)"): the allowance from the 80th
 * birthday to death — due from the month after the 80th birthday, the band's amount changing after
 * the 90th, no roll line before the township confirms, stopped from the month after death and resumed
 * when the death is revoked; a record outside the jurisdiction is a 404; statistics stay inside it; a
 * county's roll lists the amounts; the amounts are dated policy values read in the roll's statement;
 * the allowance is in the registry's benefit ledger band by band, follows a later amount and ends after
 * death; a hukou moved out of the city is not made eligible, stops the allowance after the month of moving
 * out and a move back in pays it again from the month after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { places, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { PolicyBook } from '../../platform/policy/book.js';
import { valueInForce } from '../../platform/policy/in-sql.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { ageInMonth, firstDueMonth } from '../../../shared/elderly-allowance/codes.js';
import { caseHelpers } from '../assistance/testing.js';
import { FACTS_CHANGED } from '../registry/events.js';
import { answerHukouMoves } from './hukou.js';
import { allowanceWorkflow } from './workflow.js';

let t: TestApp;
let clerk: Client;
let clerkB: Client;
let county: Client;
let countyApprover: Client;
let village: Client;
const today = shanghaiToday();
const thisMonth = monthOf(today);
const next = addMonths(thisMonth, 1);
const later = addMonths(thisMonth, 2);
const afterLater = addMonths(thisMonth, 3);
/** A birth date whose birthday month is `month` shifted by `years`. */
const bornIn = (month: string, years: number) => `${addMonths(month, -12 * years)}-01`;
const { household } = caseHelpers(() => t, 420);

interface Row {
  id: number;
  personId: number;
  name: string;
  status: string;
  statusName: string;
  startMonth: string;
  endMonth: string | null;
  band: string | null;
  monthlyFen: number;
}
interface Line {
  recordId: number;
  payeeName: string;
  amountFen: number;
  benefitTypeName: string;
  breakdown: string;
}

const persons: Record<string, number> = {};

async function listOf(client: Client, query = ''): Promise<{ items: Row[]; total: number }> {
  const res = await client.get(`/api/elderly-allowance/allowances?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const recordOf = async (name: string, client = clerk) => (await listOf(client, `&q=${encodeURIComponent(name)}`)).items[0];
const detail = async (id: number, client = clerk) => (await client.get(`/api/elderly-allowance/allowances/${id}`)).json();

async function confirm(name: string, client = clerk) {
  const r = await recordOf(name);
  const d = await detail(r.id);
  const res = await client.post(`/api/elderly-allowance/allowances/${r.id}/confirm`, {
    version: d.version,
    bankName: '济宁农商银行',
    bankAccount: `62310000${String(r.personId).padStart(11, '0')}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The county's roll of `month`, built again from what is in force now, and its lines. */
async function roll(month: string): Promise<Line[]> {
  const res = await county.post('/api/payments/elderly_allowance/rolls', { countyCode: places.rencheng, month });
  expect(res.statusCode, res.body).toBe(200);
  await t.deps.jobs.drain();
  const lines = await county.get(`/api/payments/elderly_allowance/rolls/${res.json().id}/lines?pageSize=200`);
  expect(lines.statusCode, lines.body).toBe(200);
  return lines.json().items;
}
const lineOf = (lines: Line[], name: string) => lines.find((l) => l.payeeName === name);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  village = await t.login({ roles: ['village_officer'], divisionCode: places.renchengVillageA });
  // Township A: one turning 80 this month, one turning 90 next month, one of 85, one of 87 left unconfirmed,
  // one of 88 refused, one of 79 (not yet); township B: one of 82.
  const a = await household(
    clerk,
    places.renchengVillageA,
    ['高八十', '高九十', '高八五', '高待确认', '高不予', '高七九'],
    [bornIn(thisMonth, 80), bornIn(next, 90), bornIn(thisMonth, 85), bornIn(thisMonth, 87), bornIn(thisMonth, 88), bornIn(next, 80)],
  );
  a.members.forEach((m) => (persons[m.name] = m.id));
  const b = await household(clerkB, places.renchengVillageB, ['乙八二'], [bornIn(thisMonth, 82)]);
  persons['乙八二'] = b.members[0].id;
  // Township A: one of 86 whose hukou moved out of the city before the worklist was made.
  const gone = await household(clerk, places.renchengVillageA, ['高迁出'], [bornIn(thisMonth, 86)]);
  persons['高迁出'] = gone.members[0].id;
  const out = await clerk.post(`/api/persons/${persons['高迁出']}/hukou-move`, {
    direction: 'out',
    movedOn: today,
    toPlace: '江苏省南京市',
  });
  expect(out.statusCode, out.body).toBe(200);
});

interface LedgerRow {
  type: string;
  monthly_amount_fen: number;
  start_month: string;
  end_month: string | null;
  source: string;
  source_ref: string;
}
/** The person's records in the registry's benefit ledger, oldest first. */
const ledgerOf = (name: string) =>
  rows<LedgerRow>(
    t.deps.database.db,
    sql`select type, monthly_amount_fen::int as monthly_amount_fen, start_month, end_month, source, source_ref from benefits
      where person_id = ${persons[name]} order by start_month, id`,
  );
const monthAfterBirthday = (birth: string, age: number) => addMonths(`${Number(birth.slice(0, 4)) + age}${birth.slice(4, 7)}`, 1);
afterAll(async () => t?.close());

describe('高龄津贴 (old-age allowance) from the 80th birthday to death', () => {
  it('the worklist lists the newly eligible of the township: 80 reached by this month, 79 not yet, and no one of another township', async () => {
    const res = await clerk.post('/api/elderly-allowance/intake');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().opened).toBe(5);
    expect((await clerk.post('/api/elderly-allowance/intake')).json().opened).toBe(0);
    const work = await clerk.get('/api/elderly-allowance/worklist?pageSize=50');
    expect(work.statusCode, work.body).toBe(200);
    const names = work.json<{ items: Row[] }>().items.map((r) => r.name);
    expect(names.sort()).toEqual(['高不予', '高九十', '高八五', '高八十', '高待确认'].sort());
    expect(work.json<{ items: Row[] }>().items.every((r) => r.statusName === '待确认')).toBe(true);
    expect((await clerkB.post('/api/elderly-allowance/intake')).json().opened).toBe(1);
  });

  it('from the 80th birthday: due from the month after it, so the roll of the birthday month has no line and the next one pays 100 元', async () => {
    expect(ageInMonth(bornIn(thisMonth, 80), thisMonth)).toBe(79);
    expect(ageInMonth(bornIn(thisMonth, 80), next)).toBe(80);
    expect(firstDueMonth(bornIn(thisMonth, 80))).toBe(next);
    const r = await recordOf('高八十');
    expect(r.startMonth).toBe(next);
    await confirm('高八十');
    expect(lineOf(await roll(thisMonth), '高八十')).toBeUndefined();
    expect(lineOf(await roll(next), '高八十')).toMatchObject({ amountFen: 100_00, benefitTypeName: '80—89 周岁' });
  });

  it('township confirmation required before the first roll line: a record 待确认 is on no roll', async () => {
    expect((await recordOf('高待确认')).status).toBe('pending');
    expect(lineOf(await roll(next), '高待确认')).toBeUndefined();
    const d = await confirm('高八五');
    expect(d.statusName).toBe('发放中');
    expect(d.payee.account).toMatch(/^\*{4}\d{4}$/);
    expect(d.history.map((h: { actionName: string }) => h.actionName)).toEqual(['列入待确认名单', '确认首次发放']);
    const [audited] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from audit_log where action = 'elderly_allowance.confirm' and object_id = ${String(d.id)}`,
    );
    expect(audited.n).toBe(1);
    expect(lineOf(await roll(thisMonth), '高八五')).toMatchObject({ amountFen: 100_00 });
  });

  it('a refusal needs a reason, and a refused record is on no roll', async () => {
    const r = await recordOf('高不予');
    const d = await detail(r.id);
    const none = await clerk.post(`/api/elderly-allowance/allowances/${r.id}/refuse`, { version: d.version, reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请填写不予发放的理由');
    const res = await clerk.post(`/api/elderly-allowance/allowances/${r.id}/refuse`, { version: d.version, reason: '户籍已迁出本市' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().statusName).toBe('不予发放');
    const again = await clerk.post(`/api/elderly-allowance/allowances/${r.id}/confirm`, {
      version: res.json().version,
      bankName: '济宁银行',
      bankAccount: '6217000000000000001',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('高龄津贴当前状态为「不予发放」，不能执行「确认首次发放」');
    expect(lineOf(await roll(next), '高不予')).toBeUndefined();
  });

  it('a stale version is refused (409) and the village officer, who only reads, may not confirm (403)', async () => {
    const r = { ...(await recordOf('高待确认')), version: (await detail((await recordOf('高待确认')).id)).version as number };
    const stale = await clerk.post(`/api/elderly-allowance/allowances/${r.id}/confirm`, {
      version: 1,
      bankName: '济宁银行',
      bankAccount: '6217000000000000002',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('高龄津贴已被他人处理，请刷新后查看最新状态');
    expect((await village.get(`/api/elderly-allowance/allowances/${r.id}`)).statusCode).toBe(200);
    expect(
      (
        await village.post(`/api/elderly-allowance/allowances/${r.id}/confirm`, {
          version: r.version,
          bankName: '济宁银行',
          bankAccount: '6217000000000000002',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('band change at 90: 100 元 in the month of the 90th birthday, 200 元 from the month after it', async () => {
    await confirm('高九十');
    expect(lineOf(await roll(next), '高九十')).toMatchObject({
      amountFen: 100_00,
      benefitTypeName: '80—89 周岁',
      breakdown: '80—89 周岁（89 周岁）',
    });
    expect(lineOf(await roll(later), '高九十')).toMatchObject({ amountFen: 200_00, benefitTypeName: '90—99 周岁' });
  });

  it('stops on death from the next month: paid for the month of death, not after; a revoked death resumes it', async () => {
    const id = persons['高八五'];
    const died = await clerk.post(`/api/persons/${id}/death`, { diedOn: today, place: '济宁市第一人民医院', certificateNo: 'SW2026085' });
    expect(died.statusCode, died.body).toBe(200);
    await t.deps.jobs.drain();
    const r = await recordOf('高八五');
    expect(r).toMatchObject({ status: 'stopped', statusName: '已停发', endMonth: thisMonth });
    const d = await detail(r.id);
    expect(d.history.at(-1)).toMatchObject({ actionName: '死亡停发', reason: `本人于 ${today} 去世（人口库登记），自 ${next} 起停发` });
    expect(lineOf(await roll(thisMonth), '高八五')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '高八五')).toBeUndefined();
    const [audited] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from audit_log where action = 'elderly_allowance.death' and object_id = ${String(r.id)}`,
    );
    expect(audited.n).toBe(1);

    const revoked = await clerk.post(`/api/persons/${id}/death/revoke`, { reason: '死亡登记有误' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await t.deps.jobs.drain();
    expect(await recordOf('高八五')).toMatchObject({ status: 'paying', endMonth: null });
    expect(lineOf(await roll(next), '高八五')).toMatchObject({ amountFen: 100_00 });
  });

  it('scope 404: another township’s record, its confirmation and refusal answer 404 as a missing one', async () => {
    const r = { ...(await recordOf('高待确认')), version: (await detail((await recordOf('高待确认')).id)).version as number };
    for (const res of [
      await clerkB.get(`/api/elderly-allowance/allowances/${r.id}`),
      await clerkB.post(`/api/elderly-allowance/allowances/${r.id}/confirm`, {
        version: r.version,
        bankName: '济宁银行',
        bankAccount: '6217000000000000003',
      }),
      await clerkB.post(`/api/elderly-allowance/allowances/${r.id}/refuse`, { version: r.version, reason: '越权' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('高龄津贴记录不存在或不在您的管辖范围内');
    }
    expect((await listOf(clerkB)).items.map((x) => x.name)).toEqual(['乙八二']);
    expect((await recordOf('高待确认')).status).toBe('pending');
  });

  it('a roll for a county lists the amounts: every confirmed person of its townships with the band’s amount, and the total', async () => {
    const b = await recordOf('乙八二', clerkB);
    const bd = await detail(b.id, clerkB);
    expect(
      (
        await clerkB.post(`/api/elderly-allowance/allowances/${b.id}/confirm`, {
          version: bd.version,
          bankName: '济宁银行',
          bankAccount: '6217000000000000082',
        })
      ).statusCode,
    ).toBe(200);
    const res = await county.post('/api/payments/elderly_allowance/rolls', { countyCode: places.rencheng, month: later });
    await t.deps.jobs.drain();
    const lines = (await county.get(`/api/payments/elderly_allowance/rolls/${res.json().id}/lines?pageSize=200`)).json();
    const byName = Object.fromEntries(lines.items.map((l: Line) => [l.payeeName, l.amountFen]));
    expect(byName).toEqual({ 高八十: 100_00, 高九十: 200_00, 高八五: 100_00, 乙八二: 100_00 });
    expect(lines.roll.totalFen).toBe(500_00);
    // Who built it does not approve it; another county user does.
    expect((await county.post(`/api/payments/elderly_allowance/rolls/${res.json().id}/approve`)).statusCode).toBe(403);
    expect((await countyApprover.post(`/api/payments/elderly_allowance/rolls/${res.json().id}/approve`)).statusCode).toBe(200);
  });

  it('statistics only inside jurisdiction: a township counts its own, the county both, by division and band', async () => {
    const mine = (await clerk.get(`/api/elderly-allowance/stats?month=${later}`)).json();
    expect(mine).toMatchObject({ month: later, persons: 3, amountFen: 400_00 });
    expect(mine.rows.every((r: { divisionCode: string }) => r.divisionCode === places.renchengVillageA)).toBe(true);
    const theirs = (await clerkB.get(`/api/elderly-allowance/stats?month=${later}`)).json();
    expect(theirs).toMatchObject({ persons: 1, amountFen: 100_00 });
    const all = (await county.get(`/api/elderly-allowance/stats?month=${later}`)).json();
    expect(all.persons).toBe(4);
    expect(all.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          divisionCode: places.renchengTownshipA,
          band: 'a90',
          bandName: '90—99 周岁',
          persons: 1,
          amountFen: 200_00,
        }),
        expect.objectContaining({ divisionCode: places.renchengTownshipB, band: 'a80', persons: 1, amountFen: 100_00 }),
      ]),
    );
  });

  it('the statistics’ xlsx export holds the page’s rows and total, inside jurisdiction, audited', async () => {
    const res = await county.get(`/api/elderly-allowance/stats/export?month=${later}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet: unknown[][] = [];
    wb.worksheets[0].eachRow((r, n) => n > 1 && sheet.push((r.values as unknown[]).slice(1)));
    const page = (await county.get(`/api/elderly-allowance/stats?month=${later}`)).json();
    expect(sheet.slice(0, -1)).toEqual(
      page.rows.map((r: { divisionCode: string; divisionName: string; bandName: string; persons: number; amountFen: number }) => [
        r.divisionCode,
        r.divisionName,
        r.bandName,
        r.persons,
        r.amountFen / 100,
      ]),
    );
    expect(sheet.at(-1)?.slice(1, 5)).toEqual(['合计', undefined, 4, 500]);
    const mine = new ExcelJS.Workbook();
    await mine.xlsx.load((await clerkB.get(`/api/elderly-allowance/stats/export?month=${later}`)).rawPayload as never);
    expect(mine.worksheets[0].getColumn(4).values.slice(2)).toEqual([1, 1]);
    const [audited] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from audit_log where action = 'elderly_allowance.stats.export'`,
    );
    expect(audited.n).toBe(2);
  });

  it('the list filters by band and status, and its xlsx export holds the same rows, audited', async () => {
    const paying = await listOf(clerk, '&status=paying');
    expect(paying.items.map((r) => r.name).sort()).toEqual(['高九十', '高八五', '高八十'].sort());
    const res = await clerk.get('/api/elderly-allowance/allowances/export?status=paying');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const names = wb.worksheets[0].getColumn(1).values.slice(2);
    expect(names.map(String).sort()).toEqual(['高九十', '高八五', '高八十'].sort());
    const [audited] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from audit_log where action = 'elderly_allowance.export'`,
    );
    expect(audited.n).toBe(1);
  });

  it('the amounts are dated policy values: a county’s own value from a month is what its roll pays, the same as the book reads', async () => {
    const admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
    const res = await admin.post('/api/policy/elderly_allowance/values', {
      kind: 'amounts',
      countyCode: places.rencheng,
      effectiveMonth: afterLater,
      value: { a80: 120_00, a90: 240_00, a100: 600_00 },
      note: '任城区标准',
    });
    expect(res.statusCode, res.body).toBe(200);
    const bad = await admin.post('/api/policy/elderly_allowance/values', {
      kind: 'amounts',
      countyCode: places.rencheng,
      effectiveMonth: afterLater,
      value: { a80: -1, a90: 240_00, a100: 600_00 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('金额不能为负');
    expect(lineOf(await roll(afterLater), '高九十')).toMatchObject({ amountFen: 240_00 });
    expect(lineOf(await roll(next), '高九十')).toMatchObject({ amountFen: 100_00 });
    const book = await PolicyBook.load(t.deps.database.db, 'elderly_allowance');
    for (const [countyCode, month] of [
      [places.rencheng, afterLater],
      [places.rencheng, later],
      [places.yanzhou, afterLater],
    ])
      expect(
        (
          await rows<{ v: unknown }>(
            t.deps.database.db,
            sql`select ${valueInForce('elderly_allowance', 'amounts', countyCode, month)} as v`,
          )
        )[0].v,
      ).toEqual(book.value('amounts', countyCode, month)?.value);
  });
});

describe('高龄津贴 in the benefit ledger and the moved-out', () => {
  it('the 高龄津贴 is in the benefit ledger from its first month and ends after death', async () => {
    // Nothing is recorded before the township confirms, nor for a refused record.
    expect(await ledgerOf('高待确认')).toEqual([]);
    expect(await ledgerOf('高不予')).toEqual([]);
    // Confirmed: from its first month, band by band — 100 元 to the month of the 90th birthday, 200 元 from the month after it.
    const r90 = await recordOf('高九十');
    const born90 = bornIn(next, 90);
    const ref = `elderly_allowance:${r90.id}`;
    expect(await ledgerOf('高九十')).toEqual([
      {
        type: 'elderly_allowance',
        monthly_amount_fen: 100_00,
        start_month: r90.startMonth,
        end_month: next,
        source: 'module',
        source_ref: ref,
      },
      {
        type: 'elderly_allowance',
        monthly_amount_fen: 200_00,
        start_month: later,
        end_month: later,
        source: 'module',
        source_ref: ref,
      },
      // The county's own amounts from afterLater (entered above, after the confirmation) are in the ledger from that month.
      {
        type: 'elderly_allowance',
        monthly_amount_fen: 240_00,
        start_month: afterLater,
        end_month: addMonths(monthAfterBirthday(born90, 100), -1),
        source: 'module',
        source_ref: ref,
      },
      {
        type: 'elderly_allowance',
        monthly_amount_fen: 600_00,
        start_month: monthAfterBirthday(born90, 100),
        end_month: null,
        source: 'module',
        source_ref: ref,
      },
    ]);
    // 高八五 died and the death was revoked (above): ended with the month of death, recorded again from the month after.
    const r85 = await recordOf('高八五');
    const l85 = await ledgerOf('高八五');
    expect(l85.slice(0, 3).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [r85.startMonth, thisMonth, 100_00],
      [next, later, 100_00],
      [afterLater, addMonths(monthAfterBirthday(bornIn(thisMonth, 85), 90), -1), 120_00],
    ]);
    // Died again: paid for the month of death, nothing after it.
    const died = await clerk.post(`/api/persons/${persons['高八五']}/death`, { diedOn: today, place: '家中', certificateNo: 'SW2026086' });
    expect(died.statusCode, died.body).toBe(200);
    await t.deps.jobs.drain();
    expect((await ledgerOf('高八五')).map((l) => [l.start_month, l.end_month])).toEqual([[r85.startMonth, thisMonth]]);
  });

  it('a person whose hukou moved out of the city is not made eligible, and one moved out after confirmation is paid to the month of moving out', async () => {
    expect((await clerk.post('/api/elderly-allowance/intake')).json().opened).toBe(0);
    expect(await listOf(clerk, `&q=${encodeURIComponent('高迁出')}`)).toMatchObject({ total: 0 });
    expect(lineOf(await roll(next), '乙八二')).toMatchObject({ amountFen: 100_00 });
    const out = await clerkB.post(`/api/persons/${persons['乙八二']}/hukou-move`, {
      direction: 'out',
      movedOn: today,
      toPlace: '江苏省南京市',
    });
    expect(out.statusCode, out.body).toBe(200);
    // A roll built before the move-out is answered reads the registry's date too.
    expect(lineOf(await roll(thisMonth), '乙八二')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '乙八二')).toBeUndefined();
    expect((await clerkB.get(`/api/elderly-allowance/stats?month=${next}`)).json()).toMatchObject({ persons: 0 });
  });

  it('a hukou moved out of the city stops the allowance from the month after the move; a move back in pays it again', async () => {
    // The move-out of 乙八二 (above) is answered: 已停发 with the month of moving out as its last month.
    const r = await recordOf('乙八二', clerkB);
    expect(r).toMatchObject({ status: 'stopped', statusName: '已停发', endMonth: thisMonth });
    const d = await detail(r.id, clerkB);
    expect(d.history.at(-1)).toMatchObject({
      actionName: '户口迁出停发',
      actorName: '平台（人口库户口迁出登记）',
      reason: `本人户口于 ${today} 迁出本市（人口库登记），自 ${next} 起停发`,
    });
    expect(lineOf(await roll(thisMonth), '乙八二')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '乙八二')).toBeUndefined();
    // The ledger: paid for the month of moving out, nothing after it.
    expect((await ledgerOf('乙八二')).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [r.startMonth, thisMonth, 100_00],
    ]);
    const audited = async () =>
      (
        await rows<{ action: string }>(
          t.deps.database.db,
          sql`select action from audit_log where object_type = 'elderly_allowance' and object_id = ${String(r.id)}
            and action like 'elderly_allowance.hukou%' order by id`,
        )
      ).map((a) => a.action);
    expect(await audited()).toEqual(['elderly_allowance.hukou_moved_out']);

    // Idempotent: the event answered again, or a facts-changed event for another reason, changes nothing.
    const steps = d.history.length;
    expect(await answerHukouMoves(t.deps, [persons['乙八二'], persons['高八十']])).toEqual({ changed: 0 });
    await t.deps.jobs.publishInTx(t.deps.database.db, FACTS_CHANGED, { personIds: [persons['乙八二'], persons['高八十']] }, null);
    await t.deps.jobs.drain();
    expect((await detail(r.id, clerkB)).history).toHaveLength(steps);
    expect(await recordOf('高八十')).toMatchObject({ status: 'paying', endMonth: null });

    // Back in: 发放中 again, paid from the month after the move back in.
    const back = await clerkB.post(`/api/persons/${persons['乙八二']}/hukou-move`, {
      direction: 'in',
      movedOn: today,
      toDivisionCode: places.renchengVillageB,
      fromPlace: '江苏省南京市',
    });
    expect(back.statusCode, back.body).toBe(200);
    await t.deps.jobs.drain();
    expect(await recordOf('乙八二', clerkB)).toMatchObject({ status: 'paying', statusName: '发放中', endMonth: null });
    expect((await detail(r.id, clerkB)).history.at(-1)).toMatchObject({
      actionName: '户口迁回后恢复',
      actorName: '平台（人口库户口迁入登记）',
      reason: `本人户口已迁回本市（人口库登记），自 ${next} 起恢复发放`,
    });
    expect(lineOf(await roll(thisMonth), '乙八二')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '乙八二')).toMatchObject({ amountFen: 100_00 });
    expect((await ledgerOf('乙八二')).slice(0, 3).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [r.startMonth, thisMonth, 100_00],
      [next, later, 100_00],
      [afterLater, addMonths(monthAfterBirthday(bornIn(thisMonth, 82), 90), -1), 120_00],
    ]);
    expect(await audited()).toEqual(['elderly_allowance.hukou_moved_out', 'elderly_allowance.hukou_moved_in']);
    expect(await answerHukouMoves(t.deps, [persons['乙八二']])).toEqual({ changed: 0 });
  });

  it('the months out of the city are not paid: moved out in an earlier month and back this month, paid again from the next', async () => {
    const id = persons['乙八二'];
    const r = await recordOf('乙八二', clerkB);
    // Recorded late: the move-out of last month, then the move back in today.
    const out = await clerkB.post(`/api/persons/${id}/hukou-move`, {
      direction: 'out',
      movedOn: `${addMonths(thisMonth, -1)}-15`,
      toPlace: '江苏省南京市',
    });
    expect(out.statusCode, out.body).toBe(200);
    await t.deps.jobs.drain();
    expect(await recordOf('乙八二', clerkB)).toMatchObject({ status: 'stopped', endMonth: addMonths(thisMonth, -1) });
    expect(await ledgerOf('乙八二')).toEqual([]);
    const back = await clerkB.post(`/api/persons/${id}/hukou-move`, {
      direction: 'in',
      movedOn: today,
      toDivisionCode: places.renchengVillageB,
      fromPlace: '江苏省南京市',
    });
    expect(back.statusCode, back.body).toBe(200);
    await t.deps.jobs.drain();
    expect((await detail(r.id, clerkB)).history.at(-1)).toMatchObject({
      actionName: '户口迁回后恢复',
      reason: `本人户口已迁回本市（人口库登记），${thisMonth} 不发放，自 ${next} 起恢复发放`,
    });
    expect(lineOf(await roll(thisMonth), '乙八二')).toBeUndefined();
    expect(lineOf(await roll(next), '乙八二')).toMatchObject({ amountFen: 100_00 });
    expect((await ledgerOf('乙八二')).slice(0, 2).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [next, later, 100_00],
      [afterLater, addMonths(monthAfterBirthday(bornIn(thisMonth, 82), 90), -1), 120_00],
    ]);
  });

  it('a later amount of the dated policy is written into the ledger: the records are cut at its month, a band of 0 has none', async () => {
    const admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
    const from = addMonths(thisMonth, 5);
    const res = await admin.post('/api/policy/elderly_allowance/values', {
      kind: 'amounts',
      countyCode: places.rencheng,
      effectiveMonth: from,
      value: { a80: 150_00, a90: 0, a100: 800_00 },
      note: '任城区标准调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r80 = await recordOf('高八十');
    const born80 = bornIn(thisMonth, 80);
    expect((await ledgerOf('高八十')).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [r80.startMonth, later, 100_00],
      [afterLater, addMonths(from, -1), 120_00],
      [from, addMonths(monthAfterBirthday(born80, 90), -1), 150_00],
      [monthAfterBirthday(born80, 100), null, 800_00],
    ]);
    // 90—99 is not paid in the county from that month: 高九十 holds no record of it, and its roll has no line.
    const born90 = bornIn(next, 90);
    expect((await ledgerOf('高九十')).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen])).toEqual([
      [(await recordOf('高九十')).startMonth, next, 100_00],
      [later, later, 200_00],
      [afterLater, addMonths(from, -1), 240_00],
      [monthAfterBirthday(born90, 100), null, 800_00],
    ]);
    expect(lineOf(await roll(from), '高九十')).toBeUndefined();
    expect(lineOf(await roll(from), '高八十')).toMatchObject({ amountFen: 150_00 });
    const [note] = await rows<{ note: string }>(
      t.deps.database.db,
      sql`select note from benefits where person_id = ${persons['高八十']} and start_month = ${from}`,
    );
    expect(note.note).toBe(`高龄津贴标准自 ${from} 起调整（80—89 周岁）`);
  });
});

describe('高龄津贴 corrections: 重新受理, the township’s 停发 and 恢复发放', () => {
  const post = (id: number, step: string, body: Record<string, unknown>, client = clerk) =>
    client.post(`/api/elderly-allowance/allowances/${id}/${step}`, body);
  const audited = (action: string, id: number) =>
    rows<{ details: Record<string, unknown> }>(
      t.deps.database.db,
      sql`select details from audit_log where action = ${action} and object_id = ${String(id)} order by id`,
    );
  const spans = async (name: string) => (await ledgerOf(name)).map((l) => [l.start_month, l.end_month, l.monthly_amount_fen]);

  beforeAll(async () => {
    // Township A: one of 88 refused in error, one of 84 stopped and resumed, one of 83 stopped by death.
    const h = await household(
      clerk,
      places.renchengVillageA,
      ['高重受', '高停发', '高死停'],
      [bornIn(thisMonth, 88), bornIn(thisMonth, 84), bornIn(thisMonth, 83)],
    );
    h.members.forEach((m) => (persons[m.name] = m.id));
    expect((await clerk.post('/api/elderly-allowance/intake')).json().opened).toBe(3);
  });

  it('the paths the workflow allows: each action from its statuses to one status, none that skips a step', () => {
    const paths = Object.fromEntries(
      allowanceWorkflow.codes.map((c) => [c, [allowanceWorkflow.actions[c].from, allowanceWorkflow.actions[c].to]]),
    );
    expect(paths).toEqual({
      open: [[null], 'pending'],
      confirm: [['pending'], 'paying'],
      refuse: [['pending'], 'refused'],
      death: [['pending', 'paying'], 'stopped'],
      death_revoked: [['stopped'], 'paying'],
      hukou_moved_out: [['pending', 'paying'], 'stopped'],
      hukou_moved_in: [['stopped'], 'paying'],
      account_change: [['paying', 'stopped'], null],
      reopen: [['refused'], 'pending'],
      stop: [['paying'], 'stopped'],
      resume: [['stopped'], 'paying'],
    });
    // 不予发放 leads only back to 待确认: never straight to 发放中.
    const from = (s: 'pending' | 'paying' | 'refused' | 'stopped') =>
      allowanceWorkflow.codes.filter((c) => allowanceWorkflow.actions[c].from.includes(s) && allowanceWorkflow.actions[c].to !== null);
    expect(from('refused')).toEqual(['reopen']);
    expect(allowanceWorkflow.whyNot('allowance', 'refused', 'resume', null)).toBe('高龄津贴当前状态为「不予发放」，不能执行「恢复发放」');
    expect(allowanceWorkflow.finalStates).toEqual([]);
    // Each correction is one step of the township's, as the confirmation: no duty separated, a reason always.
    for (const c of ['reopen', 'stop', 'resume'] as const)
      expect(allowanceWorkflow.actions[c]).toMatchObject({ permission: 'elderly_allowance.confirm', reasonRequired: true });
  });

  it('重新受理: a refusal made in error goes back to 待确认 with a reason, is confirmed again and paid from its first month', async () => {
    const r = await recordOf('高重受');
    expect(r.startMonth).toBe(thisMonth);
    const refused = await post(r.id, 'refuse', { version: (await detail(r.id)).version, reason: '未提供银行账户' });
    expect(refused.statusCode, refused.body).toBe(200);
    const d = refused.json();
    expect(d.allowedActions).toEqual(['reopen']);
    // No path skips the reopening: 不予发放 is neither confirmed nor resumed.
    const straight = await post(r.id, 'resume', { version: d.version, resumeMonth: next, reason: '已提供账户' });
    expect(straight.statusCode).toBe(409);
    expect(straight.json().message).toBe('高龄津贴当前状态为「不予发放」，不能执行「恢复发放」');
    const none = await post(r.id, 'reopen', { version: d.version, reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请填写重新受理的理由');
    const stale = await post(r.id, 'reopen', { version: d.version - 1, reason: '本人已提供社保卡账户' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('高龄津贴已被他人处理，请刷新后查看最新状态');

    const res = await post(r.id, 'reopen', { version: d.version, reason: '本人已提供社保卡账户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', statusName: '待确认', startMonth: thisMonth, endMonth: null });
    expect(res.json().allowedActions).toEqual(['confirm', 'refuse']);
    expect(res.json().history.map((h: { actionName: string }) => h.actionName)).toEqual(['列入待确认名单', '不予发放', '重新受理']);
    expect(res.json().history.at(-1)).toMatchObject({ fromStatus: 'refused', toStatus: 'pending', reason: '本人已提供社保卡账户' });
    expect(await audited('elderly_allowance.reopen', r.id)).toEqual([
      { details: { divisionCode: places.renchengVillageA, startMonth: thisMonth, reason: '本人已提供社保卡账户' } },
    ]);
    // Back on the worklist; nothing paid nor in the ledger before the confirmation.
    const work = (await clerk.get('/api/elderly-allowance/worklist?pageSize=50')).json<{ items: Row[] }>();
    expect(work.items.map((x) => x.name)).toContain('高重受');
    expect(lineOf(await roll(thisMonth), '高重受')).toBeUndefined();
    expect(await ledgerOf('高重受')).toEqual([]);

    // Confirmed again: its first month stays the record's, so this month (whose roll is not approved) is paid.
    expect((await confirm('高重受')).statusName).toBe('发放中');
    expect(lineOf(await roll(thisMonth), '高重受')).toMatchObject({ amountFen: 100_00 });
    expect((await spans('高重受'))[0]).toEqual([thisMonth, later, 100_00]);
  });

  it('停发 by the township: from this month or later, never a month of an approved roll that paid the record, for a reason of the list', async () => {
    await confirm('高停发');
    const r = await recordOf('高停发');
    const v = (await detail(r.id)).version as number;
    const pending = await recordOf('高待确认');
    const notPaying = await post(pending.id, 'stop', {
      version: (await detail(pending.id)).version,
      stopMonth: next,
      stopReason: 'waived',
    });
    expect(notPaying.statusCode).toBe(409);
    expect(notPaying.json().message).toBe('高龄津贴当前状态为「待确认」，不能执行「停发」');
    const past = await post(r.id, 'stop', { version: v, stopMonth: addMonths(thisMonth, -1), stopReason: 'waived' });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toBe(`停发月份不能早于本月（${thisMonth}）`);
    const other = await post(r.id, 'stop', { version: v, stopMonth: next, stopReason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('选择「其他」时请写明停发原因');
    const noReason = await post(r.id, 'stop', { version: v, stopMonth: next });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请选择停发原因');
    expect((await post(r.id, 'stop', { version: v - 1, stopMonth: next, stopReason: 'waived' })).statusCode).toBe(409);
    // 高八十 is on the approved roll of `later` (above): its stop cannot take a month of it.
    const r80 = await recordOf('高八十');
    const paid = await post(r80.id, 'stop', { version: (await detail(r80.id)).version, stopMonth: next, stopReason: 'lost_contact' });
    expect(paid.statusCode).toBe(400);
    expect(paid.json().message).toBe(`${later} 的发放名册已审核并含本人，停发月份不能早于 ${afterLater}`);

    expect(lineOf(await roll(next), '高停发')).toMatchObject({ amountFen: 100_00 });
    const res = await post(r.id, 'stop', { version: v, stopMonth: next, stopReason: 'imprisoned', note: '判处有期徒刑一年' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'stopped', statusName: '已停发', endMonth: thisMonth });
    expect(res.json().allowedActions).toEqual(['resume']);
    expect(res.json().history.at(-1)).toMatchObject({
      actionName: '停发',
      fromStatus: 'paying',
      toStatus: 'stopped',
      reason: `服刑：判处有期徒刑一年，自 ${next} 起停发`,
    });
    expect(await audited('elderly_allowance.stop', r.id)).toEqual([
      {
        details: {
          divisionCode: places.renchengVillageA,
          stopReason: 'imprisoned',
          endMonth: thisMonth,
          reason: `服刑：判处有期徒刑一年，自 ${next} 起停发`,
        },
      },
    ]);
    // The roll pays the months before the stop, not from it; the ledger ends with the month before.
    expect(lineOf(await roll(thisMonth), '高停发')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '高停发')).toBeUndefined();
    expect(await spans('高停发')).toEqual([[thisMonth, thisMonth, 100_00]]);
  });

  it('恢复发放 of a record the township stopped: from a month after the county’s approved rolls, the months of the stop not paid', async () => {
    const r = await recordOf('高停发');
    const v = (await detail(r.id)).version as number;
    const early = await post(r.id, 'resume', { version: v, resumeMonth: next, reason: '刑满释放' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe(`${later} 的发放名册已审核，恢复发放月份不能早于 ${afterLater}`);
    const none = await post(r.id, 'resume', { version: v, resumeMonth: afterLater, reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请填写恢复发放的理由');
    expect((await post(r.id, 'resume', { version: v - 1, resumeMonth: afterLater, reason: '刑满释放' })).statusCode).toBe(409);

    const res = await post(r.id, 'resume', { version: v, resumeMonth: afterLater, reason: '刑满释放' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paying', statusName: '发放中', endMonth: null });
    expect(res.json().history.map((h: { actionName: string }) => h.actionName)).toEqual([
      '列入待确认名单',
      '确认首次发放',
      '停发',
      '恢复发放',
    ]);
    expect(res.json().history.at(-1)).toMatchObject({
      fromStatus: 'stopped',
      toStatus: 'paying',
      reason: `刑满释放，自 ${afterLater} 起恢复发放（${next} 至 ${later} 不发放）`,
    });
    expect(await audited('elderly_allowance.resume', r.id)).toEqual([
      {
        details: {
          divisionCode: places.renchengVillageA,
          resumeMonth: afterLater,
          reason: `刑满释放，自 ${afterLater} 起恢复发放（${next} 至 ${later} 不发放）`,
        },
      },
    ]);
    // The months of the stop stay unpaid, even on a roll built again; paid again from the month it resumes.
    expect(lineOf(await roll(thisMonth), '高停发')).toMatchObject({ amountFen: 100_00 });
    expect(lineOf(await roll(next), '高停发')).toBeUndefined();
    expect(lineOf(await roll(afterLater), '高停发')).toMatchObject({ amountFen: 120_00 });
    expect((await spans('高停发')).slice(0, 2)).toEqual([
      [thisMonth, thisMonth, 100_00],
      [afterLater, addMonths(thisMonth, 4), 120_00],
    ]);
  });

  it('a record the death stopped is not resumed by the township (409: the registry’s death must be revoked)', async () => {
    await confirm('高死停');
    const died = await clerk.post(`/api/persons/${persons['高死停']}/death`, { diedOn: today, place: '家中', certificateNo: 'SW2026183' });
    expect(died.statusCode, died.body).toBe(200);
    await t.deps.jobs.drain();
    const r = await recordOf('高死停');
    expect(r).toMatchObject({ statusName: '已停发', endMonth: thisMonth });
    const d = await detail(r.id);
    expect(d.allowedActions).toEqual([]);
    const res = await post(r.id, 'resume', { version: d.version, resumeMonth: afterLater, reason: '家属申请' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该记录因人口库死亡登记停发，须由人口库撤销该死亡登记后才能恢复，乡镇不能恢复发放');
    expect(await recordOf('高死停')).toMatchObject({ status: 'stopped', endMonth: thisMonth });
    // A record the move-out stopped neither (乙八二 of township B was stopped and put back by the registry above).
    expect(allowanceWorkflow.allowedActions('allowance', 'stopped', new Set(['elderly_allowance.confirm']))).toEqual(['resume']);
  });

  it('scope 404: another township’s 重新受理, 停发 and 恢复发放 answer 404 as a missing one', async () => {
    const r = await recordOf('高停发');
    const v = (await detail(r.id)).version as number;
    for (const res of [
      await post(r.id, 'reopen', { version: v, reason: '越权受理' }, clerkB),
      await post(r.id, 'stop', { version: v, stopMonth: afterLater, stopReason: 'waived' }, clerkB),
      await post(r.id, 'resume', { version: v, resumeMonth: afterLater, reason: '越权恢复' }, clerkB),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('高龄津贴记录不存在或不在您的管辖范围内');
    }
    expect(await recordOf('高停发')).toMatchObject({ status: 'paying', endMonth: null });
  });
});
