import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { neutraliseFormula, writeCsv, type CsvColumn } from './csv.js';

describe('V5 CSV without formulas', () => {
  it("V5 neutraliseFormula puts a ' before text starting with = + - @, a tab or a carriage return, and leaves other text alone", () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['王大山', '', 'a=1', ' =1', '370811-1', '1572.00', '济宁银行']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('V5 writeCsv neutralises free text, writes figures as they are, and a "number" that is not one as text', () => {
    type Row = { name: string; amount: string; account: string | null };
    const columns: CsvColumn<Row>[] = [
      { header: '收款人', value: (r) => r.name },
      { header: '金额（元）', value: (r) => r.amount, kind: 'number' },
      { header: '银行账号', value: (r) => r.account, kind: 'number' },
    ];
    const out = writeCsv(columns, [
      { name: '=HYPERLINK("http://x","y")', amount: '-12.50', account: '6217001234567890123' },
      { name: '王大山', amount: '=1+1', account: null },
    ]);
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parse(out, { bom: true })).toEqual([
      ['收款人', '金额（元）', '银行账号'],
      ['\'=HYPERLINK("http://x","y")', '-12.50', '6217001234567890123'],
      ['王大山', "'=1+1", ''],
    ]);
  });
});
