/**
 * Masking for display: API and UI show encrypted fields masked unless the user may unmask them
 * (docs/architecture.md "Data protection"; docs/security.md Z5), and public pages show names masked (D4).
 * Runs in the browser too: no node: imports.
 */

/**
 * What lists, record pages, exports and PDFs show instead of an encrypted field whose stored
 * ciphertext fails its integrity check (docs/security.md D7); the rest of the record is served.
 */
export const DAMAGED_FIELD = '数据校验失败';

/** First 6 (the address code) + a star per hidden character + last 4: 18 → 110105********002X. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  // Too short to keep 10 characters and still hide anything: hide it all.
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** Mobile (11 digits from 1): 3 + **** + 4. Anything else (landlines, extensions): first 3 + stars + last 2. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 5) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 5) + p.slice(-2);
}

/**
 * Public pages (公示, charity disclosure; D4): the first character, then a star per remaining
 * character (张三 → 张*, 欧阳娜娜 → 欧***). A one-character name still gets one star, so a public page
 * never shows a whole name. Counts code points, so a rare character outside the BMP (𠮷) is one.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
