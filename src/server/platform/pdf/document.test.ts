import { describe, expect, it } from 'vitest';
import { OfficialDocument } from './document.js';
import { formatDateZh, formatMonthZh, formatYuan } from './format.js';
import { embedsNotoFont, pdfPages, pdfText } from './pdf-text.testing.js';

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
    const rows = Array.from({ length: 90 }, (_, i) => [`成员${i + 1}`, i % 2 ? '女' : '男', '这是一段较长的说明文字，用来检验单元格内的自动换行是否正常工作。']);
    d.dataTable([{ header: '姓名', weight: 1 }, { header: '性别', weight: 0.5 }, { header: '备注', weight: 3 }], rows);
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
    d.kvTable([[{ label: '申请人', value: '张三' }, { label: '电话', value: '13800000000' }], [{ label: '地址', value: '任城区' }]]);
    d.box('审批意见', { footer: '（盖章）' }).signatures(['申请人（签字）']);
    const text = await pdfText(await d.toBuffer());
    for (const s of ['申请人张三', '电话13800000000', '地址任城区', '审批意见', '（盖章）', '申请人（签字）：', '日期：']) expect(text).toContain(s);
  });

  it('refuses a second toBuffer()', async () => {
    const d = await OfficialDocument.create('x');
    await d.toBuffer();
    await expect(d.toBuffer()).rejects.toThrow(/already/);
  });
});

describe('formatting', () => {
  it('prints fen as yuan with two decimals and thousands separators', () => {
    expect(formatYuan(157200)).toBe('1,572.00 元');
    expect(formatYuan(5)).toBe('0.05 元');
    expect(formatYuan(123456789)).toBe('1,234,567.89 元');
    expect(formatYuan(-120000)).toBe('-1,200.00 元');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('prints dates and months the Chinese way', () => {
    expect(formatDateZh('2026-01-05')).toBe('2026年1月5日');
    expect(formatMonthZh('2026-12')).toBe('2026年12月');
    expect(() => formatDateZh('2026/01/05')).toThrow(RangeError);
  });
});
