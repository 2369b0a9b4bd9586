import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { buildRoll } from '../../platform/payments/rolls.js';
import { statusOf } from './cases/workflow.js';
import { pdfText } from '../../platform/pdf/pdf-text.testing.js';
import { caseHelpers, noReplies, upload, visit, type Household } from './testing.js';
import { standardsOf } from '../../../shared/assistance/policy.js';

let t: TestApp;
let clerkA: Client;
let clerkB: Client;
/** Second clerks of the two townships: who enters or investigates a case does not approve it. */
let approverA: Client;
let approverB: Client;
let county: Client;
let admin: Client;
const today = shanghaiToday();
const nextMonth = addMonths(monthOf(today), 1);

const { household, application, apply, open, step, toDecision } = caseHelpers(() => t);

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  approverA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approverB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
});
afterAll(async () => t?.close());

describe('standards as dated data', () => {
  it("seeds Jining's standards: 低保 924 / 745, 特困 1,202 / 969, care up to 702", async () => {
    const list = standardsOf((await county.get('/api/policy/assistance/values')).json());
    const of = (kind: string, hukou: string) => list.find((s) => s.kind === kind && s.hukouType === hukou)?.amountFen;
    expect([
      of('dibao', 'urban'),
      of('dibao', 'rural'),
      of('tekun_basic', 'urban'),
      of('tekun_basic', 'rural'),
      of('tekun_care_total', 'all'),
    ]).toEqual([92400, 74500, 120200, 96900, 70200]);
  });

  it('only an administrator adds a standard; a bad month is a Chinese field error', async () => {
    expect(
      (await clerkA.post('/api/policy/assistance/values', { kind: 'dibao_urban', effectiveMonth: '2030-01', value: 99900 })).statusCode,
    ).toBe(403);
    const bad = await admin.post('/api/policy/assistance/values', {
      kind: 'dibao_urban',
      effectiveMonth: '2030-13',
      value: 99900,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].field).toBe('effectiveMonth');
    expect(bad.json().details.fields[0].message).toContain('月份格式应为 YYYY-MM');
  });
});

