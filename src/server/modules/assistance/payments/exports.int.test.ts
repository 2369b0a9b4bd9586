/**
 * V5 through the real routes: a payee whose name is a formula (`=HYPERLINK(…)`, as a migrated
 * roster may hold) is written as text: in the bank file's CSV with a leading `'`, the amount
 * unchanged; in xlsx exports as a plain string cell, never a formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers, step } from '../testing.js';

const formula = '=HYPERLINK("http://x","y")';
let t: TestApp;
const { household, application, apply, toDecision } = caseHelpers(() => t);
let clerk: Client;
let county: Client;
let rollId = 0;

async function sheetOf(content: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as never);
  return wb.worksheets[0];
}

/** The cells of the sheet whose value mentions HYPERLINK, however stored. */
function formulaCells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (JSON.stringify(cell.value).includes('HYPERLINK')) out.push(cell);
    }),
  );
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  const approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  const countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  const h = await household(clerk, places.renchengVillageA, ['王五', '李六', '王七'], ['1950-03-01', '1952-05-05', '1990-01-01']);
  // Stored as a migrated roster may hold it, whatever the registry's form accepts today.
  await t.owner.execute(sql`update persons set name = ${formula} where id = ${h.members[0].id}`);
  const c = await apply(clerk, application(h));
  await toDecision(clerk, c.id);
  expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
  const start = await county.post('/api/payments/assistance/rolls', {
    countyCode: places.rencheng,
    month: addMonths(monthOf(shanghaiToday()), 1),
  });
  expect(start.statusCode, start.body).toBe(200);
  rollId = start.json().id;
  await t.deps.jobs.drain();
  expect((await countyApprover.post(`/api/payments/assistance/rolls/${rollId}/approve`)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('V5 formulas in exports', () => {
  it("V5 the bank file CSV starts a payee named =HYPERLINK(…) with ', and the amount stays 1572.00", async () => {
    const res = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const records = parseCsv(res.rawPayload, { bom: true }) as string[][];
    expect(records[0]).toEqual(['流水号', '收款人', '身份证号', '开户银行', '银行账号', '金额（元）', '救助类别', '所在村（社区）']);
    const line = records.find((r) => r[1].includes('HYPERLINK'))!;
    expect(line[1]).toBe(`'${formula}`);
    expect(line[5]).toBe('1572.00');
    expect(line[4]).toBe('6217001234567890123');
    expect(line[0]).toMatch(/^\d+-\d+$/);
    // No cell of the file starts with a character a spreadsheet reads as a formula.
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });

  it('V5 the bank file xlsx, the case list export and the persons export hold the name as a plain string cell, no formula', async () => {
    const exports = [
      await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=xlsx`),
      await clerk.get('/api/assistance/cases/export'),
      await clerk.get('/api/persons/export'),
    ];
    for (const res of exports) {
      expect(res.statusCode, res.body).toBe(200);
      const cells = formulaCells(await sheetOf(res.rawPayload));
      expect(cells).toHaveLength(1);
      expect(cells[0].value).toBe(formula);
      expect(cells[0].type).toBe(ExcelJS.ValueType.String);
      expect(cells[0].formula).toBeUndefined();
    }
  });
});
