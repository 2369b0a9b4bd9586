import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { rosterHeaders } from './roster.js';

let t: TestApp;
let clerk: Client;

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

async function workbook(rows: (string | number | null)[][], headers: string[] = [...rosterHeaders]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(content: Buffer, name = 'roster.xlsx') {
  const boundary = '----jimin' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function runImport(content: Buffer, mode: 'create' | 'update', key?: string) {
  const { payload, headers } = multipart(content);
  const res = await clerk.inject({ method: 'POST', url: `/api/imports/persons?mode=${mode}`, payload, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) } });
  if (res.statusCode !== 200) return { submit: res, job: null };
  await t.deps.jobs.drain();
  const job = await clerk.get(`/api/jobs/${res.json().jobId}`);
  return { submit: res, job: job.json() };
}

const id = (seq: number, birth = '1985-04-04') => generateResidentId({ addressCode: '370811', birthDate: birth, seq });
const row = (name: string, idNumber: string, village = places.renchengVillageA) => [name, idNumber, '13800001111', village, '农村', null, null, null, null];

describe('roster import (V4)', () => {
  it('loads every row of a valid roster in create mode', async () => {
    const rows = [row('赵一', id(1)), row('钱二', id(2)), row('孙三', id(3))];
    const { job } = await runImport(await workbook(rows), 'create');
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 3, errorCount: 0, errorFile: null });
    expect((await clerk.get(`/api/persons?idNumber=${id(2)}`)).json().items[0].name).toBe('钱二');
  });

  it('V4 a roster with bad rows among good ones imports nothing and reports every bad row', async () => {
    const rows = [
      row('周四', id(10)),
      row('吴五', id(11).slice(0, 17) + (id(11)[17] === '1' ? '2' : '1')),
      row('郑六', id(12), places.renchengVillageB),
      row('', id(13)),
      row('王七', id(10)),
    ];
    const { job } = await runImport(await workbook(rows), 'create');
    expect(job.status).toBe('failed');
    expect(job.error).toContain('未导入任何数据');
    expect(job.result.errorCount).toBe(4);
    expect((await clerk.get(`/api/persons?idNumber=${id(10)}`)).json().total).toBe(0);
    const report = await clerk.get(job.result.errorFile);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const errors = new Map<number, string>();
    ws.eachRow((r, n) => {
      if (n > 1) errors.set(Number(r.getCell(1).value), String(r.getCell(ws.columnCount).value));
    });
    expect(errors.get(3)).toMatch(/校验位/);
    expect(errors.get(4)).toMatch(/管辖范围/);
    expect(errors.get(5)).toMatch(/姓名/);
    expect(errors.get(6)).toMatch(/与第 2 行重复/);
  });

  it('a roster row whose name carries a zero-width space is reported in Chinese; a name with • is stored with ·', async () => {
    const bad = await runImport(await workbook([row('李\u200b四', id(40)), row('阿依•古丽', id(41))]), 'create');
    expect(bad.job.status).toBe('failed');
    expect(bad.job.result.errorCount).toBe(1);
    const report = await clerk.get(bad.job.result.errorFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(2).getCell(ws.columnCount).value)).toBe('姓名含有不可见字符（在“李”之后），请删除后重新输入');
    const ok = await runImport(await workbook([row('阿依•古丽', id(41))]), 'create');
    expect(ok.job.status).toBe('succeeded');
    expect((await clerk.get(`/api/persons?idNumber=${id(41)}`)).json().items[0].name).toBe('阿依·古丽');
  });

  it('V4 a wrong column set, a non-Excel file and a broken workbook get a clear 400', async () => {
    const wrong = await runImport(await workbook([['a', 'b']], ['名字', '号码']), 'create');
    expect(wrong.submit.statusCode).toBe(400);
    expect(wrong.submit.json().message).toContain('表头与模板不一致');
    const notExcel = await runImport(Buffer.from('name,id\n张三,1\n'), 'create');
    expect(notExcel.submit.statusCode).toBe(400);
    expect(notExcel.submit.json().details.fields[0]).toMatchObject({ field: 'file', message: expect.stringContaining('不是 Excel') });
    const good = await workbook([row('某', id(99))]);
    const broken = await runImport(good.subarray(0, Math.floor(good.length / 2)), 'create');
    expect(broken.submit.statusCode).toBe(400);
    expect(broken.submit.json().message).toMatch(/损坏|无法读取/);
  });

  it('create mode refuses registered people and update mode refuses unknown ones: never silently both', async () => {
    await runImport(await workbook([row('冯八', id(20))]), 'create');
    const again = await runImport(await workbook([row('冯八', id(20)), row('陈九', id(21))]), 'create');
    expect(again.job.result.errorCount).toBe(1);
    const update = await runImport(await workbook([row('冯八改', id(20)), row('陈九', id(21))]), 'update');
    expect(update.job.result.errorCount).toBe(1);
    const ok = await runImport(await workbook([row('冯八改', id(20))]), 'update');
    expect(ok.job.result).toMatchObject({ updated: 1 });
    expect((await clerk.get(`/api/persons?idNumber=${id(20)}`)).json().items[0].name).toBe('冯八改');
  });

  it('F3 the same submission with one idempotency key gives one job', async () => {
    const content = await workbook([row('褚十', id(30))]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => {
      const { payload, headers } = multipart(content);
      return clerk.inject({ method: 'POST', url: '/api/imports/persons?mode=create', payload, headers: { ...headers, 'idempotency-key': 'same-key-1' } });
    }));
    const ids = new Set(answers.map((a) => a.json().jobId));
    expect(ids.size).toBe(1);
  });

  it('the template downloads with the Chinese headers', async () => {
    const res = await clerk.get('/api/imports/persons/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...rosterHeaders]);
  });
});

describe('exports', () => {
  it('exports the filtered list as xlsx with masked ID numbers, and audits one row', async () => {
    const res = await clerk.get('/api/persons/export?name=' + encodeURIComponent('赵'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(2).value).toBe('赵一');
    expect(String(ws.getRow(2).getCell(5).value)).toBe(`${id(1).slice(0, 6)}********${id(1).slice(14)}`);
  });
});
