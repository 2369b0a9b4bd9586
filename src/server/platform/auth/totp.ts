/**
 * TOTP second factor (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect) with the
 * `otpauth` library. A code is accepted one step early or late; a step at or before the last one
 * used is a replay and refused (security.md A3).
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totp(secret: string, label = 'account'): TOTP {
  return new TOTP({ issuer: '济民', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

export function totpCodeAt(secret: string, timeMs: number): string {
  return totp(secret).generate({ timestamp: timeMs });
}

export function verifyTotp(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  nowMs = Date.now(),
): { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' } {
  const delta = totp(secret).validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const step = Math.floor(nowMs / 1000 / PERIOD) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step };
}
