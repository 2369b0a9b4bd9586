/**
 * CSV out: every CSV the platform writes goes through `writeCsv`, so no cell reaches a spreadsheet
 * as a formula (V5, CSV injection). A cell of free text (a name, a bank name, a remark) that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote (OWASP), which
 * Excel, WPS and LibreOffice show as text. Figures the platform computed itself (an amount such as
 * `-12.50`, a validated account number) are declared `kind: 'number'` and written as they are: a
 * bank system reads them as numbers, and a quote would corrupt them. A "number" that is not one is
 * neutralised like text, so a mistaken column declaration cannot open the hole again.
 */
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  /** 'text' (the default): free text, neutralised. 'number': a figure the platform computed, written as is. */
  kind?: 'text' | 'number';
}

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

/** A free-text cell that no spreadsheet evaluates: a leading `= + - @`, tab or CR gets a `'` before it. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function cell(value: string | number | null, kind: 'text' | 'number'): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return kind === 'number' && plainNumber.test(value) ? value : neutraliseFormula(value);
}

/** A table as CSV: UTF-8 with a BOM (so Excel opens the Chinese correctly), a header row, RFC 4180 quoting. */
export function writeCsv<T>(columns: CsvColumn<T>[], source: Iterable<T>): Buffer {
  const records: string[][] = [columns.map((c) => neutraliseFormula(c.header))];
  for (const row of source) records.push(columns.map((c) => cell(c.value(row), c.kind ?? 'text')));
  return Buffer.from(`\uFEFF${stringify(records)}`, 'utf8');
}
