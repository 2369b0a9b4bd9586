/**
 * TOTP second factor for staff (docs/security.md A3; RFC 6238) over the `otpauth` library: 30-second steps,
 * 6 digits, HMAC-SHA-1, which is what authenticator apps expect. A code one step early or late is
 * accepted (clock drift); a step at or before the last one used is a replay and refused, so a code
 * seen over a shoulder or in a proxy log cannot be used again.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const DIGITS = 6;
/** ±1 step: RFC 6238 §5.2 recommends at most one step of allowed network delay. */
const WINDOW = 1;
const ISSUER = '济民';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

/** A new random secret (160 bits, RFC 4226 §4), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries for enrolment. */
export function totpUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/** The code at a given time (tests, and the administrator's reset check). */
export function totpCodeAt(secret: string, timeMs: number): string {
  return totp(secret).generate({ timestamp: timeMs });
}

/**
 * Checks a code typed by the user (spaces allowed: apps show "123 456"). On success returns the step
 * the code belongs to: the caller stores it as the new `lastUsedStep`, in the same transaction as
 * the login, so that the same code cannot open a second session.
 */
export function verifyTotp(secret: string, code: string, lastUsedStep: number | null, nowMs = Date.now()): TotpCheck {
  const token = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(token)) return { ok: false, reason: 'invalid' };
  const delta = totp(secret).validate({ token, timestamp: nowMs, window: WINDOW });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const step = TOTP.counter({ period: PERIOD, timestamp: nowMs }) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step };
}

function totp(secret: string, label = 'account'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}
