/**
 * Resident ID numbers (公民身份号码), GB 11643-1999: 6-digit address code, birth date YYYYMMDD,
 * 3-digit sequence (odd = male), check character. Runs in the browser too (no node imports).
 * Address codes are NOT checked against today's list: retired codes (370802, 370882, 440524 …)
 * stay valid for life on the IDs issued under them (domain.md §1).
 */
export type ResidentIdResult =
  | { ok: true; idNumber: string; sex: 'male' | 'female'; birthDate: string; addressCode: string }
  | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function parseResidentId(input: string): ResidentIdResult {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (id.length !== 18) return { ok: false, message: `长度应为 18 位（当前 ${id.length} 位）` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '前 17 位应为数字，最后一位为数字或 X' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, message: `省级代码 ${id.slice(0, 2)} 无效` };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, message: `出生日期 ${id.slice(6, 14)} 无效` };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1880) return { ok: false, message: `出生日期 ${birthDate} 无效` };
  if (birthDate > todayInShanghai()) return { ok: false, message: `出生日期 ${birthDate} 不能晚于今天` };
  const expected = residentIdCheckChar(id);
  if (id[17] !== expected) return { ok: false, message: `校验位错误（按前 17 位应为 ${expected}）` };
  return { ok: true, idNumber: id, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate, addressCode: id.slice(0, 6) };
}

/** A valid ID number for demo data and tests: address code + birth date + sequence (0–999). */
export function generateResidentId(opts: { addressCode: string; birthDate: string; seq: number }): string {
  const first17 = opts.addressCode + opts.birthDate.replace(/-/g, '') + String(opts.seq % 1000).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}
