/**
 * The generic bank file layout (docs/bank-files.md): the default format writes today's files byte for
 * byte — the columns, headers, widths and cell kinds the platform's bank file always had — and the
 * documented sample (test/fixtures/bank-file.csv) is exactly what it writes for the sample lines.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeCsv, type CsvColumn } from '../csv.js';
import { writeXlsx } from '../xlsx.js';
import { yuanPlain } from '../../../shared/money.js';
import { bankFormatInput, defaultBankFormat } from '../../../shared/payments/bank-formats.js';
import { writeBankFile, type BankLine } from './bank.js';

/** The sample of docs/bank-files.md: two lines of a 社会救助 roll (roll 7), one payee named like a formula (V5). */
const sampleLines: BankLine[] = [
  {
    lineNo: '7-101',
    payeeName: '王大山',
    idNumber: '370811195003011234',
    bankName: '济宁银行任城支行',
    account: '6217001234567890123',
    amountFen: 157200,
    benefitType: '低保',
    division: '济宁市任城区许庄街道航运新村居委会',
    month: '2026-12',
    programme: '社会救助',
  },
  {
    lineNo: '7-102',
    payeeName: '=HYPERLINK("http://x","y")',
    idNumber: '37081119520505002X',
    bankName: '中国农业银行济宁分行',
    account: '6228480000000005678',
    amountFen: 155300,
    benefitType: '特困',
    division: '济宁市任城区李营街道李营村',
    month: '2026-12',
    programme: '社会救助',
  },
];

/** The bank file's columns as social assistance wrote them before the platform had formats (bank.ts, 2026-12). */
const before: (CsvColumn<BankLine> & { width: number })[] = [
  { header: '流水号', width: 16, value: (l) => l.lineNo },
  { header: '收款人', width: 12, value: (l) => l.payeeName },
  { header: '身份证号', width: 22, value: (l) => l.idNumber },
  { header: '开户银行', width: 20, value: (l) => l.bankName },
  { header: '银行账号', width: 26, value: (l) => l.account, kind: 'number' },
  { header: '金额（元）', width: 12, value: (l) => yuanPlain(l.amountFen), kind: 'number' },
  { header: '救助类别', width: 10, value: (l) => l.benefitType },
  { header: '所在村（社区）', width: 40, value: (l) => l.division },
];

const sheetOf = async (content: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as never);
  const ws = wb.worksheets[0];
  const cells: unknown[][] = [];
  ws.eachRow((r) => cells.push((r.values as unknown[]).slice(1)));
  return { name: ws.name, widths: ws.columns.map((c) => c.width), cells, types: ws.getRow(2).model?.cells?.map((c) => c.type) };
};

describe('the default bank file layout', () => {
  it('writes the CSV byte for byte as the bank file was written before formats', async () => {
    const format = defaultBankFormat('救助类别');
    expect((await writeBankFile(format, 'csv', sampleLines)).equals(writeCsv(before, sampleLines))).toBe(true);
  });

  it('writes the xlsx with the same sheet, headers, widths and cells as before formats', async () => {
    const format = defaultBankFormat('救助类别');
    expect(await sheetOf(await writeBankFile(format, 'xlsx', sampleLines))).toEqual(
      await sheetOf(await writeXlsx('代发明细', before, sampleLines)),
    );
  });

  it('is the documented sample: test/fixtures/bank-file.csv is what it writes for the sample lines', async () => {
    const sample = readFileSync(new URL('../../../../test/fixtures/bank-file.csv', import.meta.url));
    expect((await writeBankFile(defaultBankFormat('救助类别'), 'csv', sampleLines)).equals(sample)).toBe(true);
  });

  it('is a valid format itself, and a format without the line, the account or an amount is refused', () => {
    expect(bankFormatInput.safeParse({ name: '默认', ...defaultBankFormat('救助类别') }).success).toBe(true);
    const without = (field: string) =>
      bankFormatInput.safeParse({
        name: '某银行',
        ...defaultBankFormat('救助类别'),
        columns: defaultBankFormat('救助类别').columns.filter((c) => !c.field.startsWith(field)),
      });
    for (const [field, message] of [
      ['lineNo', '须有“流水号”列：银行回盘按它对账'],
      ['account', '须有“银行账号”列'],
      ['amount', '须有“金额”列（元或分）'],
    ])
      expect(without(field).error?.issues.map((i) => i.message)).toContain(message);
  });
});
