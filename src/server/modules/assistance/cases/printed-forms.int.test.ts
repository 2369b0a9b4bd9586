/**
 * The printed forms filled from the case file and the printed payment roll, read back as text: the
 * 申请审批表 carries the township's opinion and the decision as the history recorded them (who,
 * Beijing date, reason) and the declared rigid expenditures; the 入户调查记录 the street address; the
 * roll (发放名册) lists the lines the reader may see by village with subtotals, the total of those
 * lines and the signature blocks, and is 404 outside the county like every roll route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { townshipOf } from '../../../../shared/divisions.js';
import { yuan } from '../../../../shared/money.js';
import { formatDateZh, yuanInWords } from '../../../platform/pdf/format.js';
import { pdfLines, pdfText } from '../../../platform/pdf/pdf-text.testing.js';
import { caseHelpers, noReplies, step, visit, type Household } from '../testing.js';

let t: TestApp;
const { household, application, apply, open } = caseHelpers(() => t, 400);
const today = shanghaiToday();
const nextMonth = addMonths(monthOf(today), 1);

let clerkA: Client;
let approverA: Client;
let clerkB: Client;
let approverB: Client;
let county: Client;
let countyApprover: Client;
let villageA2 = '';

/** The Beijing date, as printed, of the case's latest history entry of `action`. */
async function dateOf(client: Client, id: number, action: string): Promise<string> {
  const entry = [...(await open(client, id)).history].reverse().find((h: { action: string }) => h.action === action);
  return formatDateZh(shanghaiToday(new Date(entry.at)));
}

/** Through the check and the visit to the township's review. */
async function toTownshipReview(client: Client, id: number) {
  for (const [action, body] of [
    ['request_check', {}],
    ['complete_check', noReplies],
    ['record_visit', visit],
  ] as const) {
    const res = await step(client, id, action, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
}

async function pdf(client: Client, url: string) {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
}

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA, username: 'xz_zhaomin' });
  approverA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA, username: 'xz_qianjin' });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  approverB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  [{ code: villageA2 }] = await rows<{ code: string }>(
    t.deps.database.db,
    sql`select code from divisions where parent_code = ${places.renchengTownshipA} and code <> ${places.renchengVillageA} order by code
      limit 1`,
  );
});
afterAll(async () => t?.close());

