/**
 * Every date a user, a document or an export shows is the Beijing date (docs/rules.md "Dates"), also
 * between 00:00 and 08:00 Beijing time, when the UTC date is still the day before. The server runs
 * with TZ=UTC and its clock at 2026-12-01T17:30:00Z (= 2026-12-02 01:30 +08:00), through a module
 * preloaded by this test only (production never loads it; the embedded database takes its time
 * from the same clock); the browser runs in UTC with the same fixed time. A clerk applies at the
 * window: the case list, the case export, the visit form's default date and the 申请审批表 all say
 * 2026-12-02. Eight days later (公示 over), the 批准通知书 says 于2026年12月2日提出 and is dated
 * 2026年12月10日.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { call, caseAction, dibaoApplication, logIn, startServer, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { pdfText } from '../src/server/platform/pdf/pdf-text.testing.js';

const AT = Date.parse('2026-12-01T17:30:00Z');
const DAY_MS = 86_400_000;

/** Preloaded into the server: `new Date()` and `Date.now()` run from `at`, as time passes. */
const clockAt = (at: number) =>
  `data:text/javascript,${encodeURIComponent(`
    const Real = Date; const shift = ${at} - Real.now();
    globalThis.Date = new Proxy(Real, {
      construct: (t, args, nt) => Reflect.construct(t, args.length ? args : [Real.now() + shift], nt),
      apply: () => new Real(Real.now() + shift).toString(),
      get: (t, p, r) => (p === 'now' ? () => Real.now() + shift : Reflect.get(t, p, r)),
    });`)}`;
const serverAt = (at: number) => ({ TZ: 'UTC', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${clockAt(at)}`.trim() });
let dataDir = '';
const passwords = { admin: 'Jining-Minzheng-2026', clerk: 'Xuzhuang-Clerk-2026', approver: 'Xuzhuang-Approver-2026' };
const initial = { clerk: '', approver: '' };
const idNumber = generateResidentId({ addressCode: '370811', birthDate: '1960-06-06', seq: 515 });
let caseId = 0;

const e2e = useServerAndBrowser(serverAt(AT), { keepData: true });
beforeAll(() => {
  dataDir = e2e.server.dataDir;
});

/** A browser in UTC whose clock stands at `at`. */
async function utcPage(at: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'UTC',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  await context.clock.setFixedTime(new Date(at));
  return { context, page: await context.newPage() };
}

/** Logs in on the current server (a first login changes the password). */
const login = (page: Page, username: string, password: string, newPassword?: string) =>
  logIn(page, e2e.server.url, username, password, newPassword);

const act = (page: Page, action: string, body: object = {}) => caseAction(page, caseId, action, body);

async function pdf(page: Page, url: string): Promise<string> {
  const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), url);
  return pdfText(Buffer.from(bytes));
}

describe('Beijing dates at 01:30 Beijing time (17:30 UTC the day before)', () => {
  it('the case list, the export, the visit form and the 申请审批表 show the Beijing date of the application', async () => {
    const { context, page } = await utcPage(AT + 60_000);
    await login(page, 'admin', e2e.server.adminPassword, passwords.admin);
    const make = (body: object) => call(page, 'POST', '/api/users', body) as Promise<{ initialPassword: string }>;
    initial.clerk = (
      await make({ username: 'xz-clerk', displayName: '许庄街道经办员', roles: ['township_clerk'], divisionCode: '370811002' })
    ).initialPassword;
    initial.approver = (
      await make({ username: 'xz-approver', displayName: '许庄街道审批人', roles: ['township_clerk'], divisionCode: '370811002' })
    ).initialPassword;
    await context.clearCookies();

    await login(page, 'xz-clerk', initial.clerk, passwords.clerk);
    const made = await dibaoApplication(page, {
      name: '刘守业',
      idNumber,
      address: '航运新村 5 号楼 302',
      bankAccount: '6217001234567890789',
    });
    caseId = made.caseId;
    await act(page, 'request_check');
    await act(page, 'complete_check', { data: { override: true }, reason: '部门回复未到，经研究先行入户调查' });

    // The visit form proposes today, Beijing.
    await page.goto(`${e2e.server.url}/assistance/cases/${caseId}`);
    await page.getByTestId('action-record_visit').click();
    await page.getByTestId('action-confirm').waitFor();
    expect(await page.locator('[data-testid="visit-date"]').locator('xpath=descendant-or-self::input').first().inputValue()).toBe(
      '2026-12-02',
    );
    await page.keyboard.press('Escape');

    await page.goto(`${e2e.server.url}/assistance/cases`);
    await expect.poll(() => page.getByTestId('case-row').first().textContent()).toContain('2026-12-02');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cases-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(String(sheet.getRow(2).getCell(header.indexOf('申请日期')).value)).toBe('2026-12-02');

    const form = await pdf(page, `/api/assistance/cases/${caseId}/print/application`);
    expect(form).toContain('2026年12月2日');
    expect(form).not.toContain('2026年12月1日');

    const visit = {
      visitDate: '2026-12-02',
      investigators: ['赵敏', '钱进'],
      findings: { housing: '公房一间', livingConditions: '独居', income: '无收入' },
      signed: true,
    };
    await act(page, 'record_visit', { data: visit });
    await act(page, 'township_agree');
    await context.close();
  });

  it('eight days later the 批准通知书 names the application date and is dated on the Beijing day of the decision', async () => {
    await e2e.server.stop();
    const later = AT + 8 * DAY_MS; // 2026-12-09T17:30Z = 2026-12-10 01:30 +08:00; the 公示 ended at the start
    e2e.server = await startServer(serverAt(later), { dataDir, keepData: true });
    const { context, page } = await utcPage(later + 60_000);
    await login(page, 'xz-approver', initial.approver, passwords.approver);
    await expect
      .poll(async () => ((await call(page, 'GET', `/api/assistance/cases/${caseId}`)) as { status: string }).status, { timeout: 15_000 })
      .toBe('awaiting_decision');
    await act(page, 'approve');
    const notice = await pdf(page, `/api/assistance/cases/${caseId}/print/approval`);
    expect(notice).toContain('于2026年12月2日提出');
    expect(notice).toContain('2026年12月10日');
    expect(notice).toContain('许庄街道办事处');
    await context.close();
  });
});
