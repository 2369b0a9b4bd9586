/**
 * The interval of 分散供养特困人员探访 as an administrator enters it on 救助标准 (docs/rules.md "Visits
 * (探访)"): the value the page's form sends to the platform's dated policy, the checks it shares with the
 * form (src/shared/visits/frequency.ts), and the due dates that follow. Each test is named after the rule
 * it holds, and asserts what a user sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers } from '../testing.js';
import { frequencyText, visitFrequencyValue } from '../../../../shared/visits/frequency.js';
import { selfCareLevels } from '../../../../shared/assistance-rules.js';
import { tekunVisitRisks } from '../../../../shared/assistance/support-mode.js';
import type { PolicyValue, PolicyValueSaved } from '../../../../shared/policy/values.js';
import type { VisitPlansPage } from '../../../../shared/visits/visits.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
let admin: Client;
let countyAdmin: Client;
const today = shanghaiToday();
const thisMonth = monthOf(today);
const VALUES = '/api/policy/assistance/values';
const KIND = 'visit:tekun_scattered';
const { household, application, apply, open, step, toDecision } = caseHelpers(() => t, 760);

let personId: number;

/** What the page's form sends: the interval, its clock, 临期 days and the rules by category. */
const formValue = (days: number, extra: Record<string, unknown> = {}) => ({ clock: 'calendar', days, rules: [], nearDays: 7, ...extra });

const planOf = async () => {
  const res = await clerk.get('/api/visits/tekun_scattered/plans');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<VisitPlansPage>().items.find((p) => p.personId === personId)!;
};

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  // An administrator of 任城区 holding the permission to enter values: their county's own only.
  countyAdmin = await t.login({ roles: ['city_admin'], divisionCode: places.rencheng });

  const h = await household(clerk, places.renchengVillageA, ['探访周期甲'], ['1941-03-04']);
  const c = await apply(
    clerk,
    application(h, { category: 'tekun', members: [{ personId: h.members[0].id, covered: true, incomes: [] }], selfCareUnable: [] }),
  );
  await toDecision(clerk, c.id);
  const res = await step(approver, c.id, 'approve', { data: { supportMode: { mode: 'scattered' } } });
  expect(res.statusCode, res.body).toBe(200);
  personId = h.members[0].id;
  const entitlementId = (await open(clerk, c.id)).entitlement.id as number;
  // The 分散供养 began 20 days ago: with the shipped 30 calendar days, the first visit is due in 10.
  await t.owner.execute(sql`update assistance_entitlements set support_mode_since = ${addDays(today, -20)} where id = ${entitlementId}`);
});
afterAll(async () => t?.close());