describe('低保 from application to the payment roll', () => {
  let h: Household;
  let caseId: number;

  it('a window application pre-fills from the registry and is accepted at once with its deadline', async () => {
    h = await household(clerkA, places.renchengVillageA, ['王大山', '李秀英', '王小明'], ['1950-03-01', '1952-05-05', '1990-01-01']);
    const pre = (await clerkA.get(`/api/assistance/prefill?householdId=${h.id}&category=dibao`)).json();
    expect(pre.members.map((m: { name: string }) => m.name)).toEqual(['王大山', '李秀英', '王小明']);
    const created = await apply(clerkA, application(h));
    caseId = created.id;
    expect(created.caseNo).toMatch(/^\d{4}D\d{7}$/);
    const c = await open(clerkA, caseId);
    expect(c.status).toBe('accepted');
    expect(c.statusName).toBe('已受理（待核对）');
    expect(c.dueDate).not.toBeNull();
    expect(c.caseDueDate).not.toBeNull();
    expect(c.bankAccountMasked).toBe('6217***********0123');
    expect(c.allowedActions.map((a: { code: string }) => a.code)).toContain('request_check');
  });

  it('Z6 refuses approval before the investigation with the reason, and the status stays', async () => {
    const res = await step(county, caseId, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('案件当前状态为「已受理（待核对）」，不能执行「审批通过」');
    expect((await open(clerkA, caseId)).status).toBe('accepted');
  });

  it('a home visit needs 2 investigators and a signed record', async () => {
    await step(clerkA, caseId, 'request_check');
    await step(clerkA, caseId, 'complete_check', noReplies);
    const one = await step(clerkA, caseId, 'record_visit', { data: { ...visit.data, investigators: ['赵敏'] } });
    expect(one.statusCode).toBe(400);
    expect(one.json().details.fields[0].message).toBe('入户调查须由 2 名以上调查人员进行');
    const unsigned = await step(clerkA, caseId, 'record_visit', { data: { ...visit.data, signed: false } });
    expect(unsigned.statusCode).toBe(400);
    expect((await step(clerkA, caseId, 'record_visit', visit)).statusCode).toBe(200);
  });

  it('the township opinion computes the benefit with its explanation: 924 × 3 − 1,200 = 1,572 元', async () => {
    const res = await step(clerkA, caseId, 'township_agree');
    expect(res.statusCode, res.body).toBe(200);
    const c = await open(clerkA, caseId);
    expect(c.status).toBe('notice');
    expect(c.computation).toMatchObject({ monthlyFen: 157200, breakdown: '924 × 3 − 1,200 = 1,572 元' });
    expect(c.noticeEnds).toBe(addDays(today, 6));
  });

  it('D4 the public notice shows the masked name, household size and amount, never ID numbers or reasons', async () => {
    const res = await t.client().get(`/api/public/notices?divisionCode=${places.renchengVillageA}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ name: '王**', householdSize: 3, monthlyFen: 157200, category: '低保' })]);
    expect(res.body).not.toContain('王大山');
    expect(res.body).not.toContain('患病');
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
  });

  it('the public notice page finds a village by name without a login (the division tree is public data)', async () => {
    const towns = await t.client().get(`/api/divisions/children?parent=${places.rencheng}`);
    expect(towns.statusCode).toBe(200);
    expect(towns.json().map((d: { code: string }) => d.code)).toContain(places.renchengTownshipA);
  });

  it('公示 lasts 7 calendar days and ends by itself; then nothing is shown', async () => {
    expect(await t.deps.notices.endDue(addDays(today, 6))).toBe(0);
    expect((await open(clerkA, caseId)).status).toBe('notice');
    expect(await t.deps.notices.endDue(addDays(today, 7))).toBe(1);
    const c = await open(clerkA, caseId);
    expect(c.status).toBe('awaiting_decision');
    expect(c.history.at(-1)).toMatchObject({ action: 'end_notice', actorName: '系统' });
    expect((await t.client().get(`/api/public/notices?divisionCode=${places.renchengVillageA}`)).json()).toEqual([]);
  });

  it('approval stores the entitlement from next month and benefit records on the covered persons that add up', async () => {
    const res = await step(approverA, caseId, 'approve');
    expect(res.statusCode, res.body).toBe(200);
    const c = await open(clerkA, caseId);
    expect(c.status).toBe('approved');
    expect(c.entitlement).toMatchObject({ monthlyFen: 157200, startMonth: nextMonth, breakdown: '924 × 3 − 1,200 = 1,572 元' });
    const benefits = (await clerkA.get(`/api/benefits?householdId=${h.id}`)).json() as {
      type: string;
      monthlyAmountFen: number;
      startMonth: string;
    }[];
    expect(benefits.filter((b) => b.type === 'dibao').reduce((s, b) => s + b.monthlyAmountFen, 0)).toBe(157200);
    expect(benefits.every((b) => b.startMonth === nextMonth)).toBe(true);
  });

  it('the stored status of every case is the fold of its recorded actions', async () => {
    const cases = await rows<{ id: number | string; category: 'dibao'; status: string }>(
      t.deps.database.db,
      sql`select id, category, status from assistance_cases`,
    );
    for (const c of cases) {
      const history = await rows<{ action: string }>(
        t.deps.database.db,
        sql`select action from assistance_actions where case_id = ${c.id} order by id`,
      );
      expect(statusOf(c.category, history)).toBe(c.status);
    }
  });

  it('nobody is 低保 and 特困 at once: a 特困 approval for a 低保 member is refused, naming the person', async () => {
    const tekun = await apply(
      clerkA,
      application(h, {
        category: 'tekun',
        applicantPersonId: h.members[0].id,
        members: [{ personId: h.members[0].id, covered: true, incomes: [] }],
        selfCareUnable: ['eating'],
        hasAbleSupporter: false,
      }),
    );
    await toDecision(clerkA, tekun.id);
    const res = await step(approverA, tekun.id, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('王大山 正在享受低保：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发');
  });

  it('特困 at the township opinion: the conditions are checked and the amount is basic living + care: 1,202 + 351 = 1,553 元', async () => {
    const young = await household(clerkA, places.renchengVillageA, ['特一'], ['1985-01-01']);
    const no = await apply(
      clerkA,
      application(young, {
        category: 'tekun',
        members: [{ personId: young.members[0].id, covered: true, incomes: [] }],
        selfCareUnable: [],
      }),
    );
    await step(clerkA, no.id, 'request_check');
    await step(clerkA, no.id, 'complete_check', noReplies);
    await step(clerkA, no.id, 'record_visit', visit);
    const refused = await step(clerkA, no.id, 'township_agree');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('不符合无劳动能力条件');

    const old = await household(clerkA, places.renchengVillageA, ['特二'], ['1940-01-01']);
    const yes = await apply(
      clerkA,
      application(old, {
        category: 'tekun',
        members: [{ personId: old.members[0].id, covered: true, incomes: [] }],
        selfCareUnable: ['eating', 'bathing'],
      }),
    );
    await toDecision(clerkA, yes.id);
    expect((await open(clerkA, yes.id)).computation).toMatchObject({ monthlyFen: 155300, breakdown: '1,202 + 351 = 1,553 元' });
  });

  it('scoping: another township gets 404 for the case; the worklist shows it to its own township only', async () => {
    expect((await clerkB.get(`/api/assistance/cases/${caseId}`)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/assistance/cases/${caseId}/actions/withdraw`, { version: 1, reason: 'x' })).statusCode).toBe(404);
    const other = await household(clerkA, places.renchengVillageA, ['赵一', '赵二']);
    const pending = await apply(clerkA, application(other));
    const mine = (await clerkA.get('/api/assistance/worklist')).json();
    expect(mine.items.map((c: { id: number }) => c.id)).toContain(pending.id);
    expect(mine.items[0].daysLeft).toBeGreaterThanOrEqual(0);
    expect((await clerkB.get('/api/assistance/worklist')).json().items.map((c: { id: number }) => c.id)).not.toContain(pending.id);
    expect((await clerkB.get('/api/assistance/cases')).json().items.map((c: { id: number }) => c.id)).not.toContain(pending.id);
  });

  it('each case waits on one level: the township handles it and decides what is delegated to it, the county decides the rest, a case in 公示 waits on no one', async () => {
    const waiting = async (c: Client) =>
      (await c.get('/api/assistance/worklist?pageSize=200')).json().items.map((x: { id: number }) => x.id);
    const handling = await apply(clerkA, application(await household(clerkA, places.renchengVillageA, ['层一', '层二'])));
    expect(await waiting(clerkA)).toContain(handling.id);
    expect(await waiting(county)).not.toContain(handling.id);

    const deciding = await apply(clerkA, application(await household(clerkA, places.renchengVillageA, ['层三', '层四'])));
    await toDecision(clerkA, deciding.id);
    // 低保 is delegated to the townships (Jining's default): the township decides it.
    expect(await waiting(approverA)).toContain(deciding.id);
    expect(await waiting(county)).not.toContain(deciding.id);
    const month = monthOf(today);
    await admin.post('/api/policy/assistance/values', {
      kind: 'parameter:approval_delegated',
      countyCode: places.rencheng,
      effectiveMonth: month,
      value: ['tekun'],
    });
    try {
      expect(await waiting(county)).toContain(deciding.id);
      expect(await waiting(approverA)).not.toContain(deciding.id);
    } finally {
      await admin.post('/api/policy/assistance/values', {
        kind: 'parameter:approval_delegated',
        countyCode: places.rencheng,
        effectiveMonth: month,
        value: ['dibao', 'tekun', 'temporary', 'borderline'],
      });
    }

    const inNotice = await apply(clerkA, application(await household(clerkA, places.renchengVillageA, ['层五', '层六'])));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
      ['township_agree', {}],
    ] as const) {
      expect((await step(clerkA, inNotice.id, action, body)).statusCode).toBe(200);
    }
    expect((await open(clerkA, inNotice.id)).status).toBe('notice');
    expect(await waiting(clerkA)).not.toContain(inNotice.id);
    expect(await waiting(approverA)).not.toContain(inNotice.id);
    expect(await waiting(county)).not.toContain(inNotice.id);
  });

  it("the month's roll holds the household with the frozen amount; building it twice changes nothing", async () => {
    const b = await household(clerkB, places.renchengVillageB, ['孙一', '孙二']);
    const other = await apply(clerkB, application(b, { members: b.members.map((m) => ({ personId: m.id, covered: true, incomes: [] })) }));
    await toDecision(clerkB, other.id);
    expect((await step(approverB, other.id, 'approve')).statusCode).toBe(200);

    const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
    expect(start.statusCode, start.body).toBe(200);
    await t.deps.jobs.drain();
    const lines = (await county.get(`/api/payments/assistance/rolls/${start.json().id}/lines`)).json();
    expect(lines.roll).toMatchObject({ status: 'built', lines: 2, totalFen: 157200 + 184800 });
    expect(lines.items.find((l: { payeeName: string }) => l.payeeName === '王大山')).toMatchObject({
      amountFen: 157200,
      breakdown: '924 × 3 − 1,200 = 1,572 元',
    });

    const again = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
    expect(again.json().id).toBe(start.json().id);
    await t.deps.jobs.drain();
    const [{ n }] = await rows<{ n: string | number }>(
      t.deps.database.db,
      sql`select count(*) as n from payment_roll_lines where roll_id = ${start.json().id}`,
    );
    expect(Number(n)).toBe(2);
    const listed = (await county.get(`/api/payments/assistance/rolls?month=${nextMonth}`)).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ countyCode: places.rencheng, countyName: '任城区', month: nextMonth, status: 'built', lines: 2 }),
    ]);
    expect((await clerkA.get('/api/payments/assistance/rolls')).json().total).toBe(1);
    const yanzhou = await t.login({ roles: ['county_reviewer'], divisionCode: places.yanzhou });
    expect((await yanzhou.get('/api/payments/assistance/rolls')).json().total).toBe(0);
    expect((await yanzhou.get(`/api/payments/assistance/rolls/${start.json().id}/lines`)).statusCode).toBe(404);
    // A township sees only its own lines.
    const own = (await clerkA.get(`/api/payments/assistance/rolls/${start.json().id}/lines`)).json();
    expect(own.items.map((l: { payeeName: string }) => l.payeeName)).toEqual(['王大山']);
  });

  it('F5 a roll job killed half-way, run again, gives the same roll with no payment twice', async () => {
    const [roll] = await rows<{ id: number | string }>(t.deps.database.db, sql`select id from payment_rolls where month = ${nextMonth}`);
    const id = Number(roll.id);
    const before = await rows(
      t.deps.database.db,
      sql`select record_id, amount_fen from payment_roll_lines where roll_id = ${id} order by 1`,
    );
    await expect(
      buildRoll(t.deps, id, async (done) => {
        if (done === 1) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    await buildRoll(t.deps, id);
    expect(
      await rows(t.deps.database.db, sql`select record_id, amount_fen from payment_roll_lines where roll_id = ${id} order by 1`),
    ).toEqual(before);
  });

  it("the county approves the roll, exports the bank file with the right amount, and imports the bank's result", async () => {
    const [roll] = await rows<{ id: number | string }>(t.deps.database.db, sql`select id from payment_rolls where month = ${nextMonth}`);
    const id = Number(roll.id);
    expect((await county.get(`/api/payments/assistance/rolls/${id}/bank-file`)).statusCode).toBe(409);
    expect((await clerkA.post(`/api/payments/assistance/rolls/${id}/approve`)).statusCode).toBe(403);
    // Another county user approves: who built the roll does not (separation of duties).
    const approver = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
    expect((await approver.post(`/api/payments/assistance/rolls/${id}/approve`)).statusCode).toBe(200);
    expect((await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth })).statusCode).toBe(409);

    const xlsx = await county.get(`/api/payments/assistance/rolls/${id}/bank-file?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['流水号', '收款人', '身份证号', '开户银行', '银行账号', '金额（元）', '救助类别', '所在村（社区）']);
    const wang = sheet
      .getRows(2, sheet.rowCount - 1)!
      .map((r) => (r.values as string[]).slice(1))
      .find((r) => r[1] === '王大山')!;
    expect(wang[5]).toBe('1572.00');
    expect(wang[4]).toBe('6217001234567890123');

    const csv = await county.get(`/api/payments/assistance/rolls/${id}/bank-file?format=csv`);
    expect(csv.body).toContain('1572.00');
    const lineNos = csv.body
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0]);
    const result = `流水号,结果,失败原因\n${lineNos[0]},成功,\n${lineNos[1]},失败,账户已销户\n`;
    const bad = await upload(
      county,
      `/api/payments/assistance/rolls/${id}/bank-result`,
      '回盘.csv',
      `流水号,结果,失败原因\n${lineNos[0]},也许,\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('未导入任何结果');
    const ok = await upload(county, `/api/payments/assistance/rolls/${id}/bank-result`, '回盘.csv', result);
    expect(ok.json()).toEqual({ paid: 1, failed: 1 });
    const failed = (await county.get(`/api/payments/assistance/rolls/${id}/lines?paymentStatus=failed`)).json();
    expect(failed.items).toEqual([expect.objectContaining({ failureReason: '账户已销户', paymentStatus: 'failed' })]);
  });

  describe('a failed payment is corrected and reissued (docs/rules.md "Payments")', () => {
    let rollId: number;
    let failedId: number;
    let failedFen: number;
    let paidFen: number;
    const spendingOf = async () => {
      const s = (await county.get(`/api/assistance/stats?month=${nextMonth}`)).json() as {
        spending: { month: string; paidFen: number; failedFen: number; pendingFen: number }[];
      };
      const m = s.spending.filter((r) => r.month === nextMonth);
      return {
        paid: m.reduce((a, r) => a + r.paidFen, 0),
        failed: m.reduce((a, r) => a + r.failedFen, 0),
        pending: m.reduce((a, r) => a + r.pendingFen, 0),
      };
    };
    const reissueFile = async () => {
      const res = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv&onlyFailed=true`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body
        .replace(/^\uFEFF/, '')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(','));
    };

    beforeAll(async () => {
      const [roll] = await rows<{ id: number | string }>(t.deps.database.db, sql`select id from payment_rolls where month = ${nextMonth}`);
      rollId = Number(roll.id);
      const lines = (await county.get(`/api/payments/assistance/rolls/${rollId}/lines`)).json().items as {
        recordId: number;
        amountFen: number;
        paymentStatus: string;
      }[];
      const failed = lines.find((l) => l.paymentStatus === 'failed')!;
      failedId = failed.recordId;
      failedFen = failed.amountFen;
      paidFen = lines.filter((l) => l.paymentStatus === 'paid').reduce((a, l) => a + l.amountFen, 0);
    });

    it('statistics count as paid only what the bank confirmed', async () => {
      expect(await spendingOf()).toEqual({ paid: paidFen, failed: failedFen, pending: 0 });
      const xlsx = await county.get(`/api/assistance/stats/export?month=${nextMonth}`);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as never);
      expect((wb.worksheets[1].getRow(1).values as string[]).slice(1)).toEqual([
        '月份',
        '救助类别',
        '名册行数',
        '已发放（元）',
        '发放失败（元）',
        '未回盘（元）',
      ]);
      const rowsOut = wb.worksheets[1]
        .getRows(2, wb.worksheets[1].rowCount - 1)!
        .map((r) => (r.values as unknown[]).slice(1))
        .filter((r) => r[0] === nextMonth);
      expect(rowsOut.reduce((a, r) => a + Number(r[4]), 0)).toBeCloseTo(failedFen / 100, 2);
    });

    it('correcting a payee account keeps the old one in the history and is audited; another township gets 404', async () => {
      const [inside, outside] =
        (await clerkA.get(`/api/assistance/entitlements/${failedId}`)).statusCode === 200 ? [clerkA, clerkB] : [clerkB, clerkA];
      const e = (await inside.get(`/api/assistance/entitlements/${failedId}`)).json();
      // The account is the payee's record on the platform (platform/payees), with its own version.
      const account = `/api/payees/assistance/${e.payeeAccountId}/account`;
      const body = {
        bankName: '中国农业银行济宁分行',
        bankAccount: '6228480000000005678',
        reason: '原账户已销户，经核实更换为本人新开账户',
        version: (await inside.get(`/api/payees/assistance/${e.payeeAccountId}`)).json().version,
      };
      expect((await outside.post(account, body)).statusCode).toBe(404);
      expect((await inside.post(account, { ...body, bankAccount: '6228-48' })).statusCode).toBe(400);
      expect((await inside.post(account, { ...body, reason: '' })).statusCode).toBe(400);
      const res = await inside.post(account, body);
      expect(res.statusCode, res.body).toBe(200);
      const after = (await inside.get(`/api/assistance/entitlements/${failedId}`)).json();
      expect(after).toMatchObject({ bankName: '中国农业银行济宁分行', bankAccount: '****5678' });
      const change = after.history.find((h: { kind: string }) => h.kind === 'account');
      expect(change).toMatchObject({
        reason: body.reason,
        breakdown: '原账户：济宁银行任城支行 ****0123；新账户：中国农业银行济宁分行 ****5678',
      });
      expect(JSON.stringify(after)).not.toContain('6217001234567890123');
      const audited = await rows<{ details: Record<string, unknown> }>(
        t.deps.database.db,
        sql`select details from audit_log where action = 'assistance.entitlement.account_change' and object_id = ${String(failedId)}`,
      );
      expect(audited).toEqual([{ details: { oldAccount: '****0123', newAccount: '****5678' } }]);
    });

    it('a failed payment is reissued once to the corrected account', async () => {
      const first = await reissueFile();
      expect(first).toEqual([
        [
          `${rollId}-${failedId}`,
          expect.any(String),
          expect.any(String),
          '中国农业银行济宁分行',
          '6228480000000005678',
          expect.any(String),
          expect.any(String),
          expect.any(String),
        ],
      ]);
      // Exported again before its result: the same lines; the full file has none left to pay.
      expect(await reissueFile()).toEqual(first);
      const full = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`);
      expect(
        full.body
          .replace(/^\uFEFF/, '')
          .split('\n')
          .slice(1)
          .filter(Boolean),
      ).toEqual([]);
      expect((await county.get(`/api/payments/assistance/rolls/${rollId}/lines?paymentStatus=reissued`)).json().total).toBe(1);
      expect(await spendingOf()).toEqual({ paid: paidFen, failed: 0, pending: failedFen });

      const ok = await upload(
        county,
        `/api/payments/assistance/rolls/${rollId}/bank-result`,
        '补发回盘.csv',
        `流水号,结果,失败原因\n${rollId}-${failedId},成功,\n`,
      );
      expect(ok.json()).toEqual({ paid: 1, failed: 0 });
      expect(await reissueFile()).toEqual([]);
      expect(await spendingOf()).toEqual({ paid: paidFen + failedFen, failed: 0, pending: 0 });
      // The first result imported again cannot reopen the paid line for another 补发.
      const old = await upload(
        county,
        `/api/payments/assistance/rolls/${rollId}/bank-result`,
        '回盘.csv',
        `流水号,结果,失败原因\n${rollId}-${failedId},失败,账户已销户\n`,
      );
      expect(old.statusCode).toBe(400);
      expect(await reissueFile()).toEqual([]);
    });
  });

  it("a new year's standard recomputes every recipient in force, with the history of the change", async () => {
    const month = addMonths(nextMonth, 1);
    const res = await admin.post('/api/policy/assistance/values', {
      kind: 'dibao_urban',
      effectiveMonth: month,
      value: 100000,
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.jobs.drain();
    const c = await open(clerkA, caseId);
    expect(c.entitlement).toMatchObject({ monthlyFen: 180000, breakdown: '1,000 × 3 − 1,200 = 1,800 元' });
    const [change] = await rows<{ old_fen: number; new_fen: number; effective_month: string }>(
      t.deps.database.db,
      sql`select old_fen, new_fen, effective_month from assistance_entitlement_changes where kind = 'recomputed' and entitlement_id =
        ${c.entitlement.id}`,
    );
    expect(change).toEqual({ old_fen: 157200, new_fen: 180000, effective_month: month });
    const benefits = (await clerkA.get(`/api/benefits?householdId=${h.id}`)).json() as {
      type: string;
      monthlyAmountFen: number;
      startMonth: string;
      endMonth: string | null;
    }[];
    expect(benefits.filter((b) => b.startMonth === month).reduce((s, b) => s + b.monthlyAmountFen, 0)).toBe(180000);
    expect(benefits.filter((b) => b.startMonth === nextMonth).every((b) => b.endMonth === nextMonth)).toBe(true);
  });
});

