/**
 * Browser-test support: starts the real server (`src/server/main.ts`) on a free loopback port with a
 * fresh data directory, reads the administrator's one-time password from its output, and drives
 * Debian's chromium with playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export interface Server {
  url: string;
  dataDir: string;
  adminPassword: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string; keepData?: boolean } = {}): Promise<Server> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'jimin-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', JIMIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!/已启动/.test(out)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() - started > 120_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // Printed on a first start only.
  const password = out.match(/一次性密码[^\n]*\n\s+(\S+)/)?.[1] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    adminPassword: password,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The server and the browser of one test file: started before its tests, stopped after them (a
 * file's own hooks, registered after this call, run after the start and before the stop). A test
 * may restart the server (`e2e.server = await startServer(…, { dataDir: e2e.server.dataDir })`);
 * with `keepData` the data folder outlives restarts and goes at the end.
 */
export function useServerAndBrowser(env: Record<string, string> = {}, opts: { keepData?: boolean } = {}) {
  const e2e = { server: undefined as unknown as Server, browser: undefined as unknown as Browser };
  beforeAll(async () => {
    e2e.server = await startServer(env, opts);
    e2e.browser = await launchBrowser();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
    if (opts.keepData && e2e.server?.dataDir) rmSync(e2e.server.dataDir, { recursive: true, force: true });
  });
  return e2e;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  return context.newPage();
}

/** Logs in through the login page; with `newPassword`, a first login's forced change too. */
export async function logIn(page: Page, url: string, username: string, password: string, newPassword?: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (newPassword) {
    await page.waitForURL(/change-password/);
    await page.getByTestId('old-password').fill(password);
    await page.getByTestId('new-password').fill(newPassword);
    await page.getByTestId('confirm-password').fill(newPassword);
    await page.getByTestId('change-password-submit').click();
  }
  await page.waitForURL(`${url}/`);
}

/** JSON requests from the page (its session and its Origin); anything but 2xx throws with the answer. */
export function call(page: Page, method: string, url: string, body?: object): Promise<unknown> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: b ? { 'content-type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : undefined,
      });
      if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    [method, url, body ?? null] as const,
  );
}

/** A step of an assistance case through the API, at the version the case has now. */
export async function caseAction(page: Page, caseId: number, action: string, body: object = {}) {
  const { version } = (await call(page, 'GET', `/api/assistance/cases/${caseId}`)) as { version: number };
  await call(page, 'POST', `/api/assistance/cases/${caseId}/actions/${action}`, { version, ...body });
}

/**
 * A one-person 低保 application by the logged-in township clerk of 许庄街道: a new household in its
 * village 370811002001 (urban hukou), no income, the applicant's bank account; the case's id.
 */
export async function dibaoApplication(
  page: Page,
  p: { name: string; idNumber: string; address: string; bankAccount: string },
): Promise<{ caseId: number; personId: number }> {
  const h = (await call(page, 'POST', '/api/households', {
    divisionCode: '370811002001',
    address: p.address,
    members: [{ relation: 'head', person: { name: p.name, idNumber: p.idNumber, hukouDivisionCode: '370811002001', hukouType: 'urban' } }],
  })) as { id: number; members: { id: number }[] };
  const personId = h.members[0].id;
  const c = (await call(page, 'POST', '/api/assistance/cases', {
    category: 'dibao',
    householdId: h.id,
    applicantPersonId: personId,
    members: [{ personId, covered: true, incomes: [] }],
    assets: { depositsFen: 0, vehicles: 0, extraHouses: 0 },
    reason: '独居，无固定收入',
    commitmentSigned: true,
    checkAuthorised: true,
    bankName: '济宁银行任城支行',
    bankAccount: p.bankAccount,
  })) as { id: number };
  return { caseId: c.id, personId };
}

/** A JSON request from the page (its session and its Origin) that answers with the status, for tests of refusals. */
export async function request<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, url, body] as const,
  ) as Promise<{ status: number; body: T }>;
}
