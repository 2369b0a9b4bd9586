import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';
import { totpCodeAt, verifyTotp, newTotpSecret } from './totp.js';

describe('password policy (A1)', () => {
  it('A1 rejects a 7-character password naming the rule', () => {
    expect(checkPasswordPolicy('Ab1!xyz')).toEqual({ ok: false, message: expect.stringContaining('至少 8 位') });
  });
  it('A1 rejects a long password of one character class', () => {
    expect(checkPasswordPolicy('abcdefghijkl').ok).toBe(false);
  });
  it('A1 rejects a common password', () => {
    expect(checkPasswordPolicy('Password123!')).toEqual({ ok: false, message: expect.stringContaining('常见') });
  });
  it('A1 rejects a password containing the user name', () => {
    expect(checkPasswordPolicy('Zhangwei-2026!', { username: 'zhangwei' }).ok).toBe(false);
  });
  it('A1 accepts three classes in 8 characters and a 64-character passphrase', () => {
    expect(checkPasswordPolicy('Jn#2026ok').ok).toBe(true);
    expect(checkPasswordPolicy('a quiet river runs past the mill and on towards the weishan lake').ok).toBe(true);
  });
  it('A1 stores only a salted slow hash', async () => {
    const a = await hashPassword('Jn#2026ok');
    const b = await hashPassword('Jn#2026ok');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Jn#2026ok');
    expect(await verifyPassword('Jn#2026ok', a)).toBe(true);
    expect(await verifyPassword('Jn#2026oK', a)).toBe(false);
  });
});

describe('TOTP (A3)', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 23, 8, 0, 0);
  it('A3 accepts the current code', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now), null, now).ok).toBe(true);
  });
  it('A3 refuses a reused code', () => {
    const first = verifyTotp(secret, totpCodeAt(secret, now), null, now);
    expect(first.ok && verifyTotp(secret, totpCodeAt(secret, now), first.step, now)).toEqual({ ok: false, reason: 'reused' });
  });
  it('A3 refuses a code five minutes old', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now - 300_000), null, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