describe('who approves', () => {
  it('F4 two approvers act on one case at once: exactly one succeeds, the other gets 409', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['周一', '周二']);
    const c = await apply(clerkA, application(h));
    await toDecision(clerkA, c.id);
    const version = (await open(clerkA, c.id)).version;
    const other = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
    const results = await Promise.all(
      [approverA, other].map((cl) => cl.post(`/api/assistance/cases/${c.id}/actions/approve`, { version })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [{ n }] = await rows<{ n: string | number }>(
      t.deps.database.db,
      sql`select count(*) as n from assistance_entitlements where case_id = ${c.id}`,
    );
    expect(Number(n)).toBe(1);
  });

  it('close relatives of staff: approval waits for a visit by the county', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['吴一', '吴二']);
    const c = await apply(clerkA, application(h, { staffRelative: true }));
    await toDecision(clerkA, c.id);
    const res = await step(approverA, c.id, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未完成「县级民政部门入户核查（工作人员近亲属）」');
  });

  it('where approval is not delegated, a township cannot approve: the county does', async () => {
    const month = monthOf(today);
    expect(
      (
        await admin.post('/api/policy/assistance/values', {
          kind: 'parameter:approval_delegated',
          countyCode: places.rencheng,
          effectiveMonth: month,
          value: ['tekun'],
        })
      ).statusCode,
    ).toBe(200);
    const h = await household(clerkA, places.renchengVillageA, ['郑一', '郑二']);
    const c = await apply(clerkA, application(h));
    await toDecision(clerkA, c.id);
    const res = await step(approverA, c.id, 'approve');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('此类救助须由县级民政部门审批');
    expect((await step(county, c.id, 'approve')).statusCode).toBe(200);
    await admin.post('/api/policy/assistance/values', {
      kind: 'parameter:approval_delegated',
      countyCode: places.rencheng,
      effectiveMonth: month,
      value: ['dibao', 'tekun', 'temporary', 'borderline'],
    });
    // The notice names the body that decided: here the county.
    const text = await pdfText((await county.get(`/api/assistance/cases/${c.id}/print/approval`)).rawPayload);
    expect(text).toContain('任城区民政局');
  });

  it('an objection during 公示 reopens the investigation', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['异一', '异二']);
    const c = await apply(clerkA, application(h));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
      ['township_agree', {}],
    ] as const)
      await step(clerkA, c.id, action, body);
    expect((await step(clerkA, c.id, 'object')).statusCode).toBe(400);
    expect((await step(clerkA, c.id, 'object', { reason: '村民反映其子在外地有稳定工作' })).statusCode).toBe(200);
    const opened = await open(clerkA, c.id);
    expect(opened.status).toBe('visiting');
    expect(opened.noticeEnds).toBeNull();
    expect(
      (await t.client().get(`/api/public/notices?divisionCode=${places.renchengVillageA}`)).json().map((n: { name: string }) => n.name),
    ).not.toContain('异*');
  });

  it('the county spot-checks at least 30 % of the 特困 files approved by townships', async () => {
    const sampled: (string | null)[] = [];
    for (const name of ['抽一', '抽二', '抽三']) {
      const h = await household(clerkA, places.renchengVillageA, [name], ['1938-02-02']);
      const c = await apply(
        clerkA,
        application(h, { category: 'tekun', members: [{ personId: h.members[0].id, covered: true, incomes: [] }], selfCareUnable: [] }),
      );
      await toDecision(clerkA, c.id);
      expect((await step(approverA, c.id, 'approve')).statusCode).toBe(200);
      sampled.push((await open(clerkA, c.id)).spotCheck);
    }
    expect(sampled.filter((s) => s === 'required').length / sampled.length).toBeGreaterThanOrEqual(0.3);
    const [{ total, checked }] = await rows<{ total: string | number; checked: string | number }>(
      t.deps.database.db,
      sql`select count(*) as total, count(spot_check) as checked from assistance_cases where category = 'tekun' and status = 'approved'`,
    );
    expect(Number(checked) / Number(total)).toBeGreaterThanOrEqual(0.3);
    const [first] = await rows<{ id: number | string }>(
      t.deps.database.db,
      sql`select id from assistance_cases where spot_check = 'required' limit 1`,
    );
    expect((await step(clerkA, Number(first.id), 'spot_check', { data: { result: 'passed' } })).statusCode).toBe(403);
    expect((await step(county, Number(first.id), 'spot_check', { data: { result: 'passed' } })).statusCode).toBe(200);
    expect((await open(county, Number(first.id))).spotCheck).toBe('passed');
  });

  it('an economic check cannot start without the authorisation', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['冯一']);
    const c = await apply(clerkA, application(h, { checkAuthorised: false }));
    const res = await step(clerkA, c.id, 'request_check');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('核对授权');
  });

  it('a refusal needs a written reason, and prints as a notice with the right to reconsideration', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['陈一', '陈二']);
    const c = await apply(clerkA, application(h));
    await toDecision(clerkA, c.id);
    expect((await step(clerkA, c.id, 'refuse')).statusCode).toBe(400);
    expect((await step(clerkA, c.id, 'refuse', { reason: '家庭存款超过规定标准' })).statusCode).toBe(200);
    const pdf = await clerkA.get(`/api/assistance/cases/${c.id}/print/refusal`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('dynamic management', () => {
  async function approvedEntitlement(names: string[]) {
    const h = await household(clerkA, places.renchengVillageA, names);
    const c = await apply(
      clerkA,
      application(h, {
        members: h.members.map((m, i) => ({
          personId: m.id,
          covered: true,
          incomes: i === 0 ? [{ kind: 'business', monthlyFen: 20000 }] : [],
        })),
      }),
    );
    await toDecision(clerkA, c.id);
    expect((await step(approverA, c.id, 'approve')).statusCode).toBe(200);
    const e = (await open(clerkA, c.id)).entitlement;
    const full = (await clerkA.get(`/api/assistance/entitlements/${e.id}`)).json();
    return { h, id: e.id as number, version: full.version as number };
  }

  it('re-review: a household above the line because a member found work keeps its amount in the 渐退期 of up to 6 months', async () => {
    const { h, id, version } = await approvedEntitlement(['渐一', '渐二']);
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/review`, {
      version,
      foundWork: true,
      reason: '配偶在县城务工',
      members: [{ personId: h.members[1].id, incomes: [{ kind: 'wage', monthlyFen: 300000 }] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'taper', monthlyFen: 92400 * 2 - 20000, endMonth: addMonths(nextMonth, 5) });
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e.history[0]).toMatchObject({ kind: 'taper', effectiveMonth: nextMonth });
  });

  it('re-review: above the line for another reason stops the payment from next month, with the reason in the history', async () => {
    const { h, id, version } = await approvedEntitlement(['停一', '停二']);
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/review`, {
      version,
      reason: '复核发现经营收入增加',
      members: [{ personId: h.members[0].id, incomes: [{ kind: 'business', monthlyFen: 400000 }] }],
    });
    expect(res.json()).toMatchObject({ kind: 'stopped', endMonth: monthOf(today) });
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e.status).toBe('stopped');
    expect(e.history[0].reason).toContain('家庭收入不低于保障标准');
  });

  it('a fact changed in the registry recomputes the entitlement from next month: a pension recorded on a member', async () => {
    const { h, id } = await approvedEntitlement(['养一', '养二']);
    expect(
      (
        await clerkA.post('/api/benefits', {
          personId: h.members[1].id,
          type: 'pension',
          monthlyAmountFen: 30000,
          startMonth: monthOf(today),
          source: 'agency',
        })
      ).statusCode,
    ).toBe(200);
    await t.deps.jobs.drain();
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    // 924 × 2 − (200 business + 300 pension) = 1,348 元
    expect(e).toMatchObject({ monthlyFen: 134800, breakdown: '924 × 2 − 500 = 1,348 元' });
    expect(e.history[0]).toMatchObject({ kind: 'facts_changed', effectiveMonth: nextMonth, oldFen: 164800, newFen: 134800 });
  });

  it("a batch re-check against fresh agency files shows each household's findings and the amount that would follow", async () => {
    const { h, id } = await approvedEntitlement(['复一', '复二']);
    const started = await clerkA.post('/api/assistance/rechecks', { only: 'all' });
    expect(started.json().created).toBeGreaterThanOrEqual(1);
    expect((await clerkA.post('/api/assistance/rechecks', { only: 'all' })).json().created).toBe(0);
    const request = await clerkA.get('/api/assistance/checks/request-file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(request.rawPayload as never);
    const mine = wb.worksheets[0]
      .getRows(2, wb.worksheets[0].rowCount - 1)!
      .map((r) => (r.values as string[]).slice(1))
      .filter((r) => r[1] === `复核-${id}`);
    expect(mine.map((r) => r[3]).sort()).toEqual([...h.idNumbers].sort());
    const reply = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=social_insurance',
      'si.csv',
      `身份证号,姓名,月缴费基数（元）,月养老金（元）\n${h.idNumbers[1]},复二,4000,0\n`,
    );
    expect(reply.json().matchedChecks).toBeGreaterThanOrEqual(1);
    const results = (await clerkA.get('/api/assistance/rechecks?pageSize=200')).json();
    const row = results.items.find((r: { entitlementId: number }) => r.entitlementId === id);
    expect(row).toMatchObject({ monthlyFen: 92400 * 2 - 20000, stillEligible: false, proposedFen: 0 });
    expect(row.findings[0]).toMatchObject({ label: '复二 工资性收入', found: '4,000 元/月' });
    const review = await clerkA.post(`/api/assistance/entitlements/${id}/review`, {
      version: row.version,
      reason: '批量复核比对：配偶有社保缴费记录',
      members: row.foundIncomes,
    });
    expect(review.json().kind).toBe('stopped');
    expect(
      (await clerkA.get('/api/assistance/rechecks?pageSize=200')).json().items.map((r: { entitlementId: number }) => r.entitlementId),
    ).not.toContain(id);
  });

  it('suspend and stop take effect from next month at the earliest; the roll leaves out a suspended household', async () => {
    const { id, version } = await approvedEntitlement(['暂一', '暂二']);
    const past = await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
      version,
      kind: 'suspend',
      effectiveMonth: monthOf(today),
      reason: '外出失联',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.fields[0].message).toContain('已发放的月份不能更改');
    expect(
      (
        await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
          version,
          kind: 'suspend',
          effectiveMonth: nextMonth,
          reason: '外出失联',
        })
      ).statusCode,
    ).toBe(200);
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e.status).toBe('suspended');
    expect(
      (
        await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
          version: e.version,
          kind: 'suspend',
          effectiveMonth: nextMonth,
          reason: '再次',
        })
      ).json().message,
    ).toContain('不能暂停发放');
    const month = addMonths(nextMonth, 2);
    const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month });
    await t.deps.jobs.drain();
    const lines = (await county.get(`/api/payments/assistance/rolls/${start.json().id}/lines?pageSize=200`)).json();
    expect(lines.items.map((l: { recordId: number }) => l.recordId)).not.toContain(id);
  });

  async function approvedTekun(name: string) {
    const h = await household(clerkA, places.renchengVillageA, [name], ['1941-03-05']);
    const c = await apply(
      clerkA,
      application(h, {
        category: 'tekun',
        members: [{ personId: h.members[0].id, covered: true, incomes: [] }],
        selfCareUnable: ['eating'],
      }),
    );
    await toDecision(clerkA, c.id);
    expect((await step(approverA, c.id, 'approve')).statusCode).toBe(200);
    const id = (await open(clerkA, c.id)).entitlement.id as number;
    return { h, id, version: (await clerkA.get(`/api/assistance/entitlements/${id}`)).json().version as number };
  }
  const noticeEnds = addDays(today, 6);
  const stopFrom = addMonths(monthOf(noticeEnds), 1);

  it('特困 termination: 公示 7 days, stops next month; support continues during the notice', async () => {
    const { id, version } = await approvedTekun('终养一');
    // The form offers the earliest month the rule allows.
    expect((await clerkA.get(`/api/assistance/entitlements/${id}`)).json().changeFrom).toEqual({
      month: nextMonth,
      stopMonth: stopFrom,
      stopNoticeEnds: noticeEnds,
    });
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
      version,
      kind: 'stop',
      effectiveMonth: stopFrom,
      reason: '已由子女接回赡养',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', stopNoticeEnds: noticeEnds, effectiveMonth: stopFrom });
    let e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e).toMatchObject({
      status: 'active',
      endMonth: null,
      stopNotice: { ends: noticeEnds, effectiveMonth: stopFrom, reason: '已由子女接回赡养' },
    });
    expect(e.history[0]).toMatchObject({ kind: 'stop_notice', effectiveMonth: stopFrom });

    // The village's public page shows the stop: masked name, no reason.
    const shown = (await t.app.inject({ method: 'GET', url: `/api/public/notices?divisionCode=${places.renchengVillageA}` })).json();
    const mine = shown.filter((n: { matter: string; name: string }) => n.matter === '拟终止供养' && n.name === '终**');
    expect(mine).toEqual([expect.objectContaining({ category: '特困', householdSize: 1, monthlyFen: e.monthlyFen, noticeEnds })]);
    expect(JSON.stringify(mine)).not.toContain('子女');

    // While the notice runs: no second stop and no re-review.
    expect(
      (
        await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
          version: e.version,
          kind: 'stop',
          effectiveMonth: stopFrom,
          reason: '再次',
        })
      ).json().message,
    ).toContain('已在终止公示中');
    expect(
      (await clerkA.post(`/api/assistance/entitlements/${id}/review`, { version: e.version, reason: '复核', members: [] })).statusCode,
    ).toBe(409);

    await t.deps.notices.endDue(noticeEnds);
    expect((await clerkA.get(`/api/assistance/entitlements/${id}`)).json().status).toBe('active');
    await t.deps.notices.endDue(addDays(noticeEnds, 1));
    e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e).toMatchObject({ status: 'stopped', endMonth: addMonths(stopFrom, -1), stopNotice: null });
    expect(e.history[0]).toMatchObject({ kind: 'stop', effectiveMonth: stopFrom, reason: '终止公示期满无异议：已由子女接回赡养' });
    // No benefit record of the person runs into the month the support stops.
    const [{ n }] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from benefits where source_ref = ${`assistance_entitlement:${id}`} and (end_month is null or end_month
        >= ${stopFrom})`,
    );
    expect(n).toBe(0);
    const after = (await t.app.inject({ method: 'GET', url: `/api/public/notices?divisionCode=${places.renchengVillageA}` })).json();
    expect(after.filter((n: { name: string; matter: string }) => n.matter === '拟终止供养' && n.name === '终**')).toEqual([]);
  });

  it('特困 termination: an objection during the notice withdraws the stop and calls for a re-review', async () => {
    const { id, version } = await approvedTekun('终养二');
    expect(
      (
        await clerkA.post(`/api/assistance/entitlements/${id}/change`, {
          version,
          kind: 'stop',
          effectiveMonth: stopFrom,
          reason: '疑似有赡养能力的子女',
        })
      ).statusCode,
    ).toBe(200);
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    const bad = await clerkA.post(`/api/assistance/entitlements/${id}/stop-objection`, { version: e.version, reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0]).toMatchObject({ field: 'reason', message: expect.stringContaining('请填写异议情况') });
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/stop-objection`, {
      version: e.version,
      reason: '村委会反映其子女常年卧病，无赡养能力',
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.notices.endDue(addDays(noticeEnds, 1));
    const now = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(now).toMatchObject({ status: 'active', endMonth: null, stopNotice: null, nextReviewDate: today });
    expect(now.history[0]).toMatchObject({ kind: 'stop_objection', reason: expect.stringContaining('无赡养能力') });
    expect(
      (await clerkB.post(`/api/assistance/entitlements/${id}/stop-objection`, { version: now.version, reason: '外乡镇' })).statusCode,
    ).toBe(404);
  });

  it('特困 termination: a re-review that finds the conditions no longer met announces the stop instead of stopping at once', async () => {
    const { h, id, version } = await approvedTekun('终养三');
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/review`, {
      version,
      reason: '复核发现有经营收入',
      members: [{ personId: h.members[0].id, incomes: [{ kind: 'business', monthlyFen: 150000 }] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'stop_notice', stopNoticeEnds: noticeEnds, endMonth: addMonths(stopFrom, -1) });
    const e = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(e).toMatchObject({ status: 'active', stopNotice: { ends: noticeEnds, effectiveMonth: stopFrom } });
    // Carried out late (the server was off for weeks): never from a month before the current one.
    const late = addDays(noticeEnds, 45);
    await t.deps.notices.endDue(late);
    const stopped = (await clerkA.get(`/api/assistance/entitlements/${id}`)).json();
    expect(stopped).toMatchObject({ status: 'stopped', endMonth: addMonths(monthOf(late), -1) });
    expect(stopped.history[0]).toMatchObject({ kind: 'stop', effectiveMonth: monthOf(late) });
  });
});

describe('migration of an existing recipient roster', () => {
  async function roster(lines: (string | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('救助对象');
    ws.addRow([
      '收款人身份证号',
      '救助类别',
      '保障成员身份证号',
      '月发放金额（元）',
      '计算说明',
      '起始月份',
      '开户银行',
      '银行账号',
      '下次复核日期',
    ]);
    for (const l of lines) ws.addRow(l);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function importRoster(content: Buffer) {
    const boundary = '----jimin';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="recipients.xlsx"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await clerkA.inject({
      method: 'POST',
      url: '/api/assistance/imports/entitlements',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.jobs.drain();
    return (await clerkA.get(`/api/jobs/${res.json().jobId}`)).json();
  }

  it('validates every row and loads nothing when one is wrong, with an error report', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['迁一', '迁二']);
    const job = await importRoster(
      await roster([
        [h.idNumbers[0], '低保', `${h.idNumbers[0]}、${h.idNumbers[1]}`, '1,200.50', null, '2025-06', '济宁银行', '6217009999888877', null],
        [
          generateResidentId({ addressCode: '370811', birthDate: '1960-01-01', seq: 990 }),
          '低保',
          null,
          '-5',
          null,
          '2025-13',
          '济',
          '12',
          null,
        ],
      ]),
    );
    expect(job.status).toBe('failed');
    expect(job.error).toContain('共 2 行，其中 1 行有错误');
    expect(job.result.errorFile).toMatch(/errors\.xlsx$/);
    const [{ n }] = await rows<{ n: string | number }>(
      t.deps.database.db,
      sql`select count(*) as n from assistance_entitlements where household_id = ${h.id}`,
    );
    expect(Number(n)).toBe(0);

    const ok = await importRoster(
      await roster([
        [h.idNumbers[0], '低保', `${h.idNumbers[0]}、${h.idNumbers[1]}`, '1,200.50', null, '2025-06', '济宁银行', '6217009999888877', null],
      ]),
    );
    expect(ok.status, ok.error).toBe('succeeded');
    const list = (await clerkA.get('/api/assistance/entitlements?q=迁一')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        payeeName: '迁一',
        monthlyFen: 120050,
        coveredCount: 2,
        breakdown: '迁移导入：月发放 1,200.50 元',
        startMonth: '2025-06',
      }),
    ]);
    const again = await importRoster(
      await roster([[h.idNumbers[0], '低保', h.idNumbers[0], '100', null, '2025-06', '济宁银行', '6217009999888877', null]]),
    );
    expect(again.status).toBe('failed');
  });
});

describe('household economic check', () => {
  it('matches agency replies by ID number, shows findings, and completes only when each is decided', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['核一', '核二']);
    const c = await apply(clerkA, application(h, { members: h.members.map((m) => ({ personId: m.id, covered: true, incomes: [] })) }));
    expect((await step(clerkA, c.id, 'request_check')).statusCode).toBe(200);

    const request = await clerkA.get('/api/assistance/checks/request-file');
    expect(request.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(request.rawPayload as never);
    const requested = wb.worksheets[0].getRows(2, wb.worksheets[0].rowCount - 1)!.map((r) => (r.values as string[]).slice(1));
    const ids = requested.filter((r) => r[1] === c.caseNo).map((r) => r[3]);
    expect(ids).toHaveLength(2);

    const bad = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=bank',
      'bank.csv',
      `身份证号,姓名,开户银行,存款余额（元）\n${ids[0]},核一,农业银行,很多\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].message).toContain('应为不小于 0 的金额');
    const bank = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=bank',
      'bank.csv',
      `身份证号,姓名,开户银行,存款余额（元）\n${ids[0]},核一,农业银行,"60,000.00"\n${ids[1]},核二,建设银行,1000\n110101199001011234,外人,工商银行,5\n`,
    );
    expect(bank.json()).toMatchObject({ rows: 3, matchedPersons: 2, matchedChecks: 1 });
    const si = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=social_insurance',
      'si.csv',
      `身份证号,姓名,月缴费基数（元）,月养老金（元）\n${ids[0]},核一,2000,0\n`,
    );
    expect(si.json()).toMatchObject({ matchedChecks: 1 });

    const check = (await clerkA.get(`/api/assistance/cases/${c.id}/check`)).json();
    expect(check.repliedAgencies.map((a: { name: string }) => a.name)).toEqual(['银行存款', '社会保险']);
    const keys = check.findings.map((f: { key: string }) => f.key);
    expect(keys).toContain('assets:deposits');
    const deposits = check.findings.find((f: { key: string }) => f.key === 'assets:deposits');
    expect(deposits).toMatchObject({ declared: '5,000 元', found: '61,000 元', overLimit: '超过上限 44,352 元' });
    const wage = check.findings.find((f: { key: string }) => f.key.endsWith(':wage'));
    expect(wage).toMatchObject({ label: '核一 工资性收入', declared: '0 元/月', found: '2,000 元/月' });

    const early = await step(clerkA, c.id, 'complete_check');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('还有 2 项核对发现未处理');
    expect(
      (await clerkA.post(`/api/assistance/cases/${c.id}/check/decisions`, { key: 'assets:deposits', decision: 'override' })).statusCode,
    ).toBe(400);
    expect(
      (
        await clerkA.post(`/api/assistance/cases/${c.id}/check/decisions`, {
          key: 'assets:deposits',
          decision: 'override',
          reason: '其中 6 万元为亲属代管的医疗募捐款，有银行流水和村委证明',
        })
      ).statusCode,
    ).toBe(200);
    expect((await clerkA.post(`/api/assistance/cases/${c.id}/check/decisions`, { key: wage.key, decision: 'accept' })).statusCode).toBe(
      200,
    );
    const unanswered = await step(clerkA, c.id, 'complete_check');
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json().message).toBe('尚未收到：不动产登记、车辆登记、个人所得税、市场主体登记、住房公积金的核对回复');
    expect((await step(clerkA, c.id, 'complete_check', noReplies)).statusCode).toBe(200);
    expect((await step(clerkA, c.id, 'record_visit', visit)).statusCode).toBe(200);
    expect((await step(clerkA, c.id, 'township_agree')).statusCode).toBe(200);
    // The accepted wage, less the employment-cost deduction: 924 × 2 − (2,000 − 300) = 148 元.
    expect((await open(clerkA, c.id)).computation.breakdown).toBe('924 × 2 − 1,700 = 148 元');
  });
});

