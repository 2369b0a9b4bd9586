import { describe, expect, it } from 'vitest';
import { OfficialDocument } from './document.js';
import { formatDateZh, formatMonthZh, yuanInWords } from './format.js';
import { embedsNotoFont, pdfLines, pdfPages, pdfText } from './pdf-text.testing.js';

describe('OfficialDocument', () => {
  it('renders Chinese text with an embedded subset of Noto and a page footer', async () => {
    const d = await OfficialDocument.create('测试');
    d.title('民政文书').paragraph('济宁市任城区民政局', { indent: true });
    const pdf = await d.toBuffer();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(embedsNotoFont(pdf)).toBe(true);
    expect(pdf.length).toBeLessThan(200 * 1024);
    expect(await pdfPages(pdf)).toEqual(['民政文书济宁市任城区民政局第1页共1页']);
  });

  it('repeats the header row of a data table on every page it runs onto and numbers the pages', async () => {
    const d = await OfficialDocument.create('名单');
    d.title('成员名单');
    const rows = Array.from({ length: 90 }, (_, i) => [
      `成员${i + 1}`,
      i % 2 ? '女' : '男',
      '这是一段较长的说明文字，用来检验单元格内的自动换行是否正常工作。',
    ]);
    d.dataTable(
      [
        { header: '姓名', weight: 1 },
        { header: '性别', weight: 0.5 },
        { header: '备注', weight: 3 },
      ],
      rows,
    );
    const pages = await pdfPages(await d.toBuffer());
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toContain('姓名性别备注');
      expect(p).toContain(`第${i + 1}页共${pages.length}页`);
    });
    const all = pages.join('');
    for (const r of rows) expect(all).toContain(r[0] + r[1]); // no row lost or split at a page break
  });

  it('lays out key–value rows, opinion boxes and signature lines', async () => {
    const d = await OfficialDocument.create('表');
    d.kvTable([
      [
        { label: '申请人', value: '张三' },
        { label: '电话', value: '13800000000' },
      ],
      [{ label: '地址', value: '任城区' }],
    ]);
    d.box('审批意见', { footer: '（盖章）' }).signatures(['申请人（签字）']);
    const text = await pdfText(await d.toBuffer());
    for (const s of ['申请人张三', '电话13800000000', '地址任城区', '审批意见', '（盖章）', '申请人（签字）：', '日期：'])
      expect(text).toContain(s);
  });

  it('keeps a name and a date on one line in a crowded table: the one-line columns widen, else their font shrinks', async () => {
    const columns = (nowrap: boolean) => [
      { header: '序号', weight: 0.5 },
      { header: '姓名', weight: 0.6, nowrap },
      { header: '与户主关系', weight: 1 },
      { header: '性别', weight: 0.5 },
      { header: '出生日期', weight: 0.8, nowrap },
      { header: '身份证号', weight: 2.5, nowrap },
      { header: '户籍地', weight: 3 },
      { header: '残疾情况', weight: 1 },
    ];
    const row = ['1', '张建国', '户主', '男', '1972-05-18', '370811********1234', '济宁市任城区许庄街道航运新村居委会', '无'];
    const linesOf = async (nowrap: boolean) => {
      const d = await OfficialDocument.create('登记表');
      d.dataTable(columns(nowrap), [row]);
      return (await pdfLines(await d.toBuffer()))[0];
    };
    // The layout the issue showed ("张建/国", "1972-05-/18") …
    const wrapped = await linesOf(false);
    expect(wrapped.some((l) => l.includes('张建国'))).toBe(false);
    expect(wrapped.some((l) => l.includes('1972-05-18'))).toBe(false);
    // … and with the columns marked one-line: each value whole on one printed line.
    const fitted = await linesOf(true);
    expect(fitted.find((l) => l.includes('张建国'))).toContain('1972-05-18370811********1234');

    // Too many one-line columns for the page: the font shrinks, the text still never breaks.
    const d = await OfficialDocument.create('窄表');
    const many = Array.from({ length: 12 }, (_, i) => ({ header: `列${i + 1}`, weight: 1, nowrap: true }));
    d.dataTable(many, [Array.from({ length: 12 }, () => '1972-05-18')]);
    const lines = (await pdfLines(await d.toBuffer()))[0];
    expect(lines.find((l) => l.includes('1972-05-18'))).toBe('1972-05-18'.repeat(12));
  });

  it('prints a recorded opinion inside its box, the box growing with the text', async () => {
    const d = await OfficialDocument.create('意见');
    const opinion = '同意。经入户调查，家庭收入低于当地低保标准，情况属实。'.repeat(8);
    d.box('乡镇（街道）意见', { text: opinion, footer: '经办人：赵敏　　（盖章）　　2026年5月3日' });
    const text = await pdfText(await d.toBuffer());
    expect(text).toContain(`乡镇（街道）意见${opinion}经办人：赵敏（盖章）2026年5月3日`);
  });

  it('refuses a second toBuffer()', async () => {
    const d = await OfficialDocument.create('x');
    await d.toBuffer();
    await expect(d.toBuffer()).rejects.toThrow(/already/);
  });
});

describe('formatting', () => {
  // Amounts in figures: `yuan` of src/shared/money.ts (money.test.ts).
  it('writes amounts in capitals as financial paper does (大写金额)', () => {
    expect(yuanInWords(157200)).toBe('壹仟伍佰柒拾贰元整');
    expect(yuanInWords(0)).toBe('零元整');
    expect(yuanInWords(5)).toBe('伍分');
    expect(yuanInWords(50)).toBe('伍角');
    expect(yuanInWords(100050)).toBe('壹仟元伍角'); // 元位 0, 角 not: 零 may be left out (会计基础工作规范 §52)
    expect(yuanInWords(100005)).toBe('壹仟元零伍分');
    expect(yuanInWords(1000)).toBe('壹拾元整');
    expect(yuanInWords(10050000)).toBe('壹拾万零伍佰元整');
    expect(yuanInWords(10000050000)).toBe('壹亿零伍佰元整');
    expect(yuanInWords(10001000000)).toBe('壹亿零壹万元整');
    expect(yuanInWords(1234567891)).toBe('壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角壹分');
    expect(yuanInWords(-120000)).toBe('负壹仟贰佰元整');
    expect(() => yuanInWords(1.5)).toThrow(RangeError);
  });

  it('prints dates and months the Chinese way', () => {
    expect(formatDateZh('2026-01-05')).toBe('2026年1月5日');
    expect(formatMonthZh('2026-12')).toBe('2026年12月');
    expect(() => formatDateZh('2026/01/05')).toThrow(RangeError);
  });
});
