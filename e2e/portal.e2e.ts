/**
 * The resident portal for the elderly (适老化, issue 10), in the browser: every portal page — home,
 * 申请救助 (for a registered household and for one that is not), 我的申请, 公示, sign-up, and the
 * resident login where it is the portal's own, 志愿服务 — at 375 × 812 and 1366 × 768, in the normal mode and
 * in 长辈版, measured: the computed font size of every visible text node (≥ 16 px, 长辈版 ≥ 18 px), the
 * contrast of its colour against its effective background (≥ 4.5, 长辈版 ≥ 7), the box of every
 * visible button, link and input (长辈版 ≥ 44 × 44 px), and no horizontal scroll, neither of the page nor
 * of a part of it (the application form's members are cards on a phone). The 长辈版 switch is
 * remembered after a reload.
 * On the way, a resident whose household is not registered signs up choosing their 户籍地, applies
 * for 急难型临时救助 through the portal form with their household, and sees it in 我的申请; the
 * township clerk sees the proposed household on the case page, accepts it (the household is
 * registered), and confirms the resident's 户籍地 on the person page; once the case is approved, 我的申请
 * says so in whole sentences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { logIn, request, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { shanghaiToday } from '../src/shared/dates.js';
const contexts: BrowserContext[] = [];
/**
 * Signed in as: the administrator (outbox), the township clerk, resident 甲 (household with benefits),
 * resident 乙 (no household), nobody.
 */
let admin: Page;
let clerk: Page;
let withHousehold: Page;
let without: Page;
let anonymous: Page;
let caseId = 0;

const ids = {
  head: generateResidentId({ addressCode: '370811', birthDate: '1944-02-18', seq: 611 }),
  spouse: generateResidentId({ addressCode: '370811', birthDate: '1946-06-30', seq: 622 }),
  newcomer: generateResidentId({ addressCode: '370811', birthDate: '1951-09-09', seq: 633 }),
  newcomerSpouse: generateResidentId({ addressCode: '370811', birthDate: '1949-12-01', seq: 644 }),
};
const passwords = { admin: 'Jining-Minzheng-2026', clerk: 'Xuzhuang-Clerk-2026', resident: 'Resident-Pass-2026' };
const ELDER_KEY = 'jimin.portal.elder';
/** With E2E_SCREENSHOTS set to a folder, each measured page is also saved there as a full-page screenshot. */
const shots = process.env.E2E_SCREENSHOTS;

async function freshPage(viewport = { width: 375, height: 812 }): Promise<Page> {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
  contexts.push(context);
  return context.newPage();
}

/** The code of the latest SMS in the outbox (the administrator reads it). */
async function latestCode(): Promise<string> {
  const outbox = await request<{ items: { body: string }[] }>(admin, 'GET', '/api/outbox');
  return outbox.body.items[0].body.match(/\d{6}/)![0];
}

/**
 * Chooses an option of an antd Select. A select the previous choice enables (乡镇 after 县) is a div
 * whose disabled state is a class, which Playwright's click does not wait for: wait until it is enabled.
 */
