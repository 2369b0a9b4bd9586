/**
 * xlsx in and out with exceljs: streaming writer for exports, streaming reader for imports.
 * Headers are Chinese; a file that is not a valid workbook is a 400 naming the problem (V4).
 */
import './exceljs-utf8.js';
import ExcelJS from 'exceljs';
import { Readable, PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from './errors.js';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/**
 * Writes a sheet to a Buffer, streaming rows so a 100,000-row export stays small in memory. A string
 * value is always a string cell: exceljs writes a formula only from a `{ formula }` object, which no
 * column returns, so a name starting with `=` is shown as text and never evaluated (V5).
 */
export async function writeXlsx<T>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  source: Iterable<T> | AsyncIterable<T>,
  notes?: { name: string; lines: string[] },
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of source) sheet.addRow(columns.map((c) => c.value(row))).commit();
  sheet.commit();
  if (notes) {
    const help = workbook.addWorksheet(notes.name);
    help.getColumn(1).width = 90;
    for (const line of notes.lines) help.addRow([line]).commit();
    help.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** One sheet of a small workbook (statistics): rows in memory, any row type per sheet. */
export interface XlsxSheet<T> {
  name: string;
  columns: XlsxColumn<T>[];
  rows: T[];
}

/** Several sheets in one workbook, each written like `writeXlsx`'s (values only, never formulas). */
export async function writeXlsxSheets<T extends unknown[]>(sheets: { [K in keyof T]: XlsxSheet<T[K]> }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets as XlsxSheet<unknown>[]) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(s.columns.map((c) => c.value(row)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A column of an import template: its header, and how Excel should treat what is typed below it. */
export interface TemplateColumn {
  header: string;
  width?: number;
  /** Formatted as text (numFmt '@'): Excel keeps an 18-digit ID number or a leading 0 as typed. */
  text?: boolean;
  /** A dropdown of these values (a list data validation) on the data rows; nothing else accepted. */
  list?: readonly string[];
}

/**
 * An import template: the header row of the sheet to fill (first, so the import reads it), its
 * columns' text format and dropdowns on data rows 2…`rows + 1`, then reference sheets (such as the
 * codes the user may enter) and a notes sheet. Values only, never formulas, as in `writeXlsx`.
 */
export async function writeXlsxTemplate<T extends unknown[]>(
  sheetName: string,
  columns: TemplateColumn[],
  opts: { rows: number; sheets?: { [K in keyof T]: XlsxSheet<T[K]> }; notes?: { name: string; lines: string[] } },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const last = opts.rows + 1;
  columns.forEach((c, i) => {
    if (!c.list) return;
    const formula = `"${c.list.join(',')}"`;
    // Excel's limit for a list typed into the validation (longer ones need a range of cells).
    if (formula.length > 257 || c.list.some((v) => /[,"]/.test(v))) throw new Error(`template list of ${c.header} too long or not plain`);
    const letter = sheet.getColumn(i + 1).letter;
    // A range at once (exceljs's typings know only cell.dataValidation, one cell at a time).
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${last}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: c.header,
        error: `${c.header}请从下拉列表中选择：${c.list.join('、')}`,
      },
    );
  });
  for (const s of (opts.sheets ?? []) as XlsxSheet<unknown>[]) {
    const ws = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(s.columns.map((c) => c.value(row)));
  }
  if (opts.notes) {
    const help = workbook.addWorksheet(opts.notes.name);
    help.getColumn(1).width = 90;
    for (const line of opts.notes.lines) help.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type Cell = string | null;

/**
 * A data row as read: its cells as text, and which of them the file stored as numbers (Excel turns
 * an 18-digit ID number typed into a General cell into a number and keeps 15 digits of it).
 */
export interface XlsxRow {
  rowNumber: number;
  cells: Cell[];
  numeric: boolean[];
}

/**
 * Reads the first sheet: checks that the header row is exactly `headers` (in order), then yields
 * each data row as strings (dates as YYYY-MM-DD, numbers as text), with its 1-based row number.
 */
export async function* readXlsxRows(content: Buffer, headers: string[]): AsyncGenerator<XlsxRow> {
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw AppError.field('file', '文件不是 Excel（.xlsx）格式，请使用下载的模板填写');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      if (sawSheet) break;
      sawSheet = true;
      let headerChecked = false;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = headers.map((_, i) => cellText(values[i + 1]));
        if (!headerChecked && values.some((v) => typeof v === 'object' && v !== null && 'sharedString' in v)) throw new UnresolvedStrings();
        if (!headerChecked) {
          const got = cells.map((c) => (c ?? '').trim());
          const missing = headers.filter((h, i) => got[i] !== h);
          if (missing.length) {
            throw AppError.field('file', `表头与模板不一致：第 1 行应依次为「${headers.join('、')}」，请使用下载的模板`);
          }
          headerChecked = true;
          continue;
        }
        if (cells.every((c) => c === null || c.trim() === '')) continue;
        yield { rowNumber: row.number, cells, numeric: headers.map((_, i) => isNumeric(values[i + 1])) };
      }
      if (!headerChecked) throw AppError.field('file', '表格是空的：第 1 行应为模板表头');
    }
  } catch (err) {
    if (err instanceof UnresolvedStrings) {
      yield* readLoaded(content, headers);
      return;
    }
    if (err instanceof AppError) throw err;
    throw AppError.field('file', 'Excel 文件已损坏或无法读取，请重新保存为 .xlsx 后再上传');
  }
  if (!sawSheet) throw AppError.field('file', 'Excel 文件中没有工作表');
}

/**
 * exceljs's streaming reader hands out shared strings unresolved (`{ sharedString: n }`) when the
 * zip holds the worksheet before the shared strings in an order it does not expect (about 1 in 300
 * small files exceljs itself writes). Such a file is read again whole, in memory.
 */
class UnresolvedStrings extends Error {}

async function* readLoaded(content: Buffer, headers: string[]): AsyncGenerator<XlsxRow> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as never);
  } catch {
    throw AppError.field('file', 'Excel 文件已损坏或无法读取，请重新保存为 .xlsx 后再上传');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw AppError.field('file', 'Excel 文件中没有工作表');
  const got = headers.map((_, i) => (cellText((sheet.getRow(1).values as unknown[])[i + 1]) ?? '').trim());
  if (headers.some((h, i) => got[i] !== h))
    throw AppError.field('file', `表头与模板不一致：第 1 行应依次为「${headers.join('、')}」，请使用下载的模板`);
  for (let n = 2; n <= sheet.rowCount; n++) {
    const values = sheet.getRow(n).values as unknown[];
    const cells: Cell[] = headers.map((_, i) => cellText(values[i + 1]));
    if (cells.every((c) => c === null || c.trim() === '')) continue;
    yield { rowNumber: n, cells, numeric: headers.map((_, i) => isNumeric(values[i + 1])) };
  }
}

/** Whether a cell holds a number (a formula's numeric result included). */
function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return true;
  return typeof v === 'object' && v !== null && typeof (v as { result?: unknown }).result === 'number';
}