describe('household economic check: asked agencies, batches and completion', () => {
  /** Downloads the request file: its batch number (header, file name and column 批次号) and its rows. */
  async function requestBatch() {
    const res = await clerkA.get('/api/assistance/checks/request-file');
    expect(res.statusCode).toBe(200);
    const batch = Number(res.headers['x-check-batch']);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`家庭经济状况核对请求-批次${batch}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['核对编号', '申请编号', '姓名', '身份证号', '与户主关系', '核对部门', '批次号']);
    const lines = sheet
      .getRows(2, Math.max(1, sheet.rowCount - 1))!
      .map((r) => (r.values as (string | number)[]).slice(1))
      .filter((r) => r.length);
    for (const l of lines) expect(Number(l[6])).toBe(batch);
    return { batch, lines };
  }
  const empty = (agency: string, batch: number) => {
    const headers: Record<string, string> = {
      bank: '开户银行,存款余额（元）',
      real_estate: '不动产坐落,建筑面积（平方米）',
      vehicle: '号牌号码,车辆类型',
      tax: '年度收入额（元）',
      social_insurance: '月缴费基数（元）,月养老金（元）',
      business: '市场主体名称,注册资本（万元）',
      housing_fund: '月缴存基数（元）',
    };
    return upload(
      clerkA,
      `/api/assistance/checks/replies?agency=${agency}`,
      `${agency}-批次${batch}.csv`,
      `身份证号,姓名,${headers[agency]}\n`,
    );
  };
  const checkOf = async (id: number) => (await clerkA.get(`/api/assistance/cases/${id}/check`)).json();

  it('an empty reply naming its batch answers every person of that batch for that agency', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['批一', '批二']);
    const c = await apply(clerkA, application(h));
    expect((await step(clerkA, c.id, 'request_check')).statusCode).toBe(200);
    expect((await checkOf(c.id)).agencies.map((a: { name: string }) => a.name)).toEqual([
      '银行存款',
      '不动产登记',
      '车辆登记',
      '个人所得税',
      '社会保险',
      '市场主体登记',
      '住房公积金',
    ]);
    const { batch, lines } = await requestBatch();
    expect(lines.filter((l) => l[1] === c.caseNo)).toHaveLength(2);

    const unnamed = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=vehicle',
      'vehicle.csv',
      '身份证号,姓名,号牌号码,车辆类型\n',
    );
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().message).toContain('回复文件中没有数据行');
    const unknown = await empty('vehicle', 999999);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('批次 999999 不存在');

    const vehicle = await empty('vehicle', batch);
    expect(vehicle.statusCode, vehicle.body).toBe(200);
    expect(vehicle.json()).toMatchObject({ batch, rows: 0, matchedPersons: 0 });
    expect(vehicle.json().matchedChecks).toBeGreaterThanOrEqual(1);
    const check = await checkOf(c.id);
    expect(check.status).toBe('replied');
    expect(check.repliedAgencies.map((a: { code: string }) => a.code)).toEqual(['vehicle']);
    expect(check.batches).toContain(batch);
    expect(check.findings).toEqual([]);

    // The column 批次号 names the batch too; a row of a person outside the batch is not matched.
    const ids = h.idNumbers;
    const bank = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=bank',
      'bank.csv',
      `批次号,身份证号,姓名,开户银行,存款余额（元）\n${batch},${ids[0]},批一,农业银行,100\n`,
    );
    expect(bank.json()).toMatchObject({ batch, rows: 1, matchedPersons: 1 });
    const mixed = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=bank',
      `bank-批次${batch + 1}.csv`,
      `批次号,身份证号,姓名,开户银行,存款余额（元）\n${batch},${ids[0]},批一,农业银行,100\n`,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().message).toContain('一个回复文件只能回复一个批次');
    expect((await checkOf(c.id)).repliedAgencies.map((a: { code: string }) => a.code)).toEqual(['bank', 'vehicle']);
  });

  it("a reply imported again replaces that agency's earlier answer; each accepted reply is audited with it, a refused one not at all", async () => {
    const h = await household(clerkA, places.renchengVillageA, ['替一', '替二']);
    const c = await apply(clerkA, application(h));
    expect((await step(clerkA, c.id, 'request_check')).statusCode).toBe(200);
    const { batch } = await requestBatch();
    const replies = async () =>
      Number(
        (
          await rows<{ n: string | number }>(
            t.deps.database.db,
            sql`select count(*) as n from audit_log where action = 'assistance.check.reply'`,
          )
        )[0].n,
      );
    const before = await replies();
    const bank = (body: string) =>
      upload(
        clerkA,
        '/api/assistance/checks/replies?agency=bank',
        `bank-批次${batch}.csv`,
        `身份证号,姓名,开户银行,存款余额（元）\n${body}`,
      );
    expect((await bank(`${h.idNumbers[0]},替一,农业银行,90000\n${h.idNumbers[1]},替二,建设银行,5000\n`)).json()).toMatchObject({
      matchedPersons: 2,
    });
    expect((await checkOf(c.id)).findings.find((f: { key: string }) => f.key === 'assets:deposits')).toMatchObject({ found: '95,000 元' });
    // The bank corrects its file: only the second member has a deposit.
    expect((await bank(`${h.idNumbers[1]},替二,建设银行,6000\n`)).json()).toMatchObject({ matchedPersons: 1 });
    const check = await checkOf(c.id);
    expect(check.findings.find((f: { key: string }) => f.key === 'assets:deposits')).toMatchObject({ found: '6,000 元' });
    expect(check.repliedAgencies.map((a: { code: string }) => a.code)).toEqual(['bank']);
    expect(await replies()).toBe(before + 2);
    const refused = await upload(
      clerkA,
      '/api/assistance/checks/replies?agency=bank',
      'bank-批次999998.csv',
      `身份证号,姓名,开户银行,存款余额（元）\n${h.idNumbers[1]},替二,建设银行,1\n`,
    );
    expect(refused.statusCode).toBe(400);
    expect(await replies()).toBe(before + 2);
  });

  it('the check completes only when every asked agency replied, or with a reason kept in the history', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['齐一']);
    const c = await apply(clerkA, application(h, { members: [{ personId: h.members[0].id, covered: true, incomes: [] }] }));
    const narrow = await household(clerkA, places.renchengVillageA, ['齐二']);
    const n = await apply(clerkA, application(narrow, { members: [{ personId: narrow.members[0].id, covered: true, incomes: [] }] }));
    expect((await step(clerkA, c.id, 'request_check')).statusCode).toBe(200);
    expect((await step(clerkA, n.id, 'request_check', { data: { agencies: ['nowhere'] } })).statusCode).toBe(400);
    expect((await step(clerkA, n.id, 'request_check', { data: { agencies: ['tax', 'bank'] } })).statusCode).toBe(200);
    expect((await checkOf(n.id)).agencies.map((a: { code: string }) => a.code)).toEqual(['bank', 'tax']);
    const { batch } = await requestBatch();
    for (const agency of ['bank', 'real_estate', 'tax', 'social_insurance', 'business'])
      expect((await empty(agency, batch)).statusCode).toBe(200);

    const missing = await step(clerkA, c.id, 'complete_check');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().message).toBe('尚未收到：车辆登记、住房公积金的核对回复');
    expect(missing.json().details.missingAgencies).toEqual(['vehicle', 'housing_fund']);
    const noReason = await step(clerkA, c.id, 'complete_check', { data: { override: true } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields[0].field).toBe('reason');
    expect(
      (await step(clerkA, c.id, 'complete_check', { data: { override: true }, reason: '车管所系统升级，停止受理核对两周' })).statusCode,
    ).toBe(200);
    const entry = (await open(clerkA, c.id)).history.find((x: { action: string }) => x.action === 'complete_check');
    expect(entry).toMatchObject({
      label: '核对完成',
      reason: '车管所系统升级，停止受理核对两周',
      data: { override: true, missingAgencies: ['vehicle', 'housing_fund'], missingAgencyNames: '车辆登记、住房公积金' },
    });

    // A check that asked only 银行存款 and 个人所得税 completes with their replies.
    expect((await step(clerkA, n.id, 'complete_check')).statusCode).toBe(200);
    expect((await open(clerkA, n.id)).history.find((x: { action: string }) => x.action === 'complete_check').data).toMatchObject({
      override: false,
      askedAgencies: ['bank', 'tax'],
    });
  });

  it('an accepted finding appears in the case history, and so does one kept with a reason', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['录一']);
    const c = await apply(clerkA, application(h, { members: [{ personId: h.members[0].id, covered: true, incomes: [] }] }));
    expect((await step(clerkA, c.id, 'request_check', { data: { agencies: ['bank', 'vehicle'] } })).statusCode).toBe(200);
    const { batch } = await requestBatch();
    const id = h.idNumbers[0];
    expect(
      (
        await upload(
          clerkA,
          '/api/assistance/checks/replies?agency=bank',
          'bank.csv',
          `批次号,身份证号,姓名,开户银行,存款余额（元）\n${batch},${id},录一,农业银行,8000\n`,
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await upload(
          clerkA,
          '/api/assistance/checks/replies?agency=vehicle',
          'vehicle.csv',
          `批次号,身份证号,姓名,号牌号码,车辆类型\n${batch},${id},录一,鲁H12345,小型轿车\n`,
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (await clerkA.post(`/api/assistance/cases/${c.id}/check/decisions`, { key: 'assets:deposits', decision: 'accept' })).statusCode,
    ).toBe(200);
    expect(
      (
        await clerkA.post(`/api/assistance/cases/${c.id}/check/decisions`, {
          key: 'assets:vehicles',
          decision: 'override',
          reason: '车辆已于上月过户，有过户登记证明',
        })
      ).statusCode,
    ).toBe(200);
    const history = (await open(clerkA, c.id)).history.filter((x: { action: string }) => x.action === 'decide_finding');
    expect(history).toEqual([
      expect.objectContaining({
        label: '处理核对发现',
        reason: null,
        data: expect.objectContaining({
          key: 'assets:deposits',
          decision: 'accept',
          label: '家庭存款',
          declared: '5,000 元',
          found: '8,000 元',
        }),
      }),
      expect.objectContaining({
        reason: '车辆已于上月过户，有过户登记证明',
        data: expect.objectContaining({ key: 'assets:vehicles', decision: 'override', label: '机动车' }),
      }),
    ]);
    expect((await open(clerkA, c.id)).application.assets.depositsFen).toBe(800000);
    expect((await step(clerkA, c.id, 'complete_check')).statusCode).toBe(200);
  });

  it("the reply template has the agency's headers, and sent back empty it answers its batch", async () => {
    const h = await household(clerkA, places.renchengVillageA, ['模一']);
    const c = await apply(clerkA, application(h));
    expect((await step(clerkA, c.id, 'request_check', { data: { agencies: ['vehicle'] } })).statusCode).toBe(200);
    const { batch } = await requestBatch();
    const res = await clerkA.get(`/api/assistance/checks/reply-template?agency=vehicle&batch=${batch}`);
    expect(res.statusCode).toBe(200);
    const name = `核对回复-车辆登记-批次${batch}.xlsx`;
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(['批次号', '身份证号', '姓名', '号牌号码', '车辆类型']);
    const tax = await clerkA.get('/api/assistance/checks/reply-template?agency=tax');
    const wbTax = new ExcelJS.Workbook();
    await wbTax.xlsx.load(tax.rawPayload as never);
    expect((wbTax.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(['批次号', '身份证号', '姓名', '年度收入额（元）']);
    const back = await upload(clerkA, '/api/assistance/checks/replies?agency=vehicle', name, res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ batch, rows: 0 });
    expect((await step(clerkA, c.id, 'complete_check')).statusCode).toBe(200);
  });
});

describe('required steps and separation of duties', () => {
  it('a 低保 case the township disagreed with is not approved without its 公示: the approver sends it back for the visit and 公示', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['驳一', '驳二']);
    const c = await apply(clerkA, application(h));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
    ] as const)
      await step(clerkA, c.id, action, body);
    expect((await step(clerkA, c.id, 'township_disagree', { reason: '家庭收入核实不清' })).statusCode).toBe(200);
    expect((await open(clerkA, c.id)).status).toBe('awaiting_decision');
    for (const approver of [approverA, county]) {
      const res = await step(approver, c.id, 'approve');
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('尚未完成「公示7天（拟同意的审核意见）」，不能执行「审批通过」；可「退回重新调查并公示」');
    }
    const shown = (await open(county, c.id)).allowedActions.find((a: { code: string }) => a.code === 'approve');
    expect(shown.blockedReason).toContain('尚未完成「公示7天');
    expect((await step(county, c.id, 'return_for_review')).statusCode).toBe(400);
    expect((await step(county, c.id, 'return_for_review', { reason: '收入可核实，符合条件' })).statusCode).toBe(200);
    expect((await open(clerkA, c.id)).status).toBe('visiting');
    expect((await step(clerkA, c.id, 'record_visit', visit)).statusCode).toBe(200);
    expect((await step(clerkA, c.id, 'township_agree')).statusCode).toBe(200);
    expect((await open(clerkA, c.id)).status).toBe('notice');
    await t.deps.notices.endDue(addDays(today, 7));
    expect((await step(county, c.id, 'approve')).statusCode).toBe(200);
  });

  it('支出型临时救助 is announced before approval by default; a county that lists no categories goes straight to the decision', async () => {
    const month = monthOf(today);
    const temporary = async (name: string) => {
      const h = await household(clerkA, places.renchengVillageA, [name]);
      const c = await apply(
        clerkA,
        application(h, {
          category: 'temporary',
          temporaryType: 'expense',
          requestedAmountFen: 100000,
          members: [{ personId: h.members[0].id, covered: true, incomes: [] }],
        }),
      );
      for (const [action, body] of [
        ['start_investigation', {}],
        ['record_visit', visit],
      ] as const)
        expect((await step(clerkA, c.id, action, body)).statusCode).toBe(200);
      expect((await step(clerkA, c.id, 'township_agree')).statusCode).toBe(200);
      return c.id;
    };
    const announced = await temporary('支一');
    expect((await open(clerkA, announced)).status).toBe('notice');
    expect(
      (
        await admin.post('/api/policy/assistance/values', {
          kind: 'parameter:notice_categories',
          countyCode: places.rencheng,
          effectiveMonth: month,
          value: ['borderline'],
        })
      ).statusCode,
    ).toBe(200);
    try {
      const direct = await temporary('支二');
      expect((await open(clerkA, direct)).status).toBe('awaiting_decision');
      expect((await step(approverA, direct, 'approve')).statusCode).toBe(200);
    } finally {
      await admin.post('/api/policy/assistance/values', {
        kind: 'parameter:notice_categories',
        countyCode: places.rencheng,
        effectiveMonth: month,
        value: ['borderline', 'temporary_expense'],
      });
    }
  });

  it('the approval notice of a township decision is issued by the township, not the county', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['章一', '章二']);
    const c = await apply(clerkA, application(h));
    await toDecision(clerkA, c.id);
    expect((await step(approverA, c.id, 'approve')).statusCode).toBe(200);
    const text = await pdfText((await clerkA.get(`/api/assistance/cases/${c.id}/print/approval`)).rawPayload);
    expect(text).toContain('许庄街道办事处');
    expect(text).not.toContain('任城区民政局');
  });

  it('separation of duties: whoever entered or investigated a case gets 403 with the reason; a county may switch it off', async () => {
    const month = monthOf(today);
    const h = await household(clerkA, places.renchengVillageA, ['分一', '分二']);
    const c = await apply(clerkA, application(h));
    await toDecision(clerkA, c.id);
    const own = await step(clerkA, c.id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('您已办理本案的「窗口受理」，按不相容岗位分离的规定，「审批通过」须由其他工作人员办理');
    expect((await open(clerkA, c.id)).allowedActions.find((a: { code: string }) => a.code === 'approve').blockedReason).toBe(
      own.json().message,
    );
    expect((await open(approverA, c.id)).allowedActions.find((a: { code: string }) => a.code === 'approve').blockedReason).toBeNull();
    expect(
      (
        await admin.post('/api/policy/assistance/values', {
          kind: 'parameter:separation_of_duties',
          countyCode: places.rencheng,
          effectiveMonth: month,
          value: false,
        })
      ).statusCode,
    ).toBe(200);
    try {
      expect((await step(clerkA, c.id, 'approve')).statusCode).toBe(200);
    } finally {
      await admin.post('/api/policy/assistance/values', {
        kind: 'parameter:separation_of_duties',
        countyCode: places.rencheng,
        effectiveMonth: month,
        value: true,
      });
    }
  });
});

describe('separation of duties for the payment roll', () => {
  it('separation of duties: who built the roll gets 403 with the reason, shown on the roll; another county user approves; a county may switch it off', async () => {
    const month = monthOf(today);
    const builder = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
    const other = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
    const build = async (by: Client, rollMonth: string) => {
      const res = await by.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: rollMonth });
      expect(res.statusCode, res.body).toBe(200);
      await t.deps.jobs.drain();
      return res.json().id as number;
    };
    const reason = '您编制了本名册，按不相容岗位分离的规定，名册须由其他工作人员审核';
    const first = await build(builder, addMonths(nextMonth, 6));
    const own = await builder.post(`/api/payments/assistance/rolls/${first}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe(reason);
    expect((await builder.get(`/api/payments/assistance/rolls/${first}/lines`)).json().roll).toMatchObject({
      status: 'built',
      approveBlockedReason: reason,
    });
    expect((await other.get(`/api/payments/assistance/rolls/${first}/lines`)).json().roll.approveBlockedReason).toBeNull();
    expect((await other.post(`/api/payments/assistance/rolls/${first}/approve`)).statusCode).toBe(200);

    // Who started the build the roll now holds built it too.
    const second = await build(builder, addMonths(nextMonth, 7));
    expect(await build(other, addMonths(nextMonth, 7))).toBe(second);
    expect((await other.post(`/api/payments/assistance/rolls/${second}/approve`)).json().message).toBe(reason);
    expect((await builder.post(`/api/payments/assistance/rolls/${second}/approve`)).statusCode).toBe(403);

    expect(
      (
        await admin.post('/api/policy/assistance/values', {
          kind: 'parameter:separation_of_duties',
          countyCode: places.rencheng,
          effectiveMonth: month,
          value: false,
        })
      ).statusCode,
    ).toBe(200);
    try {
      expect((await builder.get(`/api/payments/assistance/rolls/${second}/lines`)).json().roll.approveBlockedReason).toBeNull();
      expect((await builder.post(`/api/payments/assistance/rolls/${second}/approve`)).statusCode).toBe(200);
    } finally {
      await admin.post('/api/policy/assistance/values', {
        kind: 'parameter:separation_of_duties',
        countyCode: places.rencheng,
        effectiveMonth: month,
        value: true,
      });
    }
  });
});

