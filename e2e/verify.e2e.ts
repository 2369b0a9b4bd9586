/**
 * A verifiable 批准通知书 (docs/verifiable-documents.md), in the browser: a township clerk walks a
 * 低保 case to its 公示 through the API; the 7-day 公示 passes by restarting the server on the same
 * data with its clock 8 days ahead (a preload module that shifts Date, as e2e/dates.e2e.ts does);
 * a second clerk of the township approves and downloads the 批准通知书. Its first page is rendered to
 * PNG with pdftoppm (poppler-utils), the QR decoded with jsQR, and the address it carries opened
 * without a login on a 375 × 812 phone: 有效, the masked name, the 文号 and the issuer, with no
 * sideways scroll. The same code with one character changed reads 无法验证. Last, the township's clerk,
 * signed in, revokes the notice on that page with a reason, and it reads 已撤销 with the date.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { call, caseAction, dibaoApplication, logIn, startServer, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { pdfText } from '../src/server/platform/pdf/pdf-text.testing.js';

const DAY_MS = 86_400_000;
/** Preloaded into the server: `new Date()` and `Date.now()` run `shift` ms ahead. */
const clockAhead = (shift: number) =>
  `data:text/javascript,${encodeURIComponent(`
    const Real = Date; const shift = ${shift};
    globalThis.Date = new Proxy(Real, {
      construct: (t, args, nt) => Reflect.construct(t, args.length ? args : [Real.now() + shift], nt),
      apply: () => new Real(Real.now() + shift).toString(),
      get: (t, p, r) => (p === 'now' ? () => Real.now() + shift : Reflect.get(t, p, r)),
    });`)}`;
