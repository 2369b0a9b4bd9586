/**
 * Money is integer 分 (fen) everywhere; people read 元 with two decimals. Runs in the browser too.
 */

/** 157200 → '1,572.00'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
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
