/** Masking for display (architecture.md "Personal data"; security.md Z5, D4). Browser-safe. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 5) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 5) + phone.slice(-2);
}

/** Public pages (公示): first character, then one star per remaining character (张三 → 张*). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}
