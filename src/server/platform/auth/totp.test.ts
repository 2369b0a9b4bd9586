import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt, totpUri, verifyTotp } from './totp.js';

const STEP = 30_000;

/** RFC 6238 appendix B's SHA-1 secret, the ASCII of "12345678901234567890": a fixed secret, so no test can flake. */
const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP second factor (A3)', () => {
  // Mid-step, so that "one step earlier" is unambiguous.
  const now = Date.UTC(2026, 10, 23, 8, 0, 15);

  it('A3 accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now), null, now)).toEqual({ ok: true, step: Math.floor(now / STEP) });
  });

  it('A3 accepts a code typed with a space, as authenticator apps show it', () => {
    const code = totpCodeAt(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now).ok).toBe(true);
  });

  it('A3 accepts a code one step early or late (clock drift) but not two', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now - STEP), null, now).ok).toBe(true);
    expect(verifyTotp(secret, totpCodeAt(secret, now + STEP), null, now).ok).toBe(true);
    expect(verifyTotp(secret, totpCodeAt(secret, now - 2 * STEP), null, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('A3 refuses a reused code', () => {
    const first = verifyTotp(secret, totpCodeAt(secret, now), null, now);
    if (!first.ok) throw new Error('the first use must succeed');
    expect(verifyTotp(secret, totpCodeAt(secret, now), first.step, now)).toEqual({ ok: false, reason: 'reused' });
    // Nor a still-valid code from the step before the one used.
    expect(verifyTotp(secret, totpCodeAt(secret, now - STEP), first.step, now)).toEqual({ ok: false, reason: 'reused' });
    // The next step's code works.
    expect(verifyTotp(secret, totpCodeAt(secret, now + STEP), first.step, now + STEP)).toEqual({ ok: true, step: first.step + 1 });
  });

  it('A3 refuses a stale code five minutes old', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, now - 5 * 60_000), null, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('A3 refuses a wrong code and input that is not 6 digits', () => {
    const code = totpCodeAt(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, null, now)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) {
      expect(verifyTotp(secret, bad, null, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('A3 generates the RFC 6238 test vectors (6-digit tails of 94287082, 07081804, 89005924)', () => {
    expect(totpCodeAt(secret, 59_000)).toBe('287082');
    expect(totpCodeAt(secret, 1_111_111_109_000)).toBe('081804');
    expect(totpCodeAt(secret, 1_234_567_890_000)).toBe('005924');
  });

  it('makes 160-bit base32 secrets and an otpauth URI naming the issuer and account', () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(fresh);
    const uri = totpUri(secret, 'zhangwei');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain('济民:zhangwei');
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
  });
});