describe('the 申请审批表 and the 入户调查记录 of an approved case', () => {
  let h: Household;
  let caseId = 0;

  beforeAll(async () => {
    h = await household(clerkA, places.renchengVillageA, ['张建国', '李秀英', '张小明'], ['1972-05-18', '1974-02-03', '2001-09-09']);
    const body = application(h, {
      members: h.members.map((m, i) => ({
        personId: m.id,
        covered: true,
        incomes: i === 0 ? [{ kind: 'business', monthlyFen: 120000 }] : [],
        ...(i === 1 ? { rigidCostsFen: 80000, majorIllness: true } : i === 2 ? { rigidCostsFen: 12050 } : {}),
      })),
    });
    caseId = (await apply(clerkA, body)).id;
    await toTownshipReview(clerkA, caseId);
    expect((await step(clerkA, caseId, 'township_agree', { reason: '经入户调查，家庭收入低于当地低保标准，情况属实' })).statusCode).toBe(
      200,
    );
    await t.deps.notices.endDue(addDays(today, 7));
    const approved = await step(approverA, caseId, 'approve', { reason: '符合最低生活保障条件' });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('the application form prints the township opinion with its reason, the clerk, the township office and the date recorded', async () => {
    const c = await open(clerkA, caseId);
    const text = await pdfText(await pdf(clerkA, `/api/assistance/cases/${caseId}/print/application`));
    const amount = `月救助金额${yuan(c.computation.monthlyFen)}元（${c.computation.breakdown}）。`.replace(/\s+/g, '');
    expect(text).toContain(
      `乡镇（街道）意见同意。经入户调查，家庭收入低于当地低保标准，情况属实。${amount}经办人：xz_zhaomin负责人：许庄街道办事处（盖章）${await dateOf(clerkA, caseId, 'township_agree')}`,
    );
  });

  it('the application form prints the decision as 审批意见 with the approver and the date of approval', async () => {
    const text = await pdfText(await pdf(clerkA, `/api/assistance/cases/${caseId}/print/application`));
    expect(text).toMatch(
      /审批意见同意批准。符合最低生活保障条件。月救助金额[\d,.]+元（[^）]+）。审批人：xz_qianjin负责人：许庄街道办事处（盖章）/,
    );
    expect(text).toContain(`审批人：xz_qianjin负责人：许庄街道办事处（盖章）${await dateOf(clerkA, caseId, 'approve')}`);
  });

  it('the application form lists the declared rigid expenditures per member with their amounts in 元 and the total', async () => {
    const text = await pdfText(await pdf(clerkA, `/api/assistance/cases/${caseId}/print/application`));
    expect(text).toContain('四、刚性支出家庭成员支出项目月支出（元）说明');
    expect(text).toContain('李秀英因病因残刚性支出800.00重大疾病');
    expect(text).toContain('张小明因病因残刚性支出120.50');
    expect(text).toContain('合计920.50');
  });

  it('the application form keeps a 3-character name and an 18-digit ID number each whole on one printed line', async () => {
    const lines = (await pdfLines(await pdf(clerkA, `/api/assistance/cases/${caseId}/print/application`))).flat();
    const row = lines.find((l) => l.startsWith('张建国户主'));
    expect(row).toContain(h.idNumbers[0]);
  });

  it('the home-visit record gives the household address as the division path and the street address', async () => {
    const home = (await clerkA.get(`/api/households/${h.id}`)).json();
    expect(home.address).toMatch(/^测试路 \d+ 号$/);
    const text = await pdfText(await pdf(clerkA, `/api/assistance/cases/${caseId}/print/visit`));
    expect(text).toContain(`家庭住址${home.divisionName}${home.address}`.replace(/\s+/g, ''));
    expect(text).toContain('家庭住址济宁市任城区许庄街道');
  });
});

describe('the 申请审批表 of a case the township did not agree with', () => {
  it("prints 不同意 with the township's reason, a blank 审批意见 until the decision, then 不予批准 with its reason", async () => {
    const h = await household(clerkA, places.renchengVillageA, ['孙有田', '周桂兰']);
    const { id } = await apply(clerkA, application(h));
    await toTownshipReview(clerkA, id);
    expect((await step(clerkA, id, 'township_disagree', { reason: '家庭成员名下有经营性车辆一辆' })).statusCode).toBe(200);
    const before = await pdfText(await pdf(clerkA, `/api/assistance/cases/${id}/print/application`));
    expect(before).toContain(
      `乡镇（街道）意见不同意。理由：家庭成员名下有经营性车辆一辆。经办人：xz_zhaomin负责人：许庄街道办事处（盖章）${await dateOf(clerkA, id, 'township_disagree')}`,
    );
    expect(before).toContain('审批意见经办人：负责人：（盖章）年月日'); // blank, to fill by hand

    expect((await step(approverA, id, 'refuse', { reason: '家庭财产超过规定标准' })).statusCode).toBe(200);
    const after = await pdfText(await pdf(clerkA, `/api/assistance/cases/${id}/print/application`));
    expect(after).toContain(
      `审批意见不予批准。理由：家庭财产超过规定标准。审批人：xz_qianjin负责人：许庄街道办事处（盖章）${await dateOf(clerkA, id, 'refuse')}`,
    );
    expect(after).toContain('四、刚性支出家庭成员支出项目月支出（元）说明无');
  });
});

describe('the printed payment roll', () => {
  let rollId = 0;
  interface Line {
    payeeName: string;
    divisionName: string;
    amountFen: number;
    coveredCount: number;
    lineNo: string;
  }
  const linesOf = async (client: Client) =>
    (await client.get(`/api/payments/assistance/rolls/${rollId}/lines?pageSize=200`)).json().items as Line[];
  const sum = (list: Line[]) => list.reduce((s, l) => s + l.amountFen, 0);

  beforeAll(async () => {
    // Recipients in two villages of township A and one of township B, besides the case above.
    for (const [clerk, approver, village, names] of [
      [clerkA, approverA, villageA2, ['欧阳娜娜', '欧阳建']],
      [clerkB, approverB, places.renchengVillageB, ['丙建华', '丙秀兰']],
    ] as const) {
      const hh = await household(clerk, village, [...names]);
      const { id } = await apply(clerk, application(hh));
      await toTownshipReview(clerk, id);
      expect((await step(clerk, id, 'township_agree')).statusCode).toBe(200);
      await t.deps.notices.endDue(addDays(today, 7));
      expect((await step(approver, id, 'approve')).statusCode).toBe(200);
    }
    const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
    expect(start.statusCode, start.body).toBe(200);
    rollId = start.json().id;
    await t.deps.jobs.drain();
    expect((await countyApprover.post(`/api/payments/assistance/rolls/${rollId}/approve`)).statusCode).toBe(200);
  });

  it("the county's roll PDF lists every village with its lines and subtotal, and a total equal to the sum of the lines", async () => {
    const lines = await linesOf(county);
    expect(lines.map((l) => l.payeeName).sort()).toEqual(['丙建华', '张建国', '欧阳娜娜']);
    const text = await pdfText(await pdf(county, `/api/payments/assistance/rolls/${rollId}/pdf`));
    expect(text).toContain(`济宁市任城区${nextMonth.slice(0, 4)}年${Number(nextMonth.slice(5))}月社会救助资金发放名册`);
    expect(text).toContain('打印范围全县');
    const villages = [...new Set(lines.map((l) => l.divisionName))];
    expect(villages).toHaveLength(3);
    for (const v of villages) {
      const of = lines.filter((l) => l.divisionName === v);
      const name = v.replace('济宁市任城区', '');
      expect(text).toContain(name);
      for (const l of of)
        expect(text).toContain(`${l.lineNo}${l.payeeName}低保${l.coveredCount}济宁银行任城支行6217001234567890123${yuan(l.amountFen)}`);
      expect(text).toContain(`小计${of.length}户${of.reduce((s, l) => s + l.coveredCount, 0)}${yuan(sum(of))}`);
      expect(text).toContain(`${name}${of.length}${of.reduce((s, l) => s + l.coveredCount, 0)}${yuan(sum(of))}`);
    }
    const persons = lines.reduce((s, l) => s + l.coveredCount, 0);
    expect(text).toContain(`合计${lines.length}${persons}${yuan(sum(lines))}`);
    expect(text).toContain(
      `合计：${lines.length}户，保障${persons}人，发放金额${yuan(sum(lines))}元（人民币${yuanInWords(sum(lines))}）。`,
    );
  });

  it('the roll PDF ends with the signature blocks 制表人, 审核人（复核）, 分管领导 and 单位（盖章）, each with a date', async () => {
    const text = await pdfText(await pdf(county, `/api/payments/assistance/rolls/${rollId}/pdf`));
    expect(text).toContain('制表人：日期：审核人（复核）：日期：分管领导：日期：单位（盖章）：日期：');
  });

  it("a township's roll PDF lists only its own villages, masks the accounts, and totals only its lines", async () => {
    const own = await linesOf(clerkA);
    expect(own.map((l) => l.payeeName).sort()).toEqual(['张建国', '欧阳娜娜']);
    const text = await pdfText(await pdf(clerkA, `/api/payments/assistance/rolls/${rollId}/pdf`));
    expect(text).toContain('打印范围许庄街道（本辖区）');
    expect(text).not.toContain('丙建华');
    expect(text).not.toContain('李营街道');
    expect(text).not.toContain('6217001234567890123');
    expect(text).toContain('6217***********0123');
    const persons = own.reduce((s, l) => s + l.coveredCount, 0);
    expect(text).toContain(`合计${own.length}${persons}${yuan(sum(own))}`);
    expect(text).toContain(`合计：${own.length}户，保障${persons}人，发放金额${yuan(sum(own))}元`);
    // Township B's paper holds its one line.
    const b = await pdfText(await pdf(clerkB, `/api/payments/assistance/rolls/${rollId}/pdf`));
    expect(b).toContain('丙建华');
    expect(b).not.toContain('张建国');
  });

  it('the roll PDF keeps payee names and accounts whole on their printed lines', async () => {
    const lines = (await pdfLines(await pdf(county, `/api/payments/assistance/rolls/${rollId}/pdf`))).flat();
    for (const name of ['张建国', '欧阳娜娜', '丙建华']) expect(lines.find((l) => l.includes(name))).toContain('6217001234567890123');
  });

  it('printing the roll is audited like an export, with the lines and total printed', async () => {
    await pdf(clerkA, `/api/payments/assistance/rolls/${rollId}/pdf`);
    const [entry] = await rows<{ details: { lines: number; totalFen: number; fullAccounts: boolean; scope?: string } }>(
      t.deps.database.db,
      sql`select details from audit_log where action = 'assistance.roll.pdf' and object_id = ${String(rollId)} order by id desc limit 1`,
    );
    const own = await linesOf(clerkA);
    expect(entry.details).toEqual({ lines: own.length, totalFen: sum(own), fullAccounts: false, scope: places.renchengTownshipA });
  });

  it('a viewer outside the county gets 404 for the roll PDF, as for an unknown roll', async () => {
    const yanzhou = await t.login({ roles: ['county_reviewer'], divisionCode: places.yanzhou });
    const yanzhouTownship = await t.login({ roles: ['township_clerk'], divisionCode: townshipOf(places.yanzhouVillage) });
    for (const outsider of [yanzhou, yanzhouTownship]) {
      const res = await outsider.get(`/api/payments/assistance/rolls/${rollId}/pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).not.toContain('pdf');
    }
    expect((await county.get('/api/payments/assistance/rolls/999999/pdf')).statusCode).toBe(404);
  });

  it('a roll still being built is not printed (409)', async () => {
    const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: addMonths(nextMonth, 1) });
    expect(start.statusCode, start.body).toBe(200);
    const res = await county.get(`/api/payments/assistance/rolls/${start.json().id}/pdf`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('名册正在编制，完成后才能打印');
    await t.deps.jobs.drain();
  });
});
