/**
 * 探访 on a phone (375×812): a township worker opens 我的探访, sees the 分散供养 特困 person assigned to
 * them as 超期, records the visit with the phone form (situation, needs, a photo), and the person leaves
 * the overdue list; neither page scrolls sideways. The demo city's 特困 roster is 分散供养 from its start
 * month, so its people are overdue on a first start; the administrator creates the worker and assigns
 * them one person (through the API, as the pages would).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, newPage, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();
const passwords = { admin: 'Jining-Minzheng-2026', worker: 'Tanfang-Worker-2026' };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The document is no wider than the screen (the staff menu folded away, as on a phone). */
async function noSidewaysScroll(page: Page, what: string) {
  const menu = await page
    .locator('.app-sider')
    .evaluate((e) => e.getBoundingClientRect().width)
    .catch(() => 0);
  if (menu > 0) await page.addStyleTag({ content: '.app-sider { display: none !important; }' });
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${what} is ${scroll} px wide in ${client} px`).toBeLessThanOrEqual(client);
}

describe('探访 on a phone', () => {
  it('a township worker records a visit from 我的探访 and the person leaves the overdue list', async () => {
    const admin = await newPage(e2e.browser);
    await logIn(admin, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
    const made = await admin.evaluate(async () => {
      const json = async (r: Response) => {
        if (!r.ok) throw new Error(`${r.url}: ${await r.text()}`);
        return r.json();
      };
      const post = (url: string, body: object) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
      const overdue = await fetch('/api/visits/tekun_scattered/plans?state=overdue&pageSize=1').then(json);
      const person = overdue.items[0] as { personId: number; name: string; divisionCode: string };
      const worker = await post('/api/users', {
        username: 'tanfang01',
        displayName: '探访员小李',
        roles: ['township_clerk'],
        divisionCode: person.divisionCode.slice(0, 9),
      });
      await post(`/api/visits/tekun_scattered/persons/${person.personId}/assign`, { workerUserId: worker.user.id });
      return { person, password: worker.initialPassword as string };
    });
    await admin.close();

    const page = await newPage(e2e.browser);
    await page.setViewportSize({ width: 375, height: 812 });
    await logIn(page, e2e.server.url, 'tanfang01', made.password, passwords.worker);
    await page.goto(`${e2e.server.url}/visits/mine`);
    const card = page.getByTestId(`mine-person-${made.person.personId}`);
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => card.getByTestId('plan-state').textContent()).toMatch(/^超期 \d+ 天$/);
    await expect.poll(() => page.getByTestId('mine-overdue').textContent()).toContain('1');
    await noSidewaysScroll(page, '我的探访');

    await page.getByTestId(`record-${made.person.personId}`).click();
    await expect.poll(() => page.getByTestId('visit-person-name').textContent(), { timeout: 10_000 }).toBe(made.person.name);
    await noSidewaysScroll(page, '登记探访');
    const submit = await page.getByTestId('visit-submit').boundingBox();
    expect(submit!.height).toBeGreaterThanOrEqual(44);
    await page.getByTestId('visit-situation').fill('老人身体状况良好，家中整洁，米面油充足');
    await page.getByTestId('visit-needs').fill('冬季取暖');
    await page.getByTestId('visit-photo-input').setInputFiles({ name: '门口.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('visit-photos').textContent()).toContain('门口.png');
    await page.getByTestId('visit-submit').click();

    await page.waitForURL(/\/visits\/mine$/);
    await expect.poll(() => card.getByTestId('plan-state').textContent(), { timeout: 10_000 }).toMatch(/^未到期/);
    await expect.poll(() => page.getByTestId('mine-overdue').textContent()).toContain('0');
    await page.getByTestId('mine-filter').getByText('超期').click();
    await expect.poll(() => page.getByText('没有超期的探访对象。').count()).toBe(1);
    expect(await card.count()).toBe(0);
    await noSidewaysScroll(page, '我的探访（登记后）');
    await page.close();
  });
});
