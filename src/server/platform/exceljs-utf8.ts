/**
 * exceljs 4.4's streaming XML parser decodes each chunk of a zip entry on its own
 * (`lib/utils/parse-sax.js`), so a Chinese character whose UTF-8 bytes straddle two chunks turns
 * into U+FFFD (seen: 9 rows of a 100,000-row roster read back as "农��"). This replaces that
 * module, before exceljs loads it, with the same parser fed through a streaming TextDecoder.
 * Import this module before 'exceljs'.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const path = require.resolve('exceljs/lib/utils/parse-sax.js');
const { SaxesParser } = require('saxes') as { SaxesParser: new () => SaxParser };

interface SaxParser {
  on(event: 'error' | 'opentag' | 'text' | 'closetag', fn: (v: never) => void): void;
  write(text: string): void;
}
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e: Error) => (error = e) as never);
  parser.on('opentag', (value: never) => events.push({ eventType: 'opentag', value }) as never);
  parser.on('text', (value: never) => events.push({ eventType: 'text', value }) as never);
  parser.on('closetag', (value: never) => events.push({ eventType: 'closetag', value }) as never);
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const cached = require.cache[path];
if (cached) cached.exports = parseSax;
else {
  require(path);
  require.cache[path]!.exports = parseSax;
}

/*
 * A second fix in the same reader: when a file's worksheet entry comes before `xl/workbook.xml` in
 * the zip (the order varies; about 1 in 300 small files exceljs itself writes), `_parseWorksheet`
 * reads `this.model.sheets` before the workbook was parsed and throws, and the import reported a
 * good file as broken. With no model yet, the sheet is read without its name, which is all we use.
 */
const WorkbookReader = require('exceljs/lib/stream/xlsx/workbook-reader.js') as {
  prototype: { _parseWorksheet: (...args: unknown[]) => unknown };
};
const parseWorksheet = WorkbookReader.prototype._parseWorksheet;
WorkbookReader.prototype._parseWorksheet = function (this: { model?: unknown }, ...args: unknown[]) {
  this.model ??= {};
  return parseWorksheet.apply(this, args);
};
