/**
 * Social assistance's bank file in a bank's own format (docs/bank-files.md): the county chooses the
 * format an administrator configured, the file has that bank's columns, and the bank's result file
 * is read with its headers and words; without a choice the file is the default layout as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers, upload } from '../testing.js';

let t: TestApp;
let county: Client;
let admin: Client;
let rollId = 0;
let formatId = 0;
const { household, application, apply, step, toDecision } = caseHelpers(() => t, 980);
const month = addMonths(monthOf(shanghaiToday()), 1);

beforeAll(async () => {
  t = await startTestApp();
  const clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  const approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  const countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  const c = await apply(clerk, application(await household(clerk, places.renchengVillageA, ['乔一', '乔二', '乔三'])));
  await toDecision(clerk, c.id);
  expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
  const started = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month });
  rollId = started.json().id;
  await t.deps.jobs.drain();
  expect((await countyApprover.post(`/api/payments/assistance/rolls/${rollId}/approve`)).statusCode).toBe(200);
  const format = await admin.post('/api/payments/bank-formats', {
    name: '中国邮政储蓄银行济宁分行',
    sheetName: '批量代发',
    columns: [
      { header: '序列', field: 'lineNo' },
      { header: '收款账号', field: 'account' },
      { header: '收款户名', field: 'payeeName' },
      { header: '金额（分）', field: 'amountFen' },
      { header: '附言', field: 'constant', value: '社会救助金' },
    ],
    result: { lineNo: '序列', result: '交易状态', reason: '失败原因', paid: 'S', failed: 'F' },
  });
  expect(format.statusCode, format.body).toBe(200);
  formatId = format.json().id;
});
afterAll(async () => t?.close());

describe('bank formats in social assistance', () => {
  it('the bank file in a bank’s format has its columns; the result file is read with its headers and words; a format 停用 makes no new file but still reads its result', async () => {
    const res = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv&bankFormat=${formatId}`);
    expect(res.statusCode, res.body).toBe(200);
    const records = parseCsv(res.rawPayload, { bom: true }) as string[][];
    expect(records).toEqual([
      ['序列', '收款账号', '收款户名', '金额（分）', '附言'],
      [expect.stringMatching(new RegExp(`^${rollId}-\\d+$`)), '6217001234567890123', '乔一', '157200', '社会救助金'],
    ]);
    // The default layout, without a choice: the same file as before there were formats.
    const plain = parseCsv((await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`)).rawPayload, { bom: true });
    expect((plain as string[][])[0]).toEqual([
      '流水号',
      '收款人',
      '身份证号',
      '开户银行',
      '银行账号',
      '金额（元）',
      '救助类别',
      '所在村（社区）',
    ]);

    const lineNo = records[1][0];
    const wrong = await upload(
      county,
      `/api/payments/assistance/rolls/${rollId}/bank-result?bankFormat=${formatId}`,
      '回盘.csv',
      `流水号,结果,失败原因\n${lineNo},成功,\n`,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('表头应依次为「序列、交易状态、失败原因」');
    // 停用 after the file went to the bank: no new file in that format, while its result file still imports.
    const version = (await admin.get('/api/payments/bank-formats')).json().items[0].version as number;
    const retired = await admin.post(`/api/payments/bank-formats/${formatId}/retire`, { version });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().retiredAt).not.toBeNull();
    expect((await admin.post(`/api/payments/bank-formats/${formatId}/retire`, { version })).json().message).toBe(
      '代发格式已被他人修改，请刷新后重试',
    );
    const refused = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv&bankFormat=${formatId}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.fields).toEqual([
      { field: 'bankFormat', message: '「中国邮政储蓄银行济宁分行」的代发格式已停用，请选择其他格式' },
    ]);
    const ok = await upload(
      county,
      `/api/payments/assistance/rolls/${rollId}/bank-result?bankFormat=${formatId}`,
      '回盘.csv',
      `序列,交易状态,失败原因\n${lineNo},S,\n`,
    );
    expect(ok.json()).toEqual({ paid: 1, failed: 0 });
    const paid = (await county.get(`/api/payments/assistance/rolls/${rollId}/lines?paymentStatus=paid`)).json();
    expect(paid.total).toBe(1);
    // 启用 again: the format makes files as before; the audit log reads both steps.
    const restored = await admin.post(`/api/payments/bank-formats/${formatId}/restore`, { version: version + 1 });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().retiredAt).toBeNull();
    expect((await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv&bankFormat=${formatId}`)).statusCode).toBe(200);
    expect((await admin.post(`/api/payments/bank-formats/${formatId}/restore`, { version: version + 2 })).json().message).toBe(
      '「中国邮政储蓄银行济宁分行」的代发格式未停用',
    );
    expect((await county.post(`/api/payments/bank-formats/${formatId}/retire`, { version: version + 2 })).statusCode).toBe(403);
  });
});
