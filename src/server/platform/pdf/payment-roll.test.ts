import { describe, expect, it } from 'vitest';
import { paymentRollPdf, type PaymentRollInput } from './payment-roll.js';
import { embedsNotoFont, pdfLines, pdfPages, pdfText } from './pdf-text.testing.js';
import { yuan } from '../../../shared/money.js';

const line = (n: number, payeeName: string, amountFen: number, coveredCount = 2) => ({
  lineNo: `7-${n}`,
  payeeName,
  category: '低保',
  coveredCount,
  bankName: '济宁银行任城支行',
  account: '6217001234567890123',
  amountFen,
});

const roll: PaymentRollInput = {
  programme: '社会救助',
  typeLabel: '救助类别',
  rollId: 7,
  county: '济宁市任城区',
  month: '2026-07',
  status: '已审核（2026年6月25日）',
  scope: '全县',
  printedOn: '2026-06-26',
  villages: [
    { name: '许庄街道航运新村居委会', lines: [line(1, '张建国', 157200, 3), line(2, '欧阳娜娜', 92400, 1)] },
    { name: '李营街道李营村', lines: [line(3, '王秀英', 120000)] },
  ],
};

describe('the printed payment roll', () => {
  it('lists each village with its lines and subtotal, a summary whose total is the sum of the lines, and the signature blocks', async () => {
    const pdf = await paymentRollPdf(roll);
    expect(embedsNotoFont(pdf)).toBe(true);
    const text = await pdfText(pdf);
    for (const s of [
      '济宁市任城区2026年7月社会救助资金发放名册',
      '县（市、区）济宁市任城区发放月份2026年7月名册编号7',
      '名册状态已审核（2026年6月25日）打印范围全县打印日期2026年6月26日',
      '许庄街道航运新村居委会',
      '17-1张建国低保3济宁银行任城支行62170012345678901231,572.00',
      '27-2欧阳娜娜低保1济宁银行任城支行6217001234567890123924.00',
      '小计2户42,496.00',
      '李营街道李营村',
      '37-3王秀英低保2济宁银行任城支行62170012345678901231,200.00',
      '小计1户21,200.00',
      '1许庄街道航运新村居委会242,496.00',
      '2李营街道李营村121,200.00',
      '合计363,696.00',
      '合计：3户，保障6人，发放金额3,696.00元（人民币叁仟陆佰玖拾陆元整）。',
      '制表人：',
      '审核人（复核）：',
      '分管领导：',
      '单位（盖章）：',
      '日期：',
    ])
      expect(text).toContain(s);
  });

  it('never breaks a payee name, an account or an amount across lines', async () => {
    const lines = (await pdfLines(await paymentRollPdf(roll))).flat();
    for (const s of ['张建国', '欧阳娜娜', '6217001234567890123', '1,572.00']) expect(lines.some((l) => l.includes(s))).toBe(true);
  });

  it('a roll of many lines runs over numbered pages with the header repeated and the totals at the end', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => line(i + 1, `收款人${i + 1}`, 10000 + i));
    const pages = await pdfPages(await paymentRollPdf({ ...roll, villages: [{ name: '许庄街道航运新村居委会', lines }] }));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toContain(`第${i + 1}页共${pages.length}页`);
      // Every page holding lines starts with the table's header row.
      if (p.includes('济宁银行任城支行')) expect(p).toContain('序号流水号收款人救助类别保障人数开户银行银行账号金额（元）');
    });
    expect(pages.filter((p) => p.includes('济宁银行任城支行')).length).toBeGreaterThan(1);
    const all = pages.join('');
    for (const l of lines) expect(all).toContain(`${l.lineNo}${l.payeeName}低保`); // no line lost at a page break
    const total = lines.reduce((s, l) => s + l.amountFen, 0);
    expect(pages.at(-1)).toContain(`合计80160${yuan(total)}`);
    expect(pages.at(-1)).toContain('单位（盖章）：');
  });

  it('an empty part of a roll prints no lines and a zero total', async () => {
    const text = await pdfText(await paymentRollPdf({ ...roll, scope: '许庄街道（本辖区）', villages: [] }));
    expect(text).toContain('没有发放明细');
    expect(text).toContain('合计000.00');
    expect(text).toContain('零元整');
  });
});
