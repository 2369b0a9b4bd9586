/**
 * The interval of 分散供养特困人员探访 on 救助标准 (docs/rules.md "Visits (探访)"): the city administrator
 * sees the shipped value in words as an example value, is told in Chinese what the platform's policy
 * service would refuse, enters a new city-wide value from next month, and sees it in the history as
 * 待生效 beside the value in force; then a rule by risk (独居) on the same month.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, newPage, useServerAndBrowser } from './support.js';
import { addMonths, monthLabel, monthOf, shanghaiToday } from '../src/shared/dates.js';

const e2e = useServerAndBrowser();
const password = 'Jining-Minzheng-2026';

/** The input inside a component that carries the test id (InputNumber, DatePicker, Select). */
const inputOf = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input').first();

describe('探访周期 on 救助标准', () => {
  it('the administrator enters a new visit interval from next month and sees it beside the one in force, then a shorter one for people living alone', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'admin', e2e.server.adminPassword, password);
    await page.goto(`${e2e.server.url}/assistance/standards`);
    const current = page.getByTestId('visit-frequency-current');
    await expect.poll(() => current.textContent(), { timeout: 15_000 }).toBe('全市：每 30 个自然日探访一次；到期前 7 天为临期（示例值）');

    // What the service refuses, the form says first, in the service's words.
    await inputOf(page, 'visit-frequency-days').fill('0');
    await page.getByTestId('visit-frequency-submit').click();
    await expect.poll(() => page.getByText('间隔至少 1 天').count()).toBe(1);

    await inputOf(page, 'visit-frequency-days').fill('20');
    await page.getByTestId('visit-frequency-submit').click();
    const next = monthLabel(addMonths(monthOf(shanghaiToday()), 1));
    await expect
      .poll(() => page.getByTestId('visit-frequency-saved').textContent(), { timeout: 10_000 })
      .toBe(`探访周期已保存：全市统一自${next}起每 20 个自然日探访一次；到期前 7 天为临期。探访名单的下次探访日期自该月起按新周期计算。`);
    await expect.poll(() => current.textContent()).toContain(`全市自${next}起：每 20 个自然日探访一次`);
    const history = page.getByTestId('visit-frequency-history');
    await expect.poll(() => history.locator('tbody tr').filter({ hasText: '待生效' }).textContent()).toContain('每 20 个自然日探访一次');
    expect(await history.locator('tbody tr').filter({ hasText: '现行' }).textContent()).toContain('示例值');

    // A rule by risk: people living alone (独居) every 14 days. A rule naming neither is refused first.
    await page.getByTestId('visit-frequency-add-rule').click();
    await inputOf(page, 'visit-frequency-rule-0-days').fill('14');
    await page.getByTestId('visit-frequency-submit').click();
    await expect.poll(() => page.getByText('每条另设的间隔须选择类别或风险').count()).toBe(1);
    await page.getByTestId('visit-frequency-rule-0-risk').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="独居"]').click();
    await page.getByTestId('visit-frequency-submit').click();
    await expect
      .poll(() => page.getByTestId('visit-frequency-saved').textContent(), { timeout: 10_000 })
      .toContain(`全市统一自${next}起每 20 个自然日探访一次；独居 14 个自然日；到期前 7 天为临期。`);
    await expect.poll(() => current.textContent()).toContain(`全市自${next}起：每 20 个自然日探访一次；独居 14 个自然日`);
    await page.close();
  });
});