const ahead = (shift: number) => ({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${clockAhead(shift)}`.trim() });

const passwords = { admin: 'Jining-Minzheng-2026', clerk: 'Tangkou-Clerk-2026', approver: 'Tangkou-Approver-2026' };
const initial = { clerk: '', approver: '' };
const idNumber = generateResidentId({ addressCode: '370811', birthDate: '1958-03-08', seq: 733 });
const slow = { timeout: 15_000 };
let caseId = 0;
/** The address the notice's QR carries, decoded in the second test. */
const revoke = { url: '' };

const e2e = useServerAndBrowser({}, { keepData: true });

async function desktop(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } });
  return { context, page: await context.newPage() };
}

const act = (page: Page, action: string, body: object = {}) => caseAction(page, caseId, action, body);

/** The QR of the PDF's first page: rendered by pdftoppm at 150 dpi, decoded by jsQR. */
function qrOfFirstPage(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'jimin-verify-'));
  try {
    writeFileSync(join(dir, 'notice.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', join(dir, 'notice.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    if (!found) throw new Error('no QR found on page 1');
    return found.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A phone, no login: the page at `url`, and whether it scrolls sideways. */
async function onPhone(url: string) {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('verify-status').waitFor(slow);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  return { context, page, sideways };
}

describe('a verifiable 批准通知书', () => {
  it('a clerk walks a 低保 case to its 公示', async () => {
    const { context, page } = await desktop();
    await logIn(page, e2e.server.url, 'admin', e2e.server.adminPassword, passwords.admin);
    const make = (body: object) => call(page, 'POST', '/api/users', body) as Promise<{ initialPassword: string }>;
    initial.clerk = (
      await make({ username: 'tk-clerk', displayName: '许庄街道经办员甲', roles: ['township_clerk'], divisionCode: '370811002' })
    ).initialPassword;
    initial.approver = (
      await make({ username: 'tk-approver', displayName: '许庄街道经办员乙', roles: ['township_clerk'], divisionCode: '370811002' })
    ).initialPassword;
    await context.clearCookies();

    await logIn(page, e2e.server.url, 'tk-clerk', initial.clerk, passwords.clerk);
    const made = await dibaoApplication(page, {
      name: '孔繁荣',
      idNumber,
      address: '航运新村 7 号楼 101',
      bankAccount: '6217001234567890733',
    });
    caseId = made.caseId;
    await act(page, 'request_check');
    await act(page, 'complete_check', { data: { override: true }, reason: '部门回复未到，经研究先行入户调查' });
    await act(page, 'record_visit', {
      data: {
        visitDate: new Date().toISOString().slice(0, 10),
        investigators: ['赵敏', '钱进'],
        findings: { housing: '公房一间', livingConditions: '独居', income: '无收入' },
        signed: true,
      },
    });
    await act(page, 'township_agree');
    await context.close();
  });

  it("the notice's QR, decoded from the rendered PDF, opens 有效 with the masked name on a 375 px phone; one changed character reads 无法验证", async () => {
    const dataDir = e2e.server.dataDir;
    await e2e.server.stop();
    e2e.server = await startServer(ahead(8 * DAY_MS), { dataDir, keepData: true });
    const { context, page } = await desktop();
    await logIn(page, e2e.server.url, 'tk-approver', initial.approver, passwords.approver);
    await expect
      .poll(async () => ((await call(page, 'GET', `/api/assistance/cases/${caseId}`)) as { status: string }).status, slow)
      .toBe('awaiting_decision');
    await act(page, 'approve');
    const bytes = await page.evaluate(
      async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())),
      `/api/assistance/cases/${caseId}/print/approval`,
    );
    const pdf = Buffer.from(bytes);
    const text = await pdfText(pdf);
    expect(text).toContain(`扫码或访问${e2e.server.url}/verify输入编码核验`);
    const caseNo = ((await call(page, 'GET', `/api/assistance/cases/${caseId}`)) as { caseNo: string }).caseNo;
    await context.close();

    const url = qrOfFirstPage(pdf);
    const code = url.slice(`${e2e.server.url}/verify/`.length);
    expect(url).toBe(`${e2e.server.url}/verify/${code}`);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{112}$/);
    expect(text).toContain(`核验编码：${code}`);

    const phone = await onPhone(url);
    expect(await phone.page.getByTestId('verify-status').textContent()).toBe('有效');
    expect(await phone.page.getByTestId('verify-holder').textContent()).toBe('孔**');
    expect(await phone.page.getByTestId('verify-title').textContent()).toBe('批准通知书');
    expect(await phone.page.getByTestId('verify-number').textContent()).toBe(caseNo);
    expect(await phone.page.getByTestId('verify-issuer').textContent()).toContain('办事处');
    expect(await phone.page.getByTestId('verify-document').textContent()).not.toContain('孔繁荣');
    expect(phone.sideways).toBe(false);
    await phone.page.screenshot({ path: join(tmpdir(), 'jimin-verify-valid.png') }).catch(() => undefined);
    await phone.context.close();

    const i = 40;
    const other = code[i] === 'Z' ? 'Y' : 'Z';
    const changed = await onPhone(`${e2e.server.url}/verify/${code.slice(0, i)}${other}${code.slice(i + 1)}`);
    expect(await changed.page.getByTestId('verify-status').textContent()).toBe('无法验证');
    expect(await changed.page.getByTestId('verify-message').textContent()).toContain('无法验证');
    expect(await changed.page.getByTestId('verify-document').count()).toBe(0);
    expect(changed.sideways).toBe(false);

    // Typed by hand from the paper (groups of 8 with spaces), the code reads 有效 again.
    await changed.page.getByTestId('verify-input').fill(code.replace(/(.{8})(?=.)/g, '$1 '));
    await changed.page.getByTestId('verify-submit').click();
    await expect.poll(() => changed.page.getByTestId('verify-status').textContent(), slow).toBe('有效');
    await changed.context.close();
    revoke.url = url;
  });

  it('a clerk of the issuing township revokes the notice on the same page, with a reason; it then reads 已撤销 with the date', async () => {
    const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await logIn(page, e2e.server.url, 'tk-clerk', passwords.clerk);
    await page.goto(revoke.url);
    await page.getByTestId('verify-revoke-open').click();
    await page.getByTestId('verify-revoke-reason').fill('通知书内容有误，已重新出具');
    await page.getByTestId('verify-revoke').click();
    await expect.poll(() => page.getByTestId('verify-status').textContent(), slow).toBe('已撤销');
    const revokedOn = await page.getByTestId('verify-revoked-on').textContent();
    expect(revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByTestId('verify-message').textContent()).toContain('此文书不再有效');
    expect(await page.getByTestId('verify-holder').textContent()).toBe('孔**');
    expect(await page.getByTestId('verify-revoke-open').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    await context.close();
  });
});
