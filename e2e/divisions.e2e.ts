/**
 * 区划变更 with its second person (docs/rules.md "Dated divisions (区划变更)"): one city administrator
 * records a change, sees it 待复核 with no 复核 button of their own (and 作废 offered); a second
 * administrator 复核通过 on the page and the change, dated today, takes effect (已生效), the steps
 * naming both; a change recorded in error is 退回 by the second one and another 作废 by its recorder,
 * each with its reason. The page does not scroll sideways at 1366 px nor at 375 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, logIn, newPage, useServerAndBrowser } from './support.js';
import { addMonths, monthOf, shanghaiToday } from '../src/shared/dates.js';

const e2e = useServerAndBrowser();
const passwords = { admin: 'Jining-Minzheng-2026', second: 'Jining-Fuhe-2026' };
const today = shanghaiToday();
const later = `${addMonths(monthOf(today), 6)}-01`;

const record = (page: Page, body: object) =>
  call(page, 'POST', '/api/divisions/changes', { documentNo: '鲁政字〔2026〕18号', reason: '行政区划调整', ...body }) as Promise<{
    id: number;
    status: string;
  }>;

const row = (page: Page, text: string) => page.getByTestId('division-change-row').filter({ hasText: text });

async function noSidewaysScroll(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await page.waitForTimeout(300);
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `scrollWidth at ${width} px`).toBeLessThanOrEqual(client);
}

/** Opens the step's dialog on the row, gives the reason where one is asked, confirms. */
async function step(page: Page, text: string, testId: string, reason?: string) {
  await row(page, text).getByTestId(testId).click();
  if (reason) await page.getByTestId('division-change-step-reason').fill(reason);
  await page.getByTestId('division-change-step-confirm').click();
}

describe('区划变更: 登记, 复核 by a second administrator, 退回 and 作废', () => {
  it('the recorder cannot review; the second administrator’s 复核通过 applies it; 退回 and 作废 with a reason', async () => {
    const admin = await newPage(e2e.browser);
    await logIn(admin, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
    const { initialPassword } = (await call(admin, 'POST', '/api/users', {
      username: 'fuhe01',
      displayName: '复核管理员',
      roles: ['city_admin'],
      divisionCode: '3708',
    })) as { initialPassword: string };
    // 汶上县南旺镇 renamed today; 泗水县's first town and 梁山县's first town renamed later (to be withdrawn).
    const renamed = await record(admin, { kind: 'rename', code: '370830102', newName: '南旺新镇', effectiveDate: today });
    expect(renamed.status).toBe('pending_review');
    const [sishui, liangshan] = await Promise.all(
      ['370831', '370832'].map(
        async (c) => ((await call(admin, 'GET', `/api/divisions/children?parent=${c}`)) as { code: string; name: string }[])[0],
      ),
    );
    await record(admin, { kind: 'rename', code: sishui.code, newName: '退回测试', effectiveDate: later });

    await admin.goto(`${e2e.server.url}/admin/division-changes`);
    const mine = row(admin, '南旺新镇');
    await expect.poll(() => mine.getByTestId('division-change-status').textContent(), { timeout: 15_000 }).toBe('待复核');
    expect(await mine.getByTestId('division-change-review').count()).toBe(0);
    expect(await mine.getByText('待他人复核').count()).toBe(1);
    expect(await mine.getByTestId('division-change-cancel').count()).toBe(1);
    await noSidewaysScroll(admin, 1366);
    await noSidewaysScroll(admin, 375);
    await admin.setViewportSize({ width: 1400, height: 900 });

    const second = await newPage(e2e.browser);
    await logIn(second, e2e.server.url, 'fuhe01', initialPassword, passwords.second);
    await second.goto(`${e2e.server.url}/admin/division-changes`);
    await expect.poll(() => row(second, '南旺新镇').getByTestId('division-change-review').count(), { timeout: 15_000 }).toBe(1);
    await step(second, '南旺新镇', 'division-change-review');
    await expect
      .poll(() => row(second, '南旺新镇').getByTestId('division-change-status').textContent(), { timeout: 20_000 })
      .toBe('已生效');
    // The history names who recorded and who reviewed.
    await row(second, '南旺新镇').locator('.ant-table-row-expand-icon').click();
    const steps = second.getByTestId('division-change-step');
    await expect
      .poll(() => steps.allTextContents())
      .toEqual([
        expect.stringMatching(/^登记：/),
        expect.stringMatching(/^复核通过：复核管理员/),
        expect.stringMatching(/^生效（改码）：系统/),
      ]);
    expect(await row(second, '南旺新镇').getByTestId('division-change-cancel').count()).toBe(0);

    // 退回 with its reason: 已作废, the reason shown.
    await step(second, '退回测试', 'division-change-return', '文号与批复不符');
    await expect
      .poll(() => row(second, '退回测试').getByTestId('division-change-status').textContent(), { timeout: 10_000 })
      .toBe('已作废');
    await row(second, '退回测试').locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => second.getByText('原因：文号与批复不符').count()).toBe(1);

    // The recorder withdraws a change recorded in error.
    await record(admin, { kind: 'rename', code: liangshan.code, newName: '作废测试', effectiveDate: later });
    await admin.reload();
    await expect.poll(() => row(admin, '作废测试').getByTestId('division-change-cancel').count(), { timeout: 15_000 }).toBe(1);
    await step(admin, '作废测试', 'division-change-cancel', '登记有误');
    await expect.poll(() => row(admin, '作废测试').getByTestId('division-change-status').textContent(), { timeout: 10_000 }).toBe('已作废');
    // The status filter lists the new statuses.
    await admin.goto(`${e2e.server.url}/admin/division-changes?status=cancelled`);
    await expect.poll(() => admin.getByTestId('division-change-row').count(), { timeout: 15_000 }).toBe(2);
    await admin.close();
    await second.close();
  });
});
