/**
 * The 补差/就高 rules (src/shared/benefit-rules.ts, docs/rules.md "The benefit ledger") where social
 * assistance writes today: the registry's ledger refuses a 特困 record for a child who takes a child
 * allowance (the allowance replaces the support), and the application form never prefills a child
 * allowance as 低保 income. The children's module will apply the rest when it records the allowances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers } from '../testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
const month = monthOf(shanghaiToday());
const { household, application, apply, step, toDecision } = caseHelpers(() => t, 700);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

async function recordBenefit(personId: number, type: string, monthlyAmountFen: number) {
  const res = await clerk.post('/api/benefits', { personId, type, monthlyAmountFen, startMonth: month });
  expect(res.statusCode, res.body).toBe(200);
}

describe('child allowances beside social assistance', () => {
  it('child_allowance_replaces_tekun: a 特困 approval for a child taking 孤儿基本生活费 is refused, naming the child and the rule', async () => {
    const h = await household(clerk, places.renchengVillageA, ['孤小明'], ['2016-04-01']);
    const child = h.members[0].id;
    await recordBenefit(child, 'orphan', 184800);
    const c = await apply(
      clerk,
      application(h, {
        category: 'tekun',
        members: [{ personId: child, covered: true, incomes: [] }],
        selfCareUnable: [],
        hasAbleSupporter: false,
      }),
    );
    await toDecision(clerk, c.id);
    const res = await step(approver, c.id, 'approve');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toBe(
      '孤小明 正在享受孤儿基本生活费：领取孤儿、事实无人抚养儿童基本生活费的未成年人不再享受特困供养（就高，基本生活费替代供养），' +
        '不能再登记特困供养，请先办理原待遇的调整或停发',
    );
  });

  it('child_allowance_not_dibao_income: the 低保 form prefills a pension as income, never the child allowance', async () => {
    const h = await household(clerk, places.renchengVillageA, ['王奶奶', '王爷爷', '王小丫'], ['1950-01-01', '1949-01-01', '2017-02-02']);
    await recordBenefit(h.members[0].id, 'pension', 20000);
    await recordBenefit(h.members[2].id, 'unsupported_child', 184800);
    const res = await clerk.get(`/api/assistance/prefill?householdId=${h.id}&category=dibao`);
    expect(res.statusCode, res.body).toBe(200);
    const incomes = res.json<{ members: { personId: number; incomes: { kind: string; monthlyFen: number }[] }[] }>().members;
    expect(incomes.map((m) => [m.personId, m.incomes])).toEqual([
      [h.members[0].id, [{ kind: 'pension', monthlyFen: 20000 }]],
      [h.members[1].id, []],
      [h.members[2].id, []],
    ]);
  });
});
