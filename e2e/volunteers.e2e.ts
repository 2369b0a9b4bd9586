/**
 * 志愿服务 in the browser: a resident whose household is in the registry signs up, opens 志愿服务 on a
 * 375 × 812 phone, registers as a volunteer under their real name (choosing categories and times, the
 * residence pre-filled from the registry) and sees their volunteer number, with no sideways scroll;
 * the township clerk finds them in the volunteers list by name and opens their record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { logIn, request, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';

const contexts: BrowserContext[] = [];
let admin: Page;
let clerk: Page;
let resident: Page;
const idNumber = generateResidentId({ addressCode: '370811', birthDate: '1992-04-16', seq: 717 });
const passwords = { admin: 'Jining-Minzheng-2026', clerk: 'Xuzhuang-Clerk-2026', resident: 'Resident-Pass-2026' };

async function freshPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
  contexts.push(context);
  return context.newPage();
}

const e2e = useServerAndBrowser();
beforeAll(async () => {
  admin = await freshPage();
  await logIn(admin, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
  const made = await request<{ initialPassword: string }>(admin, 'POST', '/api/users', {
    username: 'xuzhuang_vol',
    displayName: '许庄街道经办员',
    roles: ['township_clerk'],
    divisionCode: '370811002',
  });
  clerk = await freshPage();
  await logIn(clerk, e2e.server.url, 'xuzhuang_vol', made.body.initialPassword, passwords.clerk);
  const household = await request(clerk, 'POST', '/api/households', {
    divisionCode: '370811002001',
    address: '航运新村 3 号楼 1 单元 201',
    members: [{ relation: 'head', person: { name: '孙志远', idNumber, hukouDivisionCode: '370811002001', hukouType: 'urban' } }],
  });
  expect(household.status).toBe(200);

  resident = await freshPage({ width: 375, height: 812 });
  await resident.goto(`${e2e.server.url}/portal/signup`);
  const start = await request<{ signupId: string }>(resident, 'POST', '/api/portal/signup', {
    name: '孙志远',
    idNumber,
    phone: '13805370717',
    password: passwords.resident,
    hukouDivisionCode: '370811002001',
    hukouType: 'urban',
  });
  expect(start.status).toBe(200);
  const outbox = await request<{ items: { body: string }[] }>(admin, 'GET', '/api/outbox');
  const code = outbox.body.items[0].body.match(/\d{6}/)![0];
  expect((await request(resident, 'POST', '/api/portal/signup/confirm', { signupId: start.body.signupId, code })).status).toBe(200);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

describe('志愿服务', () => {
  let volunteerNo = '';

  it('a resident registers on a 375 px phone from the portal and sees their volunteer number', async () => {
    const page = resident;
    await page.goto(`${e2e.server.url}/portal`);
    await page.getByTestId('portal-menu').getByText('志愿服务').click();
    await page.waitForURL(`${e2e.server.url}/portal/volunteer`);
    const form = page.getByTestId('portal-volunteer-register');
    await form.waitFor();
    expect(await form.textContent()).toContain('孙志远');
    await page.getByTestId('portal-volunteer-categories').getByText('社区服务').click();
    await page.getByTestId('portal-volunteer-categories').getByText('扶老助残').click();
    await page.getByTestId('portal-volunteer-times').getByText('周末').click();
    // The residence comes from the registry (一数一源): the village is already chosen.
    expect(await page.getByTestId('portal-volunteer-division-village').textContent()).toContain('航运新村居委会');
    await page.getByTestId('portal-volunteer-submit').click();
    const number = page.getByTestId('portal-volunteer-no');
    await number.waitFor();
    volunteerNo = (await number.textContent())!.trim();
    expect(volunteerNo).toMatch(/^ZY\d{10}$/);
    expect(volunteerNo).not.toContain(idNumber.slice(-6));
    expect(await page.getByTestId('portal-volunteer').textContent()).toContain('社区服务、扶老助残');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
    // Opened again, the page shows the number, not the form.
    await page.reload();
    await page.getByTestId('portal-volunteer-no').waitFor();
    expect(await page.getByTestId('portal-volunteer-register').count()).toBe(0);
  });

  it('the township clerk finds the resident in the volunteers list and opens the record', async () => {
    const page = clerk;
    await page.goto(`${e2e.server.url}/volunteers`);
    await page.getByTestId('volunteer-filter-name').locator('xpath=descendant-or-self::input').first().fill('孙志');
    await page.getByTestId('filter-submit').click();
    const row = page.getByTestId('volunteer-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(volunteerNo);
    expect(await row.textContent()).toContain('居民门户自助注册');
    await row.getByText(volunteerNo).click();
    await page.waitForURL(/\/volunteers\/\d+$/);
    await page.getByText('办理记录').waitFor();
    expect(await page.locator('.page-title').textContent()).toBe('志愿者：孙志远');
  });
});
