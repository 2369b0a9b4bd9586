import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { readXlsxRows, writeXlsx } from './xlsx.js';

async function inlineStringWorkbook(rows: string[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('xlsx', () => {
  it('reads Chinese text intact even where a character straddles two chunks of the stream', async () => {
    const rows = [
      ['姓名', '城乡类别'],
      ...Array.from({ length: 30_000 }, (_, i) => [`欧阳${'娜'.repeat(i % 5)}`, i % 2 ? '城镇' : '农村']),
    ];
    const content = await inlineStringWorkbook(rows);
    let n = 0;
    for await (const r of readXlsxRows(content, ['姓名', '城乡类别'])) {
      expect(r.cells).toEqual(rows[r.rowNumber - 1]);
      n++;
    }
    expect(n).toBe(30_000);
  });

  it('writes a sheet whose header row and values read back', async () => {
    const buf = await writeXlsx('名单', [{ header: '姓名', value: (r: { n: string }) => r.n }], [{ n: '张三' }], {
      name: '说明',
      lines: ['第一行'],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['名单', '说明']);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('张三');
  });

  it('reads every small workbook exceljs writes, whatever the order of its zip entries (shared strings resolved)', async () => {
    const headers = ['姓名', '身份证号'];
    // About 1 in 300 such files put the worksheet before what the streaming reader expects.
    for (let i = 0; i < 600; i++) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名单');
      ws.addRow(headers);
      ws.addRow([`张${i}`, `37081119700101${String(i).padStart(4, '0')}`]);
      const rows = [];
      for await (const r of readXlsxRows(Buffer.from(await wb.xlsx.writeBuffer()), headers)) rows.push(r.cells);
      expect(rows).toEqual([[`张${i}`, `37081119700101${String(i).padStart(4, '0')}`]]);
    }
  });
});
