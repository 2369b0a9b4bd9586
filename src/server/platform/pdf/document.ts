/**
 * A4 Chinese official documents (forms, notices) over pdfkit.
 *
 * Fonts: Noto Sans SC (body, bold labels) and Noto Serif SC Bold (titles), the TrueType files shipped
 * in `@expo-google-fonts/noto-sans-sc` / `noto-serif-sc` (OFL). The files (10–15 MB each) are read once
 * per process and kept in module scope; pdfkit embeds only the glyphs a document uses (subsetting), so
 * a one-page form is a few tens of KB.
 *
 * Layout is a simple top-to-bottom flow: every helper starts at the left margin at `doc.y`, moves to a
 * new page when its block does not fit, and leaves `doc.y` below what it drew. Table rows never split
 * across pages; a data table repeats its header row on each new page. A data column marked `nowrap`
 * (names, dates, ID and account numbers, amounts) keeps every value on one line: the column widens
 * from the columns that may wrap, and where that is not enough its font shrinks to fit, so a name or
 * a date is never broken ("张建/国", "1972-05-/18"). The footer "第 1 页 共 N 页" is written on every
 * page by `toBuffer()` (pages are buffered for that).
 *
 * Usage: `const d = await OfficialDocument.create('标题'); d.title('标题'); d.paragraph('…'); await d.toBuffer()`.
 */
import PDFDocument from 'pdfkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const FONT_FILES = {
  sans: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontBuffers: Promise<Record<FontName, Buffer>> | undefined;

/** Reads the three font files once per process; later calls share the same buffers. */
export function loadFonts(): Promise<Record<FontName, Buffer>> {
  if (!fontBuffers) {
    const require = createRequire(import.meta.url);
    const names = Object.keys(FONT_FILES) as FontName[];
    fontBuffers = Promise.all(names.map((n) => readFile(require.resolve(FONT_FILES[n])))).then(
      (buffers) => Object.fromEntries(names.map((n, i) => [n, buffers[i]])) as Record<FontName, Buffer>,
    );
    fontBuffers.catch(() => (fontBuffers = undefined)); // a failed read is retried on the next call
  }
  return fontBuffers;
}

/** Sizes in points (1 pt = 1/72 inch; A4 is 595.28 × 841.89 pt). */
const MARGIN = { top: 64, bottom: 64, left: 64, right: 64 };
const BODY_SIZE = 11;
const LINE_GAP = 3;
const CELL_PAD = 5;
const BORDER = '#333333';
/** The smallest font a one-line cell shrinks to. */
const MIN_FIT_SIZE = 6;

/** One label/value pair of a key–value table; `span` widens the value over further pairs of the row. */
export interface KvCell {
  label: string;
  value: string;
  span?: number;
}

/** What a verifiable document prints (platform/verify gives it; this layer only draws it). */
export interface VerificationMark {
  /** The QR of the verification address: modules per side and, row by row, which are dark. */
  qr: { size: number; dark: boolean[] };
  /** The code as printed (grouped for reading). */
  code: string;
  /** The one line: 扫码或访问 …/verify 输入编码核验. */
  line: string;
}

export interface DataColumn {
  header: string;
  /** Relative width: the columns share the content width in proportion to their weights. */
  weight: number;
  align?: 'left' | 'center' | 'right';
  /** Every value stays on one line (widen the column, else shrink its font): names, dates, numbers. */
  nowrap?: boolean;
}

/** A data-table row given with its look: a bold, shaded total or subtotal line. */
export interface DataRow {
  cells: string[];
  bold?: boolean;
  fill?: string;
}

/** One bordered table cell at an absolute x with width w. */
interface Cell {
  x: number;
  w: number;
  text: string;
  bold?: boolean;
  fill?: string;
  align?: DataColumn['align'];
  /** One line at `size` points (see DataColumn.nowrap). */
  nowrap?: boolean;
  size?: number;
}

export class OfficialDocument {
  private readonly doc: PDFKit.PDFDocument;
  private ended = false;

