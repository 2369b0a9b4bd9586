/**
 * Formatting of money and dates for printed documents. Money is integer 分 (fen) everywhere in the
 * platform and is printed as 元 with two decimals and thousands separators; dates arrive as ISO strings.
 */

/** 157200 → "1,572.00" (no unit). Throws on a non-integer amount: fen are always whole. */
export function yuanAmount(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a whole number of fen, got ${fen}`);
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}

/** 157200 → "1,572.00 元". */
export function formatYuan(fen: number): string {
  return `${yuanAmount(fen)} 元`;
}

/** '2026-11-20' → "2026年11月20日". */
export function formatDateZh(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** '2026-12' → "2026年12月". */
export function formatMonthZh(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  return `${m[1]}年${Number(m[2])}月`;
}
