/** Test support: reads a generated PDF back with unpdf (pdf.js) to assert on its text and fonts. */
import { extractText, getDocumentProxy } from 'unpdf';

/** The text of each page, with all whitespace removed (line wrapping and cell padding vary). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text.map((t) => t.replace(/\s+/g, ''));
}

/** All pages' text, whitespace removed. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('');
}

/** Whether the PDF embeds a TrueType Noto font (a subset: the name carries a six-letter tag). */
export function embedsNotoFont(pdf: Buffer): boolean {
  const raw = pdf.toString('latin1');
  return raw.includes('/FontFile2') && /\/BaseFont \/[A-Z]{6}\+Noto(Sans|Serif)SC-/.test(raw);
}
