/**
 * Resident ID numbers (公民身份号码), GB 11643-1999 (docs/rules.md "Identifiers"): 6-digit address code, birth date
 * YYYYMMDD, 3-digit sequence (odd = male, even = female), check character (ISO 7064 MOD 11-2).
 * Runs in the browser too: no node: imports.
 *
 * Address codes are deliberately NOT checked against today's division list: codes are retired all
 * the time (370802 old 市中区, 370882 old 兖州市, 440524 of the standard's own example) and the IDs
 * issued under them stay valid for life. Only the province-level prefix is checked.
 */
export type ResidentIdResult =
  { ok: true; idNumber: string; sex: 'male' | 'female'; birthDate: string; addressCode: string } | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** S mod 11 = 0…10 → check character. */
const CHECK = '10X98765432';
/** Province-level codes of GB/T 2260, with 71 台湾 and 81/82 香港/澳门 (docs/rules.md "Identifiers"). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);
/** No living resident is older; the standard's own example 440524188001010014 is born 1880-01-01. */
const EARLIEST_BIRTH_YEAR = 1880;

/**
 * Parses and validates an ID number typed by a person: spaces anywhere are dropped, full-width
 * characters from a Chinese input method (１２…Ｘ) and a lowercase x are normalised.
 * `today` (YYYY-MM-DD, default: today in Asia/Shanghai) is the latest allowed birth date.
 */
export function parseResidentId(input: string, opts: { today?: string } = {}): ResidentIdResult {
  const id = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (id.length !== 18) return { ok: false, message: `长度应为 18 位（当前 ${id.length} 位）` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '前 17 位应为数字，最后一位为数字或 X' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, message: `省级代码 ${id.slice(0, 2)} 无效` };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return { ok: false, message: `出生日期 ${id.slice(6, 14)} 无效` };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < EARLIEST_BIRTH_YEAR) return { ok: false, message: `出生日期 ${birthDate} 无效（不能早于 ${EARLIEST_BIRTH_YEAR} 年）` };
  if (birthDate > (opts.today ?? todayInShanghai())) return { ok: false, message: `出生日期 ${birthDate} 不能晚于今天` };
  // Checked last so that a mistyped date or province is named as such, not as a wrong check digit.
  const expected = residentIdCheckChar(id);
  if (id[17] !== expected) return { ok: false, message: `校验位错误（按前 17 位应为 ${expected}）` };
  return { ok: true, idNumber: id, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate, addressCode: id.slice(0, 6) };
}

/** The check character (0–9 or X) of the first 17 digits; a longer string's 18th character is ignored. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}/.test(first17)) throw new RangeError('residentIdCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/**
 * A well-formed ID number for demo data and tests. It does not check that the date is real, so tests
 * can build impossible ones; it refuses a sequence outside 0–999 instead of wrapping it, which would
 * silently give two people the same number.
 */
export function generateResidentId(opts: { addressCode: string; birthDate: string; seq: number }): string {
  if (!/^\d{6}$/.test(opts.addressCode)) throw new RangeError(`addressCode must be 6 digits: ${opts.addressCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.birthDate)) throw new RangeError(`birthDate must be YYYY-MM-DD: ${opts.birthDate}`);
  if (!Number.isInteger(opts.seq) || opts.seq < 0 || opts.seq > 999) throw new RangeError(`seq must be 0-999: ${opts.seq}`);
  const first17 = opts.addressCode + opts.birthDate.replace(/-/g, '') + String(opts.seq).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && d >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today in Asia/Shanghai (UTC+8 all year: China has had no daylight saving since 1991). */
// Recomputed at most once a second: an import validates 100,000 numbers in a row.
let today = { at: 0, value: '' };
function todayInShanghai(): string {
  const now = Date.now();
  if (now - today.at > 1000) today = { at: now, value: new Date(now + 8 * 3600_000).toISOString().slice(0, 10) };
  return today.value;
}
