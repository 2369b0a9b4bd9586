/**
 * The banks' file formats through their routes: an administrator holding payments.bank_formats enters
 * and changes a bank's format (the version they saw, 409 when stale), audited with the format as saved;
 * every staff user (never a resident) reads the list with the default layout and the fields a column may hold; a format
 * that cannot be matched back (no 流水号) or names a field twice is a field error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { rows } from '../db/index.js';

let t: TestApp;
let admin: Client;
let county: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
});
afterAll(async () => t?.close());

const format = {
  name: '济宁农商银行',
  sheetName: '代发',
  columns: [
    { header: '账号', field: 'account' },
    { header: '户名', field: 'payeeName' },
    { header: '金额', field: 'amountYuan' },
    { header: '用途', field: 'constant', value: '救助金' },
    { header: '流水', field: 'lineNo' },
  ],
  result: { lineNo: '流水', result: '状态', reason: '说明', paid: '成功', failed: '失败' },
};

describe('bank file formats', () => {
  it('only an administrator enters a format; every logged-in user reads them with the default layout and the fields', async () => {
    expect((await county.post('/api/payments/bank-formats', format)).statusCode).toBe(403);
    const created = await admin.post('/api/payments/bank-formats', format);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ ...format, version: 1 });
    const list = (await county.get('/api/payments/bank-formats')).json();
    expect(list.items.map((f: { name: string }) => f.name)).toEqual(['济宁农商银行']);
    expect(list.defaultFormat.columns.map((c: { header: string }) => c.header)).toEqual([
      '流水号',
      '收款人',
      '身份证号',
      '开户银行',
      '银行账号',
      '金额（元）',
      '待遇类别',
      '所在村（社区）',
    ]);
    expect(list.fields.map((f: { code: string }) => f.code)).toContain('amountFen');
    expect((await admin.post('/api/payments/bank-formats', format)).json().details.fields[0]).toMatchObject({ field: 'name' });
  });

  it("a resident does not read the banks' formats (staff configuration): 403", async () => {
    const resident = await t.loginResident({ personId: 1, divisionCode: places.renchengVillageA });
    expect((await resident.get('/api/payments/bank-formats')).statusCode).toBe(403);
  });

  it('a change needs the version the administrator saw, and is audited with the format as saved', async () => {
    const [f] = (await admin.get('/api/payments/bank-formats')).json().items;
    const changed = { ...format, sheetName: '代发明细', version: f.version };
    const res = await admin.patch(`/api/payments/bank-formats/${f.id}`, changed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sheetName: '代发明细', version: 2 });
    const stale = await admin.patch(`/api/payments/bank-formats/${f.id}`, changed);
    expect(stale.statusCode).toBe(409);
    expect((await admin.patch('/api/payments/bank-formats/999999', changed)).statusCode).toBe(404);
    const audited = await rows<{ action: string; details: Record<string, unknown> }>(
      t.deps.database.db,
      sql`select action, details from audit_log where object_type = 'bank_format' order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual(['bank_format.create', 'bank_format.update']);
    expect(audited[1].details).toMatchObject({
      name: '济宁农商银行',
      sheetName: '代发明细',
      columns: [
        '账号 ← 银行账号',
        '户名 ← 收款人姓名',
        '金额 ← 金额（元，两位小数）',
        '用途 ← 固定值（每行相同，如 币种、用途）「救助金」',
        '流水 ← 流水号（名册编号-记录编号，回盘按它对账）',
      ],
      result: '流水、状态、说明（成功 / 失败）',
    });
  });

  it('a format without a 流水号 column, with a header twice or a fixed column without its value is a field error', async () => {
    const bad = await admin.post('/api/payments/bank-formats', {
      ...format,
      name: '某银行',
      columns: [
        { header: '账号', field: 'account' },
        { header: '账号', field: 'amountFen' },
        { header: '用途', field: 'constant' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.fields as { field: string; message: string }[];
    expect(fields.map((f) => [f.field, f.message.slice(f.message.indexOf('：') + 1)])).toEqual(
      expect.arrayContaining([
        ['columns.1.header', '列名「账号」重复'],
        ['columns.2.value', '请填写固定值'],
        ['columns', '须有“流水号”列：银行回盘按它对账'],
      ]),
    );
  });
});
