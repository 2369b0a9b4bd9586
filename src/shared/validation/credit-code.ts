/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015 (docs/rules.md "Identifiers"), for social
 * organisations and enterprises: 18 characters over 0-9 and A-Z without I, O, Z, S, V (31 symbols,
 * values 0–30, easily confused letters left out); the 18th is a check character (mod 31).
 * Runs in the browser too: no node: imports.
 */
export type CreditCodeResult = { ok: true; code: string } | { ok: false; message: string };

/** Symbol i has value i. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Parses a code as typed: spaces dropped, lowercase and full-width characters (from a Chinese input
 * method) normalised.
 */
export function parseCreditCode(input: string): CreditCodeResult {
  const code = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, message: `长度应为 18 位（当前 ${code.length} 位）` };
  const bad = [...code].find((ch) => !ALPHABET.includes(ch));
  if (bad) return { ok: false, message: `含有不允许的字符「${bad}」（只用数字和除 I、O、Z、S、V 以外的大写字母）` };
  const expected = creditCodeCheckChar(code);
  if (code[17] !== expected) return { ok: false, message: `校验位错误（按前 17 位应为 ${expected}）` };
  return { ok: true, code };
}

/** Check = 31 − (Σ value·weight mod 31), where 31 becomes 0. A longer string's 18th character is ignored. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = first17.charAt(i);
    const v = ch === '' ? -1 : ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError('creditCodeCheckChar needs 17 characters of the GB 32100 alphabet');
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}
