/**
 * Operating the platform: a restart keeps the data and prints no new password; a lost administrator
 * password is reset from the console and must be changed at the next login.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { launchBrowser, newPage, startServer } from './support.js';

let dataDir = '';
afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('operating the platform', () => {
  it('a restart keeps the data; a console password reset forces a change at the next login', async () => {
    const first = await startServer({}, { keepData: true });
    dataDir = first.dataDir;
    expect(first.adminPassword).not.toBe('');
    await first.stop();

    const { DATABASE_URL: _embedded, ...env } = process.env;
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/reset-password-cli.ts', 'admin'], {
      env: { ...env, JIMIN_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    const password = out.match(/一次性密码[^\n]*\n\s+(\S+)/)![1];

    const again = await startServer({}, { dataDir, keepData: true });
    try {
      expect(again.adminPassword).toBe('');
      expect(again.output()).not.toContain('已生成演示数据');
      const browser = await launchBrowser();
      const page = await newPage(browser);
      await page.goto(`${again.url}/login`);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/change-password/);
      await browser.close();
    } finally {
      await again.stop();
    }
  });
});
