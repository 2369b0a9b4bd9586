/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters over 0-9 and A-Z
 * without I, O, Z, S, V (31 symbols); the last is a check character (mod 31).
 */
export type CreditCodeResult = { ok: true; code: string } | { ok: false; message: string };

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c];
}

export function parseCreditCode(input: string): CreditCodeResult {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, message: `长度应为 18 位（当前 ${code.length} 位）` };
  const bad = [...code].find((ch) => !ALPHABET.includes(ch));
  if (bad) return { ok: false, message: `含有不允许的字符「${bad}」（不使用 I、O、Z、S、V）` };
  const expected = creditCodeCheckChar(code);
  if (code[17] !== expected) return { ok: false, message: `校验位错误（按前 17 位应为 ${expected}）` };
  return { ok: true, code };
}