  private constructor(title: string, fonts: Record<FontName, Buffer>, landscape: boolean) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: landscape ? 'landscape' : 'portrait',
      margins: MARGIN,
      bufferPages: true,
      info: { Title: title, Creator: '济民' },
    });
    for (const name of Object.keys(fonts) as FontName[]) this.doc.registerFont(name, fonts[name]);
    this.doc.font('sans').fontSize(BODY_SIZE);
  }

  /** A new A4 document (portrait unless `landscape`); `title` goes into the PDF metadata (the visible title is `title()`). */
  static async create(title: string, opts: { landscape?: boolean } = {}): Promise<OfficialDocument> {
    return new OfficialDocument(title, await loadFonts(), opts.landscape ?? false);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }
  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Keeps what follows together: a new page unless `points` still fit on this one. */
  keepTogether(points: number): this {
    this.ensureSpace(points);
    return this;
  }

  private use(font: FontName, size = BODY_SIZE): PDFKit.PDFDocument {
    return this.doc.font(font).fontSize(size);
  }

  /** Vertical space in points. */
  space(points = BODY_SIZE): this {
    this.doc.y += points;
    return this;
  }

  /** The document's title: centred, large, serif bold. */
  title(text: string): this {
    this.use('serifBold', 20).text(text, this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.y += 12;
    return this;
  }

  /** A section heading in bold sans. */
  heading(text: string): this {
    this.use('sansBold', 12);
    this.ensureSpace(this.doc.heightOfString(text, { width: this.width }) + 24);
    this.doc.y += 6;
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.y += 4;
    return this;
  }

  /** Flowing body text; `indent` adds the customary two-character first-line indent. */
  paragraph(text: string, opts: { indent?: boolean; align?: 'left' | 'right' | 'center' | 'justify'; bold?: boolean } = {}): this {
    this.use(opts.bold ? 'sansBold' : 'sans').text(text, this.left, this.doc.y, {
      width: this.width,
      align: opts.align ?? 'left',
      indent: opts.indent ? BODY_SIZE * 2 : 0,
      lineGap: LINE_GAP,
    });
    this.doc.y += 4;
    return this;
  }

  /** Text heights of a row's cells and the row's height, capped at one page. */
  private measure(cells: Cell[]): { heights: number[]; height: number } {
    const heights = cells.map((c) => {
      this.use(c.bold ? 'sansBold' : 'sans', c.size);
      if (c.nowrap) return this.doc.heightOfString('国', { lineGap: LINE_GAP });
      return this.doc.heightOfString(c.text || ' ', { width: c.w - 2 * CELL_PAD, lineGap: LINE_GAP });
    });
    const pageHeight = this.bottom - this.doc.page.margins.top;
    return { heights, height: Math.min(Math.max(...heights) + 2 * CELL_PAD, pageHeight) };
  }

  /** Draws one row of bordered cells (text wrapped, vertically centred) and moves doc.y below it. */
  private row(cells: Cell[]): void {
    const { heights, height } = this.measure(cells);
    this.ensureSpace(height);
    const y = this.doc.y;
    cells.forEach((c, i) => {
      if (c.fill) this.doc.rect(c.x, y, c.w, height).fill(c.fill);
      this.doc.rect(c.x, y, c.w, height).lineWidth(0.6).strokeColor(BORDER).stroke();
      const top = y + Math.max(CELL_PAD, (height - heights[i]) / 2);
      if (c.nowrap) {
        // Placed by hand: pdfkit aligns only text it may wrap.
        const inner = c.w - 2 * CELL_PAD;
        const textWidth = this.use(c.bold ? 'sansBold' : 'sans', c.size).widthOfString(c.text);
        const dx = c.align === 'right' ? inner - textWidth : c.align === 'center' ? (inner - textWidth) / 2 : 0;
        this.doc.fillColor('black').text(c.text, c.x + CELL_PAD + Math.max(0, dx), top, { lineBreak: false });
        return;
      }
      this.use(c.bold ? 'sansBold' : 'sans')
        .fillColor('black')
        .text(c.text, c.x + CELL_PAD, top, {
          width: c.w - 2 * CELL_PAD,
          height: height - CELL_PAD, // a cell taller than a page is cut with an ellipsis, never split
          ellipsis: true,
          lineGap: LINE_GAP,
          align: c.align ?? 'left',
        });
    });
    this.doc.x = this.left;
    this.doc.y = y + height;
  }

  /**
   * A bordered key–value table: each row holds up to `pairs` label/value pairs (label cells shaded,
   * bold); a cell with `span` stretches its value over that many pairs, the last cell of a row fills the rest.
   */
  kvTable(rows: KvCell[][], opts: { pairs?: number; labelWidth?: number } = {}): this {
    const pairs = opts.pairs ?? 2;
    const labelWidth = opts.labelWidth ?? 78;
    const pairWidth = this.width / pairs;
    for (const cells of rows) {
      let slot = 0;
      const drawn = cells.flatMap((c, i) => {
        const span = i === cells.length - 1 ? pairs - slot : Math.min(c.span ?? 1, pairs - slot);
        const x = this.left + slot * pairWidth;
        slot += span;
        return [
          { x, w: labelWidth, text: c.label, bold: true, fill: '#f0f0f0' },
          { x: x + labelWidth, w: span * pairWidth - labelWidth, text: c.value },
        ];
      });
      this.row(drawn);
    }
    this.doc.y += 8;
    return this;
  }

  /**
   * Column geometry of a data table: widths in proportion to the weights, then every `nowrap` column
   * widened to its widest value, taken from the other columns' room (a wrapping column keeps two
   * characters, a one-line column its own widest value); a one-line column still too narrow gets the
   * font size at which its widest value fits.
   */
  private columnLayout(
    columns: DataColumn[],
    rows: DataRow[],
  ): { x: number; w: number; align?: DataColumn['align']; nowrap?: boolean; size?: number }[] {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (this.width * c.weight) / total);
    const need = columns.map((c, i) => {
      if (!c.nowrap) return 0;
      const widest = Math.max(0, ...rows.map((r) => this.use(r.bold ? 'sansBold' : 'sans').widthOfString(r.cells[i] ?? '')));
      return widest + 2 * CELL_PAD + 0.5;
    });
    const floor = 2 * BODY_SIZE + 2 * CELL_PAD;
    const short = widths.map((w, i) => (columns[i].nowrap ? Math.max(0, need[i] - w) : 0));
    const spare = widths.map((w, i) => Math.max(0, w - (columns[i].nowrap ? need[i] : floor)));
    const deficit = short.reduce((s, x) => s + x, 0);
    const room = spare.reduce((s, x) => s + x, 0);
    if (deficit > 0 && room > 0) {
      const moved = Math.min(deficit, room);
      widths.forEach((_, i) => (widths[i] += (short[i] * moved) / deficit - (spare[i] * moved) / room));
    }
    let x = this.left;
    return columns.map((c, i) => {
      const w = widths[i];
      const cell = {
        x,
        w,
        align: c.align,
        nowrap: c.nowrap,
        size:
          c.nowrap && need[i] > w
            ? Math.max(MIN_FIT_SIZE, Math.floor((BODY_SIZE * (w - 2 * CELL_PAD - 0.5) * 10) / (need[i] - 2 * CELL_PAD - 0.5)) / 10)
            : undefined,
      };
      x += w;
      return cell;
    });
  }

  /** A data table with a shaded header row, repeated at the top of every page the table runs onto. */
  dataTable(columns: DataColumn[], rows: (string[] | DataRow)[]): this {
    const body = rows.map((r) => (Array.isArray(r) ? { cells: r } : r));
    const geometry = this.columnLayout(columns, body);
    const header = () =>
      this.row(
        columns.map((c, i) => ({
          x: geometry[i].x,
          w: geometry[i].w,
          text: c.header,
          bold: true,
          fill: '#f0f0f0',
          align: 'center' as const,
        })),
      );
    header();
    for (const r of body) {
      const cells = geometry.map((g, i) => ({ ...g, text: r.cells[i] ?? '', bold: r.bold, fill: r.fill }));
      const pageBefore = this.doc.page;
      this.ensureSpace(this.measure(cells).height);
      if (this.doc.page !== pageBefore) header();
      this.row(cells);
    }
    this.doc.y += 8;
    return this;
  }

  /**
   * A bordered box for an opinion, e.g. "乡镇（街道）意见": blank for a handwritten one, or with the
   * recorded `text` under the label; an optional line at its bottom right such as "（盖章）  年  月  日".
   * The box grows to hold its text.
   */
  box(label: string, opts: { height?: number; footer?: string; text?: string } = {}): this {
    const inner = this.width - 2 * CELL_PAD;
    const labelHeight = this.use('sansBold').heightOfString(label, { width: inner });
    const textHeight = opts.text
      ? this.use('sans').heightOfString(opts.text, { width: inner - BODY_SIZE * 2, indent: 0, lineGap: LINE_GAP }) + 6
      : 0;
    const footerHeight = opts.footer ? this.use('sans').heightOfString(opts.footer, { width: inner - 2 * CELL_PAD }) + BODY_SIZE : 0;
    const height = Math.max(opts.height ?? 110, CELL_PAD * 2 + labelHeight + textHeight + footerHeight + BODY_SIZE);
    this.ensureSpace(height);
    const y = this.doc.y;
    this.doc.rect(this.left, y, this.width, height).lineWidth(0.6).strokeColor(BORDER).stroke();
    this.use('sansBold')
      .fillColor('black')
      .text(label, this.left + CELL_PAD, y + CELL_PAD, { width: inner });
    if (opts.text) {
      this.use('sans').text(opts.text, this.left + CELL_PAD + BODY_SIZE * 2, y + CELL_PAD + labelHeight + 6, {
        width: inner - BODY_SIZE * 2,
        lineGap: LINE_GAP,
      });
    }
    if (opts.footer) {
      const footerTop = y + height - CELL_PAD - footerHeight + BODY_SIZE / 2;
      this.use('sans').text(opts.footer, this.left + CELL_PAD, footerTop, { width: inner - 2 * CELL_PAD, align: 'right' });
    }
    this.doc.x = this.left;
    this.doc.y = y + height + 10;
    return this;
  }

  /** Signature lines, one per label, their lines aligned: "申请人（签字）：＿＿＿＿＿  日期：＿＿＿＿". */
  signatures(labels: string[], opts: { date?: boolean } = {}): this {
    const withDate = opts.date ?? true;
    const lineHeight = BODY_SIZE * 2.6;
    this.use('sans').fillColor('black');
    const labelColumn = Math.max(...labels.map((l) => this.doc.widthOfString(`${l}：`)));
    const rule = (x: number, y: number, length: number) =>
      this.doc
        .moveTo(x, y)
        .lineTo(x + length, y)
        .lineWidth(0.6)
        .strokeColor(BORDER)
        .stroke();
    for (const label of labels) {
      this.ensureSpace(lineHeight);
      const top = this.doc.y;
      const baseline = top + lineHeight - 6;
      const textY = baseline - BODY_SIZE * 1.3;
      this.doc.text(`${label}：`, this.left, textY, { lineBreak: false });
      rule(this.left + labelColumn, baseline, 150);
      if (withDate) {
        const dateX = this.left + labelColumn + 150 + 24;
        this.doc.text('日期：', dateX, textY, { lineBreak: false });
        rule(dateX + this.doc.widthOfString('日期：'), baseline, 100);
      }
      this.doc.x = this.left;
      this.doc.y = top + lineHeight;
    }
    this.doc.y += 6;
    return this;
  }

  /**
   * A verifiable document's mark (docs/verifiable-documents.md): its QR drawn as squares (vector:
   * sharp at any print resolution, with the four-module quiet zone the standard asks for) and,
   * beside it, one line saying where to verify and the code itself.
   */
  verificationMark(mark: VerificationMark): this {
    const side = 96;
    const quiet = 4;
    const unit = side / (mark.qr.size + 2 * quiet);
    this.ensureSpace(side + 8);
    const top = this.doc.y + 4;
    const x0 = this.left;
    this.doc.rect(x0, top, side, side).fill('white');
    for (let r = 0; r < mark.qr.size; r++)
      for (let c = 0; c < mark.qr.size; c++)
        if (mark.qr.dark[r * mark.qr.size + c]) this.doc.rect(x0 + (c + quiet) * unit, top + (r + quiet) * unit, unit, unit);
    this.doc.fill('black');
    const textX = x0 + side + 12;
    const textWidth = this.width - side - 12;
    this.use('sans', 10)
      .fillColor('black')
      .text(mark.line, textX, top + unit * quiet, { width: textWidth, lineGap: 2 });
    this.use('sans', 9)
      .fillColor('#333333')
      .text(`核验编码：${mark.code}`, textX, this.doc.y + 4, { width: textWidth, lineGap: 2 });
    this.doc.fillColor('black');
    this.doc.x = this.left;
    this.doc.y = Math.max(this.doc.y, top + side) + 6;
    return this;
  }

  /** Writes the page footers, ends the document and resolves with its bytes. Call once. */
  toBuffer(): Promise<Buffer> {
    if (this.ended) return Promise.reject(new Error('OfficialDocument.toBuffer() was already called'));
    this.ended = true;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const savedBottom = page.margins.bottom;
      page.margins.bottom = 0; // writing below the bottom margin would otherwise add a page
      this.use('sans', 9)
        .fillColor('#555555')
        .text(`第 ${i + 1 - start} 页 共 ${count} 页`, page.margins.left, page.height - 40, {
          width: page.width - page.margins.left - page.margins.right,
          align: 'center',
          lineBreak: false,
        });
      page.margins.bottom = savedBottom;
    }
    this.doc.end();
    return done;
  }
}
