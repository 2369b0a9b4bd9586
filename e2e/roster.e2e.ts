/**
 * 花名册导入 in the browser (issue 10): the template comes with the user's division codes, and a
 * roster with two bad rows — an ID number Excel stored as a number, a 残疾类别 without its 等级 —
 * shows both rows' messages on the page, not only in the error report.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { logIn, newPage, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
const password = 'Roster-Import-Clerk-9';

const e2e = useServerAndBrowser();

const headers = ['姓名', '身份证号', '联系电话', '户籍区划代码', '城乡类别', '残疾类别', '残疾等级', '现居住区划代码', '健康状况'];
const village = '370811002003'; // 颂运水庭社区居民委员会

describe('roster import in the browser', () => {
  it('the template downloads with the ID column as text and a sheet of division codes', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'admin', e2e.server.adminPassword, password);
    await page.goto(`${e2e.server.url}/imports`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('人员花名册模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getColumn(2).numFmt).toBe('@');
    const codes: string[] = [];
    wb.getWorksheet('区划代码')!.eachRow((r, n) => n > 1 && codes.push(String(r.getCell(1).value)));
    expect(codes).toContain(village);
    await page.close();
  });

  it('a roster with two bad rows shows both rows and their messages on the page', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员花名册');
    ws.addRow(headers);
    ws.addRow([
      '陈晓东',
      generateResidentId({ addressCode: '370811', birthDate: '1980-02-02', seq: 101 }),
      null,
      village,
      '城镇',
      null,
      null,
      null,
      null,
    ]);
    // Typed into a General cell: Excel keeps 15 digits of 370811196604127310.
    ws.addRow(['陈晓南', Number('3.70811196604127E+17'), null, village, '城镇', null, null, null, null]);
    ws.addRow([
      '陈晓西',
      generateResidentId({ addressCode: '370811', birthDate: '1982-03-03', seq: 103 }),
      null,
      village,
      '城镇',
      '肢体',
      null,
      null,
      null,
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'jimin-e2e-roster-')), '花名册.xlsx');
    await wb.xlsx.writeFile(file);

    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'admin', password);
    await page.goto(`${e2e.server.url}/imports`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toContain('未导入任何数据');
    const table = page.getByTestId('import-row-errors');
    await table.waitFor();
    const rows = table.getByTestId('import-row-error');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').first().textContent()).toBe('第 3 行');
    expect(await rows.nth(0).getByTestId('import-row-error-message').textContent()).toBe(
      '身份证号被保存为数字，末几位已丢失，请将该列设为文本后重新填写',
    );
    expect(await rows.nth(1).locator('td').first().textContent()).toBe('第 4 行');
    expect(await rows.nth(1).getByTestId('import-row-error-message').textContent()).toContain('填写了残疾类别，请同时填写残疾等级');
    await page.getByTestId('import-error-report').waitFor();
    await page.close();
  });
});
