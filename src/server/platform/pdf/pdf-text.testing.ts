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

/**
 * The printed lines of every page, top to bottom: the text items sharing a baseline joined left to
 * right, whitespace removed. A cell's text wrapped onto a second line shows as two lines here
 * ("张建" and "国"), which the whitespace-free page text cannot tell from "张建国".
 */
export async function pdfLines(pdf: Buffer): Promise<string[][]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const byBaseline = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5]);
      byBaseline.set(y, [...(byBaseline.get(y) ?? []), { x: item.transform[4], str: item.str }]);
    }
    pages.push(
      [...byBaseline.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, items]) =>
          items
            .sort((a, b) => a.x - b.x)
            .map((i) => i.str)
            .join('')
            .replace(/\s+/g, ''),
        ),
    );
  }
  return pages;
}
