import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/index.js';
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
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function runImport(content: Buffer, mode: 'create' | 'update', key?: string) {
  const { payload, headers } = multipart(content);
  const res = await clerk.inject({
    method: 'POST',
    url: `/api/imports/persons?mode=${mode}`,
    payload,
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
  });
  if (res.statusCode !== 200) return { submit: res, job: null };
  await t.deps.jobs.drain();
  const job = await clerk.get(`/api/jobs/${res.json().jobId}`);
  return { submit: res, job: job.json() };
}

const id = (seq: number, birth = '1985-04-04') => generateResidentId({ addressCode: '370811', birthDate: birth, seq });
const row = (name: string, idNumber: string, village = places.renchengVillageA) => [
  name,
  idNumber,
  '13800001111',
  village,
  '农村',
  null,
  null,
  null,
  null,
];

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
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => {
        const { payload, headers } = multipart(content);
        return clerk.inject({
          method: 'POST',
          url: '/api/imports/persons?mode=create',
          payload,
          headers: { ...headers, 'idempotency-key': 'same-key-1' },
        });
      }),
    );
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

describe('roster import: what Excel does to a roster (issue 10)', () => {
  const col = (header: (typeof rosterHeaders)[number]) => rosterHeaders.indexOf(header) + 1;
  const errorsOf = (job: { result: { rowErrors: { row: number; message: string }[] } }) =>
    new Map(job.result.rowErrors.map((e) => [e.row, e.message]));

  it('an ID number Excel stored as a number is reported as such, not as a wrong check digit', async () => {
    // 370811196604127310 typed into a General cell: Excel keeps 15 digits, 3.70811196604127E+17.
    const lost = Number('3.70811196604127E+17');
    const { job } = await runImport(await workbook([row('张一', id(50)), row('李二', lost as unknown as string)]), 'create');
    expect(job.status).toBe('failed');
    expect(job.result.errorCount).toBe(1);
    const message = errorsOf(job).get(3)!;
    expect(message).toBe('身份证号被保存为数字，末几位已丢失，请将该列设为文本后重新填写');
    expect(message).not.toMatch(/校验位/);
    // The report says the same, and shows the digits Excel kept (not the binary value's …126976).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await clerk.get(job.result.errorFile)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(2).getCell(ws.columnCount).value)).toContain('身份证号被保存为数字');
    expect(String(ws.getRow(2).getCell(1 + col('身份证号')).value)).toBe('370811196604127000');
  });

  it('a CSV roster with an ID number in scientific notation or ending in 000 gets the same message', async () => {
    const good = id(51);
    const csv = [
      rosterHeaders.join(','),
      `王一,${good},,${places.renchengVillageA},城镇,,,,`,
      `王二,3.70811E+17,,${places.renchengVillageA},城镇,,,,`,
      `王三,370811196604127000,,${places.renchengVillageA},城镇,,,,`,
    ].join('\n');
    const { payload, headers } = multipart(Buffer.from(csv), 'roster.csv');
    const res = await clerk.inject({ method: 'POST', url: '/api/imports/persons?mode=create', payload, headers });
    expect(res.statusCode).toBe(200);
    await t.deps.jobs.drain();
    const job = (await clerk.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.status).toBe('failed');
    expect(job.result.errorCount).toBe(2);
    expect(errorsOf(job).get(3)).toContain('身份证号被保存为数字');
    expect(errorsOf(job).get(4)).toContain('身份证号被保存为数字');
  });

  it('a 残疾类别 without 残疾等级, or the reverse, is a row error; every row error is in the job result', async () => {
    const withType = [...row('赵甲', id(52))];
    withType[col('残疾类别') - 1] = '肢体';
    const withGrade: (string | number | null)[] = [...row('赵乙', id(53))];
    withGrade[col('残疾等级') - 1] = 2;
    const both: (string | number | null)[] = [...row('赵丙', id(54))];
    both[col('残疾类别') - 1] = '视力';
    both[col('残疾等级') - 1] = 1;
    const { job } = await runImport(await workbook([withType, withGrade, both]), 'create');
    expect(job.status).toBe('failed');
    expect(job.result.errorCount).toBe(2);
    expect(job.result.rowErrors).toEqual([
      { row: 2, message: expect.stringContaining('请同时填写残疾等级') },
      { row: 3, message: expect.stringContaining('请同时填写残疾类别') },
    ]);
  });

  it('a row without 城乡类别 is refused naming the field', async () => {
    const noType = [...row('钱甲', id(55))];
    noType[col('城乡类别') - 1] = null;
    const { job } = await runImport(await workbook([noType]), 'create');
    expect(errorsOf(job).get(2)).toContain('城乡类别为必填项');
  });

  it('the job result carries the first 100 row errors; the report has them all', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`孙${i}`, id(200 + i), places.renchengVillageB));
    const { job } = await runImport(await workbook(rows), 'create');
    expect(job.result.errorCount).toBe(120);
    expect(job.result.rowErrors).toHaveLength(100);
    expect(job.result.rowErrors[0]).toEqual({ row: 2, message: expect.stringContaining('管辖范围') });
  });

  it('the template sets the ID column as text, offers the accepted code lists and lists only the user’s villages', async () => {
    const res = await clerk.get('/api/imports/persons/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getColumn(col('身份证号')).numFmt).toBe('@');
    expect(ws.getRow(2).getCell(col('身份证号')).numFmt).toBe('@');
    expect(ws.getRow(5000).getCell(col('身份证号')).numFmt).toBe('@');
    expect(ws.getColumn(col('户籍区划代码')).numFmt).toBe('@');
    expect(ws.getColumn(col('姓名')).numFmt).toBeUndefined();
    const listOf = (header: (typeof rosterHeaders)[number], rowNo = 2) => {
      const v = ws.getRow(rowNo).getCell(col(header)).dataValidation;
      expect(v?.type).toBe('list');
      return v!.formulae[0];
    };
    expect(listOf('城乡类别')).toBe('"城镇,农村"');
    expect(listOf('城乡类别', 10_001)).toBe('"城镇,农村"');
    expect(listOf('残疾类别')).toBe('"视力,听力,言语,肢体,智力,精神,多重"');
    expect(listOf('残疾等级')).toBe('"1,2,3,4"');
    expect(ws.getRow(1).getCell(col('城乡类别')).dataValidation).toBeUndefined();
    expect(ws.getRow(2).getCell(col('姓名')).dataValidation).toBeUndefined();

    const divisions = wb.getWorksheet('区划代码')!;
    expect(wb.worksheets[1].name).toBe('区划代码');
    expect((divisions.getRow(1).values as string[]).slice(1)).toEqual(['区划代码', '名称', '类型', '完整名称']);
    const listed: { code: string; name: string; kind: string }[] = [];
    divisions.eachRow((r, n) => {
      if (n > 1) listed.push({ code: String(r.getCell(1).value), name: String(r.getCell(2).value), kind: String(r.getCell(3).value) });
    });
    const expected = await rows<{ code: string }>(
      t.deps.database.db,
      sql`select code from divisions where level = 5 and code like ${places.renchengTownshipA + '%'} order by code`,
    );
    expect(listed.map((d) => d.code)).toEqual(expected.map((d) => d.code));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((d) => d.code.startsWith(places.renchengTownshipA))).toBe(true);
    expect(listed.find((d) => d.code === places.renchengVillageA)).toEqual({
      code: places.renchengVillageA,
      name: '航运新村居委会',
      kind: '社区（居委会）',
    });
    expect(listed.find((d) => d.code === '370811002201')?.kind).toBe('村');

    // Another user's template lists their own villages only.
    const other = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load((await other.get('/api/imports/persons/template')).rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    theirs.getWorksheet('区划代码')!.eachRow((r, n) => n > 1 && codes.push(String(r.getCell(1).value)));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith(places.renchengTownshipB))).toBe(true);
  });

  it('a roster filled in the downloaded template imports', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await clerk.get('/api/imports/persons/template')).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const idNumber = id(60);
    ws.getRow(2).values = ['周甲', idNumber, '05371234567', places.renchengVillageA, '城镇', '听力', 3, null, null];
    const { job } = await runImport(Buffer.from(await wb.xlsx.writeBuffer()), 'create');
    expect(job.status).toBe('succeeded');
    const found = (await clerk.get(`/api/persons?idNumber=${idNumber}`)).json().items[0];
    expect(found).toMatchObject({ name: '周甲', hukouType: 'urban', disabilityType: 'hearing', disabilityGrade: 3 });
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