async function pickOption(page: Page, testId: string, title: string) {
  const select = page.getByTestId(testId);
  await expect.poll(async () => (await select.getAttribute('class')) ?? '').not.toContain('ant-select-disabled');
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

const inputOf = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input').first();

const e2e = useServerAndBrowser();
beforeAll(async () => {
  admin = await freshPage({ width: 1366, height: 768 });
  await logIn(admin, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
  const made = await request<{ initialPassword: string }>(admin, 'POST', '/api/users', {
    username: 'xuzhuang01',
    displayName: '许庄街道经办员',
    roles: ['township_clerk'],
    divisionCode: '370811002',
  });
  clerk = await freshPage({ width: 1366, height: 768 });
  await logIn(clerk, e2e.server.url, 'xuzhuang01', made.body.initialPassword, passwords.clerk);

  // Resident 甲: a registered household of two with benefits, signed up through the API.
  const household = await request<{ members: { id: number; name: string }[] }>(clerk, 'POST', '/api/households', {
    divisionCode: '370811002001',
    address: '航运新村 6 号楼 2 单元 302',
    members: [
      { relation: 'head', person: { name: '张玉兰', idNumber: ids.head, hukouDivisionCode: '370811002001', hukouType: 'urban' } },
      { relation: 'spouse', person: { name: '王德福', idNumber: ids.spouse, hukouDivisionCode: '370811002001', hukouType: 'urban' } },
    ],
  });
  expect(household.status).toBe(200);
  for (const b of [
    {
      personId: household.body.members[0].id,
      type: 'dibao',
      monthlyAmountFen: 92400,
      startMonth: '2026-01',
      source: 'manual',
      note: '按月发放至社保卡',
    },
    {
      personId: household.body.members[1].id,
      type: 'pension',
      monthlyAmountFen: 15600,
      startMonth: '2020-07',
      endMonth: '2025-12',
      source: 'agency',
      note: '城乡居民基础养老金',
    },
  ])
    expect((await request(clerk, 'POST', '/api/benefits', b)).status).toBe(200);
  withHousehold = await freshPage();
  await withHousehold.goto(`${e2e.server.url}/portal/signup`);
  const start = await request<{ signupId: string }>(withHousehold, 'POST', '/api/portal/signup', {
    name: '张玉兰',
    idNumber: ids.head,
    phone: '13805370611',
    password: passwords.resident,
    hukouDivisionCode: '370811002001',
    hukouType: 'urban',
  });
  expect(start.status).toBe(200);
  expect(
    (await request(withHousehold, 'POST', '/api/portal/signup/confirm', { signupId: start.body.signupId, code: await latestCode() }))
      .status,
  ).toBe(200);

  without = await freshPage();
  anonymous = await freshPage();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

describe('the resident portal', () => {
  it('a resident not in the registry signs up choosing the 户籍地, applies for 急难型临时救助 with the household, and sees it in 我的申请', async () => {
    const page = without;
    await page.goto(`${e2e.server.url}/portal/signup`);
    await page.getByTestId('signup-name').fill('刘桂芳');
    await page.getByTestId('signup-idNumber').fill(ids.newcomer);
    await page.getByTestId('signup-phone').fill('13905370633');
    await pickOption(page, 'signup-hukou-county', '任城区');
    await pickOption(page, 'signup-hukou-township', '许庄街道');
    await pickOption(page, 'signup-hukou-village', '航运新村居委会');
    await page.getByTestId('signup-hukouType').getByText('农村').click();
    await page.getByTestId('signup-password').fill(passwords.resident);
    await page.getByTestId('signup-confirm-password').fill(passwords.resident);
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('signup-code').waitFor();
    await page.getByTestId('signup-code').fill(await latestCode());
    await page.getByTestId('signup-confirm').click();
    await page.waitForURL(`${e2e.server.url}/portal`);
    await page.getByTestId('portal-hukou-unverified').waitFor();
    expect(await page.getByTestId('portal-person').textContent()).toContain('航运新村居委会');

    await page.getByTestId('portal-apply').click();
    await page.getByTestId('portal-category').getByText('临时救助', { exact: true }).click();
    await page.getByTestId('portal-new-household').waitFor();
    expect(await page.getByTestId('household-member-0').textContent()).toContain('本人：刘桂芳');
    await page.getByTestId('household-address').fill('航运新村 9 号楼 1 单元 101');
    await page.getByTestId('household-member-add').click();
    await page.getByTestId('household-member-1-name').fill('陈守义');
    await page.getByTestId('household-member-1-idNumber').fill(ids.newcomerSpouse);
    await pickOption(page, 'household-member-1-relation', '配偶');
    await expect
      .poll(() => page.locator('[data-testid^="member-"][data-testid$="-name"]').allTextContents())
      .toEqual(['刘桂芳 户主', '陈守义 配偶']);
    await page.getByTestId('apply-temporaryType').getByText('急难型').click();
    await inputOf(page, 'apply-requestedAmount').fill('2000');
    await page.getByTestId('apply-reason').fill('家中失火，房屋和家具烧毁，暂无住处');
    await page.getByTestId('apply-bankName').fill('济宁银行任城支行');
    await page.getByTestId('apply-bankAccount').fill('6217001234567000633');
    await page.getByTestId('apply-commitment').check();
    await page.getByTestId('apply-checkAuthorised').check();
    await page.getByTestId('portal-apply-submit').click();
    await page.waitForURL(`${e2e.server.url}/portal/assistance`);
    const mine = page.getByTestId('my-case');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('临时救助');
    expect(await page.getByTestId('case-status').textContent()).toBe('待受理');
    await page.getByTestId('my-case-household-proposed').waitFor();
    const cases = await request<{ items: { id: number; applicantName: string }[] }>(clerk, 'GET', '/api/assistance/cases');
    caseId = cases.body.items.find((c) => c.applicantName === '刘桂芳')!.id;
    expect(caseId).toBeGreaterThan(0);
  });

  it('remembers 长辈版 on the device after a reload, and takes it back off', async () => {
    const page = withHousehold;
    await page.goto(`${e2e.server.url}/portal`);
    await page.getByTestId('portal-person').waitFor();
    expect(await page.getByTestId('portal-root').getAttribute('data-elder')).toBe('off');
    await page.getByTestId('elder-toggle').click();
    expect(await page.getByTestId('portal-root').getAttribute('data-elder')).toBe('on');
    expect(await page.evaluate((k) => localStorage.getItem(k), ELDER_KEY)).toBe('1');
    await page.reload();
    await page.getByTestId('portal-person').waitFor();
    expect(await page.getByTestId('portal-root').getAttribute('data-elder')).toBe('on');
    expect(await page.getByTestId('elder-toggle').getAttribute('aria-checked')).toBe('true');
    expect(
      await page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('[data-testid="portal-person"] .ant-descriptions-item-content')!).fontSize),
      ),
    ).toBeGreaterThanOrEqual(18);
    // Another page of the portal, and the public pages, in the same mode.
    await page.getByTestId('portal-menu').getByText('我的申请').click();
    await page.waitForURL(/\/portal\/assistance$/);
    expect(await page.getByTestId('portal-root').getAttribute('data-elder')).toBe('on');
    await page.getByTestId('elder-toggle').click();
    await page.reload();
    await page.getByTestId('portal-root').waitFor();
    expect(await page.getByTestId('portal-root').getAttribute('data-elder')).toBe('off');
  });

  for (const viewport of [
    { width: 375, height: 812 },
    { width: 1366, height: 768 },
  ]) {
    for (const elder of [false, true]) {
      it(`every portal page at ${viewport.width} × ${viewport.height}${elder ? ' in 长辈版' : ''}: text ≥ ${elder ? 18 : 16} px, contrast ≥ ${elder ? 7 : 4.5}${elder ? ', tap targets ≥ 44 × 44' : ''}, no horizontal scroll`, async () => {
        const problems: string[] = [];
        for (const page of [withHousehold, without, anonymous]) {
          await page.setViewportSize(viewport);
          await page.goto(`${e2e.server.url}/notices`);
          await page.evaluate(([k, v]) => localStorage.setItem(k, v), [ELDER_KEY, elder ? '1' : '0'] as const);
        }
        const visit = async (page: Page, who: string, path: string, ready: string, then?: () => Promise<void>) => {
          await page.goto(`${e2e.server.url}${path}`);
          await page.getByTestId(ready).first().waitFor();
          await then?.();
          expect(await page.getByTestId('portal-root').getAttribute('data-elder'), `${who} ${path}`).toBe(elder ? 'on' : 'off');
          // Fonts and antd's styles settle; the wave effects of a click end.
          await page.waitForTimeout(300);
          if (shots)
            await page.screenshot({
              path: `${shots}/portal-${viewport.width}${elder ? '-elder' : ''}-${who}${path.replace(/[/?=]/g, '_')}.png`,
              fullPage: true,
            });
          const m = await page.evaluate(measure, { minFont: elder ? 18 : 16, minContrast: elder ? 7 : 4.5, minTarget: elder ? 44 : 0 });
          problems.push(...m.map((p) => `${who} ${path}: ${p}`));
        };
        const chooseTemporary = (page: Page, form: string) => async () => {
          await page.getByTestId('portal-category').getByText('临时救助', { exact: true }).click();
          await page.getByTestId(form).waitFor();
          await page.getByTestId('apply-temporaryType').getByText('急难型').click();
        };
        await visit(withHousehold, '甲', '/portal', 'benefit-row');
        await visit(withHousehold, '甲', '/portal/assistance/apply', 'portal-category', chooseTemporary(withHousehold, 'member-0-name'));
        await visit(withHousehold, '甲', '/portal/assistance', 'portal-menu');
        await visit(withHousehold, '甲', '/portal/volunteer', 'portal-volunteer-register');
        await visit(without, '乙', '/portal', 'portal-hukou-unverified');
        await visit(without, '乙', '/portal/assistance/apply', 'portal-category', chooseTemporary(without, 'portal-new-household'));
        await visit(without, '乙', '/portal/assistance', 'my-case');
        await visit(anonymous, '访客', '/portal/signup', 'signup-card');
        await visit(anonymous, '访客', '/notices', 'notices-table');
        await visit(anonymous, '访客', '/notices?divisionCode=370811002001', 'notices-table');
        await visit(anonymous, '访客', '/portal/login', 'portal-login');
        expect(problems, problems.slice(0, 40).join('\n')).toEqual([]);
      });
    }
  }

  it("the clerk sees the proposed household on the case page, accepts it, and the household is registered; then confirms the resident's 户籍地", async () => {
    const page = clerk;
    await page.goto(`${e2e.server.url}/assistance/cases/${caseId}`);
    const proposed = page.getByTestId('case-proposed-household');
    await proposed.waitFor();
    expect(await proposed.textContent()).toContain('航运新村 9 号楼 1 单元 101');
    expect(await page.getByTestId('proposed-member').allTextContents()).toEqual([
      expect.stringContaining('刘桂芳'),
      expect.stringContaining('陈守义'),
    ]);
    expect(await proposed.textContent()).not.toContain(ids.newcomerSpouse);
    await page.getByTestId('action-accept').click();
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => page.getByTestId('case-status').first().textContent(), { timeout: 10_000 }).toBe('已受理（待核对）');
    await expect.poll(() => proposed.count()).toBe(0);
    expect(await page.getByTestId('case-members').textContent()).toContain('陈守义');

    const found = await request<{ items: { id: number; hukouUnverified: boolean; householdId: number | null }[] }>(
      page,
      'GET',
      `/api/persons?name=${encodeURIComponent('刘桂芳')}`,
    );
    expect(found.body.items).toEqual([expect.objectContaining({ hukouUnverified: true, householdId: expect.any(Number) })]);
    await page.goto(`${e2e.server.url}/persons`);
    await page.getByTestId('filter-name').fill('刘桂芳');
    await page.getByTestId('filter-name').press('Enter');
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(1);
    await page.getByTestId('person-row').getByTestId('hukou-unverified').waitFor();
    await page.goto(`${e2e.server.url}/persons/${found.body.items[0].id}`);
    await page.getByTestId('hukou-unverified').waitFor();
    await page.getByTestId('confirm-hukou').click();
    await page.getByTestId('confirm-hukou-confirm').click();
    await expect.poll(() => page.getByTestId('hukou-unverified').count()).toBe(0);

    // The resident's own page: the household registered, the 户籍地 confirmed.
    await without.setViewportSize({ width: 375, height: 812 });
    await without.goto(`${e2e.server.url}/portal`);
    await without.getByTestId('portal-member').first().waitFor();
    expect(await without.getByTestId('portal-member').count()).toBe(2);
    expect(await without.getByTestId('portal-hukou-unverified').count()).toBe(0);
  });

  it('an approved application says so on 我的申请 in whole sentences: the status 已批准, then 您的申请已批准。 and how it is paid', async () => {
    const act = async (page: Page, action: string, body: Record<string, unknown> = {}) => {
      const c = await request<{ version: number }>(page, 'GET', `/api/assistance/cases/${caseId}`);
      const r = await request(page, 'POST', `/api/assistance/cases/${caseId}/actions/${action}`, { version: c.body.version, ...body });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    // 先行救助 by the township, the visit after it, and the paperwork approved by a second clerk (not who accepted or visited).
    await act(clerk, 'pay_first', { data: { amountFen: 200000 } });
    await act(clerk, 'record_followup_visit', {
      data: {
        visitDate: shanghaiToday(),
        investigators: ['赵敏', '钱进'],
        findings: { housing: '房屋烧毁，借住亲戚家', livingConditions: '家具尽毁', income: '无固定收入' },
        signed: true,
      },
    });
    const made = await request<{ initialPassword: string }>(admin, 'POST', '/api/users', {
      username: 'xuzhuang02',
      displayName: '许庄街道审核员',
      roles: ['township_clerk'],
      divisionCode: '370811002',
    });
    const second = await freshPage({ width: 1366, height: 768 });
    await logIn(second, e2e.server.url, 'xuzhuang02', made.body.initialPassword, 'Xuzhuang-Second-2026');
    await act(second, 'complete_paperwork');

    for (const viewport of [
      { width: 375, height: 812 },
      { width: 1366, height: 768 },
    ]) {
      await without.setViewportSize(viewport);
      await without.goto(`${e2e.server.url}/portal/assistance`);
      const item = without.getByTestId('my-case').first();
      await item.getByTestId('my-case-approved').waitFor();
      expect(await item.getByTestId('case-status').textContent()).toBe('已批准');
      expect(await item.getByTestId('my-case-approved').textContent()).toBe('您的申请已批准。临时救助金一次性发放到您的银行账户。');
    }
  });
});

/**
 * Runs in the page: every visible text node's font size and contrast against the background it is
 * drawn on (the ancestors' background colours composited, with the text's own alpha and the
 * ancestors' opacity), every visible control's box, and the horizontal scroll. Disabled controls are
 * left out of contrast and targets (WCAG 1.4.3 exempts inactive components).
 */
function measure({ minFont, minContrast, minTarget }: { minFont: number; minContrast: number; minTarget: number }): string[] {
  type RGBA = { r: number; g: number; b: number; a: number };
  const parse = (c: string): RGBA => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return { r: 0, g: 0, b: 0, a: 0 };
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p[3] ?? 1 };
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el: Element): RGBA => {
    const layers: RGBA[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    return layers.reverse().reduce((bg, l) => over(l, bg), { r: 255, g: 255, b: 255, a: 1 });
  };
  const opacity = (el: Element) => {
    let o = 1;
    for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c: RGBA) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const inactive = (el: Element) =>
    Boolean(
      el.closest(
        '[disabled], [aria-disabled="true"], .ant-select-disabled, .ant-btn-disabled, .ant-checkbox-wrapper-disabled, .ant-radio-wrapper-disabled, .ant-radio-button-wrapper-disabled, .ant-input-disabled',
      ),
    );
  const shown = (el: Element) => {
    const s = getComputedStyle(el);
    return s.visibility === 'visible' && s.display !== 'none' && opacity(el) > 0.05;
  };
  const problems: string[] = [];
  const root = document.querySelector('[data-testid="portal-root"]') ?? document.body;

  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').trim();
    const el = n.parentElement;
    if (!text || !el || !shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const label = `「${text.slice(0, 16)}」`;
    if (size < minFont) problems.push(`${label} ${size}px < ${minFont}px`);
    if (inactive(el)) continue;
    const bg = background(el);
    const fg = parse(s.color);
    const drawn = over({ ...fg, a: fg.a * opacity(el) }, bg);
    const r = ratio(drawn, bg);
    if (r < minContrast) problems.push(`${label} contrast ${r.toFixed(2)} < ${minContrast} (${s.color} on rgb(${bg.r}, ${bg.g}, ${bg.b}))`);
  }

  if (minTarget) {
    const controls = root.querySelectorAll(
      'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [role="switch"], [role="checkbox"], [role="radio"], [role="combobox"], [role="tab"], [role="menuitem"]',
    );
    const wrappers =
      '.ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper, .portal-elder-toggle, .ant-select, .ant-cascader, .ant-picker, .ant-input-number, .ant-input-number-affix-wrapper, .ant-input-affix-wrapper, .ant-input-number-group-wrapper';
    for (const c of controls) {
      if (!shown(c) || inactive(c)) continue;
      const own = c.getBoundingClientRect();
      if (own.width < 1 && own.height < 1 && !c.closest(wrappers)) continue;
      // The tap target: the control, or the label or box it sits in (an antd checkbox's input is the box's size; its label takes the tap).
      let best = own;
      for (let e: Element | null = c.parentElement; e && e !== root; e = e.parentElement) {
        if (e.matches(wrappers)) {
          const r = e.getBoundingClientRect();
          if (r.width * r.height > best.width * best.height) best = r;
        }
      }
      if (best.width < 1 || best.height < 1) continue;
      if (Math.round(best.width) < minTarget || Math.round(best.height) < minTarget) {
        const name = (c.getAttribute('aria-label') ?? c.textContent ?? c.getAttribute('data-testid') ?? c.tagName).trim().slice(0, 16);
        problems.push(
          `target 「${name}」 ${c.tagName.toLowerCase()} ${Math.round(best.width)} × ${Math.round(best.height)}` +
            ` < ${minTarget} × ${minTarget}`,
        );
      }
    }
  }

  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) problems.push(`horizontal scroll: ${doc.scrollWidth} > ${doc.clientWidth}`);
  // Nor a part of the page that scrolls sideways on its own (a wide table inside its card).
  for (const el of root.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1 && shown(el)) {
      const where = `${el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''} .${String(el.className).split(' ')[0]}`;
      problems.push(`scrolls sideways inside ${where}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return problems;
}
