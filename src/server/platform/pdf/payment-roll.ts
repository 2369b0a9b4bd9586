/**
 * The printed payment roll of a programme (社会救助资金发放名册): a county's month, village by village, each line with
 * the payee's full name, the account and the amount, a subtotal per village and a summary with the
 * grand total in figures and in capitals, then the signature blocks the bureau signs and stamps.
 * Landscape A4. Plain data in (the caller decides which lines the reader may see and how the account
 * is printed); every figure on the paper is summed here from the lines printed.
 */
import { OfficialDocument } from './document.js';
import { yuan } from '../../../shared/money.js';
import { formatDateZh, formatMonthZh, yuanInWords } from './format.js';

export interface PaymentRollLine {
  /** 流水号 as in the bank file: `roll-entitlement`. */
  lineNo: string;
  /** Full name: the roll is signed paper. */
  payeeName: string;
  /** The benefit type's name (低保 / 特困 / …). */
  category: string;
  coveredCount: number;
  bankName: string;
  /** As the reader may see it: in full (as the bank file has it) or masked. */
  account: string;
  amountFen: number;
}

export interface PaymentRollVillage {
  /** The village (社区) below the county: 许庄街道航运新村居委会. */
  name: string;
  lines: PaymentRollLine[];
}

export interface PaymentRollInput {
  /** The programme paying, in the title (社会救助). */
  programme: string;
  /** What the programme calls its benefit types, as the column header (救助类别). */
  typeLabel: string;
  rollId: number;
  /** 济宁市任城区 */
  county: string;
  /** 'YYYY-MM' */
  month: string;
  /** 已审核（2026年6月25日） / 待审核 */
  status: string;
  /** Whose lines: 全县, or the reader's part (许庄街道（本辖区）). */
  scope: string;
  /** 'YYYY-MM-DD' */
  printedOn: string;
  villages: PaymentRollVillage[];
  /** A line under the summary on how accounts are printed. */
  accountNote?: string;
}

export const ROLL_SIGNATURES = ['制表人', '审核人（复核）', '分管领导', '单位（盖章）'] as const;

const sumOf = <T>(list: readonly T[], f: (x: T) => number) => list.reduce((s, x) => s + f(x), 0);

/** <programme>资金发放名册 (社会救助资金发放名册) as a PDF. */
export async function paymentRollPdf(input: PaymentRollInput): Promise<Buffer> {
  const title = `${input.county}${formatMonthZh(input.month)}${input.programme}资金发放名册`;
  const d = await OfficialDocument.create(title, { landscape: true });
  d.title(title);
  d.kvTable(
    [
      [
        { label: '县（市、区）', value: input.county },
        { label: '发放月份', value: formatMonthZh(input.month) },
        { label: '名册编号', value: String(input.rollId) },
      ],
      [
        { label: '名册状态', value: input.status },
        { label: '打印范围', value: input.scope },
        { label: '打印日期', value: formatDateZh(input.printedOn) },
      ],
    ],
    { pairs: 3, labelWidth: 84 },
  );

  const villages = input.villages.filter((v) => v.lines.length > 0);
  let seq = 0;
  for (const v of villages) {
    d.keepTogether(110).heading(v.name); // a village's heading stays with its table's header and first line
    d.dataTable(
      [
        { header: '序号', weight: 0.6, align: 'center', nowrap: true },
        { header: '流水号', weight: 1.1, nowrap: true },
        { header: '收款人', weight: 1.1, nowrap: true },
        { header: input.typeLabel, weight: 1.3 },
        { header: '保障人数', weight: 1, align: 'center', nowrap: true },
        { header: '开户银行', weight: 2.2 },
        { header: '银行账号', weight: 2.3, nowrap: true },
        { header: '金额（元）', weight: 1.3, align: 'right', nowrap: true },
      ],
      [
        ...v.lines.map((l) => [
          String(++seq),
          l.lineNo,
          l.payeeName,
          l.category,
          String(l.coveredCount),
          l.bankName,
          l.account,
          yuan(l.amountFen),
        ]),
        {
          cells: [
            '',
            '小计',
            `${v.lines.length} 户`,
            '',
            String(sumOf(v.lines, (l) => l.coveredCount)),
            '',
            '',
            yuan(sumOf(v.lines, (l) => l.amountFen)),
          ],
          bold: true,
          fill: '#f7f7f7',
        },
      ],
    );
  }
  if (villages.length === 0) d.paragraph('本名册（打印范围内）没有发放明细。', { indent: true });

  const lines = villages.flatMap((v) => v.lines);
  const total = sumOf(lines, (l) => l.amountFen);
  const persons = sumOf(lines, (l) => l.coveredCount);
  d.keepTogether(110).heading('汇总');
  d.dataTable(
    [
      { header: '序号', weight: 0.6, align: 'center', nowrap: true },
      { header: '村（社区）', weight: 5 },
      { header: '户数', weight: 1, align: 'center', nowrap: true },
      { header: '保障人数', weight: 1, align: 'center', nowrap: true },
      { header: '金额（元）', weight: 1.6, align: 'right', nowrap: true },
    ],
    [
      ...villages.map((v, i) => [
        String(i + 1),
        v.name,
        String(v.lines.length),
        String(sumOf(v.lines, (l) => l.coveredCount)),
        yuan(sumOf(v.lines, (l) => l.amountFen)),
      ]),
      { cells: ['', '合计', String(lines.length), String(persons), yuan(total)], bold: true, fill: '#f0f0f0' },
    ],
  );
  d.paragraph(`合计：${lines.length} 户，保障 ${persons} 人，发放金额 ${yuan(total)} 元（人民币${yuanInWords(total)}）。`, {
    bold: true,
  });
  if (input.accountNote) d.paragraph(input.accountNote);

  d.keepTogether(140).space(8); // the signature blocks stay together
  d.signatures([...ROLL_SIGNATURES]);
  return d.toBuffer();
}