describe('临时救助 and 济时救', () => {
  it('an 急难型 case is paid first within the township limit and reserve fund, its paperwork completed after', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['急一']);
    const body = application(h, {
      category: 'temporary',
      temporaryType: 'emergency',
      mostUrgent: true,
      requestedAmountFen: 200000,
      members: [{ personId: h.members[0].id, covered: true, incomes: [] }],
    });
    const c = await apply(clerkA, body);
    const row = await open(clerkA, c.id);
    expect(Date.parse(row.urgentDueAt) - Date.parse(row.createdAt)).toBe(2 * 3600_000);
    const over = await step(clerkA, c.id, 'pay_first', { data: { amountFen: 500000 } });
    expect(over.statusCode).toBe(403);
    expect(over.json().message).toBe('超过乡镇审批额度 3,000.00 元，须报县级民政部门审批');
    expect((await step(clerkA, c.id, 'pay_first', { data: { amountFen: 200000 } })).statusCode).toBe(200);
    const benefits = (await clerkA.get(`/api/benefits?personId=${h.members[0].id}`)).json();
    expect(benefits).toEqual([
      expect.objectContaining({ type: 'temporary', monthlyAmountFen: 200000, startMonth: monthOf(today), endMonth: monthOf(today) }),
    ]);
    expect((await open(clerkA, c.id)).urgentDueAt).toBeNull();
    const early = await step(approverA, c.id, 'complete_paperwork');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('尚未完成「入户调查」，不能执行「补齐材料并审批」');
    expect((await step(clerkA, c.id, 'record_followup_visit', visit)).statusCode).toBe(200);
    expect((await open(clerkA, c.id)).status).toBe('paid_first');
    const own = await step(clerkA, c.id, 'complete_paperwork');
    expect(own.statusCode).toBe(403);
    expect((await step(approverA, c.id, 'complete_paperwork')).statusCode).toBe(200);
    expect((await open(clerkA, c.id)).status).toBe('approved');
  });

  it('the township reserve fund for the year bounds what it can pay first; its year is the Beijing year', async () => {
    const month = monthOf(today);
    // The 2,000 元 paid first above, as if paid at 00:30 on 1 January Beijing time (16:30 UTC on 31 December): this year's.
    await t.owner.execute(
      sql`update assistance_actions set at = ${`${today.slice(0, 4)}-01-01T00:30:00+08:00`}::timestamptz where action = 'pay_first'`,
    );
    await admin.post('/api/policy/assistance/values', {
      kind: 'parameter:temporary_reserve_fund_fen',
      countyCode: places.rencheng,
      effectiveMonth: month,
      value: 250000,
    });
    const h = await household(clerkA, places.renchengVillageA, ['急二']);
    const c = await apply(
      clerkA,
      application(h, {
        category: 'temporary',
        temporaryType: 'emergency',
        requestedAmountFen: 100000,
        members: [{ personId: h.members[0].id, covered: true, incomes: [] }],
      }),
    );
    const res = await step(clerkA, c.id, 'pay_first', { data: { amountFen: 100000 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('乡镇临时救助备用金本年度余额 500.00 元，不足支付 1,000.00 元，请报县级民政部门');
    expect((await step(county, c.id, 'pay_first', { data: { amountFen: 100000 } })).statusCode).toBe(200);
    await admin.post('/api/policy/assistance/values', {
      kind: 'parameter:temporary_reserve_fund_fen',
      countyCode: places.rencheng,
      effectiveMonth: month,
      value: 5000000,
    });
  });
});

describe('statistics', () => {
  it('are scoped: a township counts only its own recipients; the county sees both townships', async () => {
    const a = (await clerkA.get(`/api/assistance/stats?month=${nextMonth}`)).json();
    const b = (await clerkB.get(`/api/assistance/stats?month=${nextMonth}`)).json();
    const c = (await county.get(`/api/assistance/stats?month=${nextMonth}`)).json();
    const dibao = (s: { byCounty: { category: string; households: number }[] }) =>
      s.byCounty.filter((r) => r.category === 'dibao').reduce((n, r) => n + r.households, 0);
    expect(dibao(b)).toBe(1);
    expect(dibao(c)).toBe(dibao(a) + dibao(b));
    expect(a.difficulty.find((d: { type: string }) => d.type === 'dibao').persons).toBeGreaterThan(0);
    const xlsx = await county.get(`/api/assistance/stats/export?month=${nextMonth}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([
      '县（市、区）',
      '救助类别',
      '户数',
      '人数',
      '月发放金额（元）',
    ]);
    expect((wb.worksheets[0].getRow(2).values as string[])[1]).toBe('任城区');
  });
});

describe('online applications', () => {
  it('F3 the same online submission 20 times at once with one key makes one case and identical answers', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['网一', '网二']);
    const resident = await t.loginResident({ personId: h.members[0].id, divisionCode: places.renchengVillageA });
    const pre = (await resident.get('/api/portal/assistance/prefill?category=dibao')).json();
    expect(pre.householdId).toBe(h.id);
    const body = application(h);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => resident.post('/api/portal/assistance', body, { 'idempotency-key': 'apply-once-1' })),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const [{ n }] = await rows<{ n: string | number }>(
      t.deps.database.db,
      sql`select count(*) as n from assistance_cases where household_id = ${h.id}`,
    );
    expect(Number(n)).toBe(1);
    const id = answers[0].json().id;

    // The township asks for everything missing at once; the resident sees it and resubmits.
    expect((await step(clerkA, id, 'request_documents', { reason: '请补充：1. 配偶病历；2. 近6个月收入证明' })).statusCode).toBe(200);
    const mine = (await resident.get('/api/portal/assistance')).json();
    expect(mine[0]).toMatchObject({ statusName: '待补正材料', missing: '请补充：1. 配偶病历；2. 近6个月收入证明' });
    expect((await resident.post(`/api/portal/assistance/${id}/resubmit`, { version: mine[0].version })).statusCode).toBe(200);
    expect((await step(clerkA, id, 'accept')).statusCode).toBe(200);
    expect((await open(clerkA, id)).status).toBe('accepted');
  });

  it('a resident cannot apply for another household', async () => {
    const mine = await household(clerkA, places.renchengVillageA, ['居一']);
    const theirs = await household(clerkA, places.renchengVillageA, ['居二']);
    const resident = await t.loginResident({ personId: mine.members[0].id, divisionCode: places.renchengVillageA });
    expect((await resident.post('/api/portal/assistance', application(theirs))).statusCode).toBe(404);
  });
});

describe('deadlines', () => {
  it('a stage deadline cites its own rule: a 低保 case in 乡镇审核 has the platform default, a 特困 one 特困人员认定办法', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['期一', '期二']);
    const c = await apply(clerkA, application(h));
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
    ] as const)
      await step(clerkA, c.id, action, body);
    const row = await open(clerkA, c.id);
    expect(row.status).toBe('township_review');
    expect(row.deadline).toEqual({ workingDays: 3, source: '平台默认（可配置）' });
    expect((await open(clerkA, c.id)).allowedActions.map((a: { code: string }) => a.code)).toContain('township_agree');
  });

  // Last in the file: it enters the years the other tests' deadlines run into.
  it('a whole-case deadline that runs into a year without its holidays is marked provisional, and no longer once the year is entered', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['限一']);
    const c = await apply(clerkA, application(h, { members: [{ personId: h.members[0].id, covered: true, incomes: [] }] }));
    const row = await open(clerkA, c.id);
    const years: number[] = [];
    for (let y = Number(today.slice(0, 4)); y <= Number(row.caseDueDate.slice(0, 4)); y++) years.push(y);
    const entered = await Promise.all(years.map(async (y) => (await admin.get(`/api/calendar/${y}`)).json().entered as boolean));
    expect(row.caseDueProvisional).toBe(entered.includes(false));
    for (const [i, y] of years.entries()) {
      if (entered[i]) continue;
      const put = await admin.inject({
        method: 'PUT',
        url: `/api/calendar/${y}`,
        payload: { source: '测试：本年无调休', offDays: [], workDays: [] },
      });
      expect(put.statusCode, put.body).toBe(200);
    }
    expect((await open(clerkA, c.id)).caseDueProvisional).toBe(false);
  });
});
