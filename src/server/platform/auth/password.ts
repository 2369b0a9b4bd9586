/**
 * Password policy and hashing (security.md A1): at least 8 characters with 3 of the 4 classes
 * (upper, lower, digit, symbol), or a passphrase of at least 16 characters; no common password and
 * not the account name. Stored as a salted scrypt hash.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { commonPasswords } from './common-passwords.js';

export type PolicyResult = { ok: true } | { ok: false; message: string };

export const POLICY_TEXT = '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类；或使用至少 16 位的口令短语';

export function checkPasswordPolicy(password: string, opts: { username?: string } = {}): PolicyResult {
  if (password.length > 128) return { ok: false, message: '密码不能超过 128 位' };
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || commonPasswords.has(lower.replace(/[^a-z0-9]/g, ''))) {
    return { ok: false, message: '该密码过于常见，容易被猜中，请换一个' };
  }
  if (opts.username && opts.username.length >= 3 && lower.includes(opts.username.toLowerCase())) {
    return { ok: false, message: '密码不能包含用户名' };
  }
  if (password.length >= 16 && new Set(password).size >= 6) return { ok: true };
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 8 || classes < 3) return { ok: false, message: POLICY_TEXT };
  return { ok: true };
}

const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
