/**
 * Money is integer 分 (fen) everywhere; people read 元 with two decimals. The one place that turns 分
 * into 元 text and back, for the server (PDFs, xlsx, bank files, messages) and the web alike; runs in
 * the browser too. Three texts, each for its own use:
 * - `yuan`: what people read — pages, printed documents, spreadsheets, messages: 157200 → '1,572.00';
 * - `yuanPlain`: what a machine reads — bank files, where a thousands separator would break the
 *   amount column: 157200 → '1572.00';
 * - `yuanShort`: inside a computed breakdown ("924 × 3 − 1,200 = 1,572 元"): no decimals when whole.
 * None of them adds the unit: write `${yuan(fen)} 元` where the text needs it.
 */

/** The digits of 元 with two decimals, rounded to the whole 分 (fen are whole; a fraction is never printed). */
function yuanDigits(fen: number, separator: string): string {
  const whole = Math.round(fen);
  const abs = Math.abs(whole);
  const digits = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${whole < 0 ? '-' : ''}${digits}.${String(abs % 100).padStart(2, '0')}`;
}

/** For people to read (pages, PDFs, xlsx, messages): 157200 → '1,572.00', 5 → '0.05', -120000 → '-1,200.00'. */
export function yuan(fen: number): string {
  return yuanDigits(fen, ',');
}

/** For files a machine reads (bank payment files): 157200 → '1572.00', without thousands separators. */
export function yuanPlain(fen: number): string {
  return yuanDigits(fen, '');
}

/** For breakdowns: whole yuan without decimals when there are none (92400 → '924', 120050 → '1,200.50'). */
export function yuanShort(fen: number): string {
  return fen % 100 === 0 ? (fen / 100).toLocaleString('en-US') : yuan(fen);
}

/** '1,572.5' / '1572.50' / 1572.5 → 157250; null for anything that is not an amount with at most 2 decimals. */
export function parseYuan(value: string | number): number | null {
  const s = String(value).replace(/[,，\s元]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return s.startsWith('-') ? -fen : fen;
}
