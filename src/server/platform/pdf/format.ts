/**
 * What only printed documents write: dates in Chinese and amounts in capitals (大写金额). Dates arrive
 * as ISO strings. Amounts in figures are `yuan` of src/shared/money.ts, as everywhere else.
 */

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

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/** One group of four digits (1–9999) in capitals: 1050 → 壹仟零伍拾. */
function groupInWords(group: number): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(group / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[p];
  }
  return out;
}

/**
 * The amount in capitals (大写金额) as written on financial paper: 157200 → "壹仟伍佰柒拾贰元整",
 * 100050 → "壹仟元伍角", 100005 → "壹仟元零伍分", 5 → "伍分", 0 → "零元整".
 */
export function yuanInWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a whole number of fen, got ${fen}`);
  if (fen < 0) return `负${yuanInWords(-fen)}`;
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  const groups: number[] = [];
  for (let n = yuan; n > 0; n = Math.floor(n / 10_000)) groups.unshift(n % 10_000);
  let out = '';
  let skipped = false;
  groups.forEach((g, i) => {
    if (g === 0) {
      skipped = out !== '';
      return;
    }
    if (out && (g < 1000 || skipped)) out += '零';
    skipped = false;
    out += groupInWords(g) + GROUP_UNITS[groups.length - 1 - i];
  });
  if (out) out += '元';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (out) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}