describe('the visit interval of 分散供养特困人员探访 on 救助标准', () => {
  it('the page shows the shipped interval in words, as an example value: 每 30 个自然日探访一次（示例值）', async () => {
    const list = (await admin.get(VALUES)).json<PolicyValue[]>();
    const city = list.filter((v) => v.kind === KIND && v.countyCode === '' && v.current);
    expect(city).toHaveLength(1);
    expect(city[0]).toMatchObject({ kindName: '分散供养特困人员探访周期', group: 'visit' });
    expect(city[0].note).toMatch(/^示例值/);
    expect(frequencyText(visitFrequencyValue.parse(city[0].value))).toBe('每 30 个自然日探访一次；到期前 7 天为临期');
    expect(await planOf()).toMatchObject({ dueDate: addDays(today, 10), daysLeft: 10, state: 'ok' });
  });

  it('a new visit interval entered from a month changes the due dates from that month', async () => {
    // From next month: this month's due date stays as it was.
    const later = await admin.post(VALUES, {
      kind: KIND,
      countyCode: places.rencheng,
      effectiveMonth: addMonths(thisMonth, 1),
      value: formValue(12),
      note: '任城区民政局探访工作通知',
    });
    expect(later.statusCode, later.body).toBe(200);
    // A visit interval changes no amount: no recomputation starts.
    expect(later.json<PolicyValueSaved>().jobId).toBeNull();
    expect(await planOf()).toMatchObject({ dueDate: addDays(today, 10), daysLeft: 10 });

    // From this month: the plan is due 15 days after its start, five days ago — 超期.
    const now = await admin.post(VALUES, { kind: KIND, countyCode: places.rencheng, effectiveMonth: thisMonth, value: formValue(15) });
    expect(now.statusCode, now.body).toBe(200);
    expect(await planOf()).toMatchObject({ dueDate: addDays(today, -5), daysLeft: -5, state: 'overdue', stateName: '超期' });

    // A rule for the person's category (全自理) wins over the default, as the form's rows say.
    const byCategory = await countyAdmin.post(VALUES, {
      kind: KIND,
      countyCode: places.rencheng,
      effectiveMonth: thisMonth,
      value: formValue(15, { rules: [{ category: 'self', days: 25 }] }),
    });
    expect(byCategory.statusCode, byCategory.body).toBe(200);
    expect(await planOf()).toMatchObject({ dueDate: addDays(today, 5), daysLeft: 5, state: 'near', stateName: '临期' });

    // The history lists every entry; the one replaced the same month is no longer current.
    const mine = (await admin.get(VALUES)).json<PolicyValue[]>().filter((v) => v.kind === KIND && v.countyCode === places.rencheng);
    expect(mine.map((v) => [v.effectiveMonth, v.current])).toEqual([
      [addMonths(thisMonth, 1), true],
      [thisMonth, true],
      [thisMonth, false],
    ]);
    expect(frequencyText(visitFrequencyValue.parse(mine[1].value), { categories: selfCareLevels })).toBe(
      '每 15 个自然日探访一次；全自理 25 个自然日；到期前 7 天为临期',
    );
  });

  it('the visit interval is checked as the form checks it, with the same Chinese messages', async () => {
    const zero = await admin.post(VALUES, { kind: KIND, countyCode: places.rencheng, effectiveMonth: thisMonth, value: formValue(0) });
    expect(zero.statusCode).toBe(400);
    const shared = visitFrequencyValue.safeParse(formValue(0));
    expect(shared.success).toBe(false);
    expect(shared.error!.issues[0].message).toBe('间隔至少 1 天');
    expect(zero.json().details.fields).toEqual([{ field: 'value', message: '分散供养特困人员探访周期：间隔至少 1 天' }]);

    const long = await admin.post(VALUES, { kind: KIND, countyCode: places.rencheng, effectiveMonth: thisMonth, value: formValue(400) });
    expect(long.json().details.fields).toEqual([{ field: 'value', message: '分散供养特困人员探访周期：间隔最多 366 天' }]);

    const cityWide = await countyAdmin.post(VALUES, { kind: KIND, countyCode: '', effectiveMonth: thisMonth, value: formValue(20) });
    expect(cityWide.statusCode).toBe(400);
    expect(cityWide.json().details.fields).toEqual([
      { field: 'countyCode', message: '全市统一的标准和参数由市级民政部门设置，请选择本县（市、区）' },
    ]);
    const elsewhere = await countyAdmin.post(VALUES, {
      kind: KIND,
      countyCode: places.yanzhou,
      effectiveMonth: thisMonth,
      value: formValue(20),
    });
    expect(elsewhere.json().details.fields).toEqual([{ field: 'countyCode', message: '所选县（市、区）不在您的管辖范围内' }]);

    // Nothing refused was kept: the plan is still due as the last accepted value says.
    expect(await planOf()).toMatchObject({ dueDate: addDays(today, 5) });
  });

  it('a rule by risk: a 特困 person living alone (独居) is visited on the 独居 interval, one living with others on the default', async () => {
    // A second 特困 person, living with a relative who is not covered: 与他人同住.
    const h = await household(clerk, places.renchengVillageA, ['探访周期乙', '探访周期乙侄'], ['1940-02-03', '1975-06-07']);
    const c = await apply(
      clerk,
      application(h, {
        category: 'tekun',
        members: [
          { personId: h.members[0].id, covered: true, incomes: [] },
          { personId: h.members[1].id, covered: false, incomes: [] },
        ],
        selfCareUnable: [],
      }),
    );
    await toDecision(clerk, c.id);
    expect((await step(approver, c.id, 'approve', { data: { supportMode: { mode: 'scattered' } } })).statusCode).toBe(200);
    const withOthers = h.members[0].id;
    const entitlementId = (await open(clerk, c.id)).entitlement.id as number;
    await t.owner.execute(sql`update assistance_entitlements set support_mode_since = ${addDays(today, -20)} where id = ${entitlementId}`);

    const res = await countyAdmin.post(VALUES, {
      kind: KIND,
      countyCode: places.rencheng,
      effectiveMonth: thisMonth,
      value: formValue(30, { rules: [{ risk: 'alone', days: 14 }] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const all = (await clerk.get('/api/visits/tekun_scattered/plans')).json<VisitPlansPage>().items;
    // Alone: 20 days into a 14-day interval, 超期 since 6 days; with others: the default 30, due in 10.
    expect(all.find((p) => p.personId === personId)).toMatchObject({
      riskName: '独居',
      intervalDays: 14,
      dueDate: addDays(today, -6),
      state: 'overdue',
    });
    expect(all.find((p) => p.personId === withOthers)).toMatchObject({
      riskName: '与他人同住',
      intervalDays: 30,
      dueDate: addDays(today, 10),
    });
    expect(
      frequencyText(visitFrequencyValue.parse(formValue(30, { rules: [{ risk: 'alone', days: 14 }] })), { risks: tekunVisitRisks }),
    ).toBe('每 30 个自然日探访一次；独居 14 个自然日；到期前 7 天为临期');

    // The relative's death leaves the person alone: the 独居 interval from then on.
    const died = await clerk.post(`/api/persons/${h.members[1].id}/death`, { diedOn: addDays(today, -1), source: 'window' });
    expect(died.statusCode, died.body).toBe(200);
    const after = (await clerk.get('/api/visits/tekun_scattered/plans')).json<VisitPlansPage>().items;
    expect(after.find((p) => p.personId === withOthers)).toMatchObject({ riskName: '独居', intervalDays: 14 });
  });

  it('a rule names a category or a risk of the programme: neither, or an unknown one, is refused in Chinese', async () => {
    const neither = await admin.post(VALUES, {
      kind: KIND,
      countyCode: '',
      effectiveMonth: thisMonth,
      value: formValue(30, { rules: [{ days: 14 }] }),
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().details.fields).toEqual([
      { field: 'value', message: '分散供养特困人员探访周期：每条另设的间隔须选择类别或风险' },
    ]);
    const unknown = await admin.post(VALUES, {
      kind: KIND,
      countyCode: '',
      effectiveMonth: thisMonth,
      value: formValue(30, { rules: [{ risk: 'high', days: 14 }] }),
    });
    expect(unknown.json().details.fields).toEqual([
      { field: 'value', message: '分散供养特困人员探访周期：风险「high」不是本探访项目的风险' },
    ]);
  });
});