function cellText(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  // An integer past 2^53 is shown with the digits Excel kept (3.70811196604127E+17 → 370811196604127000),
  // not the binary value's expansion (…126976).
  if (typeof v === 'number')
    return Number.isInteger(v) ? (Number.isSafeInteger(v) || Math.abs(v) >= 1e21 ? v.toFixed(0) : String(v)) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (o.richText)
      return (
        o.richText
          .map((t) => t.text)
          .join('')
          .trim() || null
      );
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v);
}

/**
 * A whole table from an upload: CSV (UTF-8, comma separated; a name ending in .csv) or .xlsx (the
 * first sheet), its first row exactly `headers`. Agencies and banks answer in either.
 */
export async function readTable(
  file: { name: string; content: Buffer },
  headers: readonly string[],
): Promise<{ rowNumber: number; cells: Cell[] }[]> {
  return (await readTableIn(file, [headers])).rows;
}

/**
 * A table in one of several layouts (header rows), and which one it is: the first that matches.
 * A CSV is parsed once whatever the number of layouts. With no match, the error of the first.
 */
export async function readTableIn(
  file: { name: string; content: Buffer },
  layouts: readonly (readonly string[])[],
): Promise<{ layout: number; rows: { rowNumber: number; cells: Cell[] }[] }> {
  if (/\.csv$/i.test(file.name)) {
    let records: string[][];
    try {
      records = parseCsv(file.content, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
    } catch {
      throw AppError.field('file', 'CSV 文件无法读取，请检查格式（UTF-8，逗号分隔）');
    }
    const layout = layouts.findIndex((headers) => records.length > 0 && headers.every((h, i) => records[0][i] === h));
    if (layout < 0) throw AppError.field('file', `表头应依次为「${layouts[0].join('、')}」`);
    const headers = layouts[layout];
    return { layout, rows: records.slice(1).map((r, i) => ({ rowNumber: i + 2, cells: headers.map((_, j) => r[j] || null) })) };
  }
  let first: unknown;
  for (const [layout, headers] of layouts.entries()) {
    try {
      const rows: { rowNumber: number; cells: Cell[] }[] = [];
      for await (const r of readXlsxRows(file.content, [...headers])) rows.push(r);
      return { layout, rows };
    } catch (e) {
      // A header that does not match (checked on the first row, before any other is read) tries the next layout.
      if (!(e instanceof AppError && /表头/.test(e.message))) throw e;
      first ??= e;
    }
  }
  throw first;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
