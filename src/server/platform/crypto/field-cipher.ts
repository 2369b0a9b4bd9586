/**
 * Field encryption: SM4-CBC with a random IV, then HMAC-SM3 over key id, IV and ciphertext
 * (encrypt-then-MAC). Stored as `<keyId>:<iv>:<ciphertext>:<mac>` (base64 parts). A changed byte
 * fails the MAC and raises an integrity error (security.md D2) instead of returning garbage.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import { hmacSm3, sm4CbcDecrypt, sm4CbcEncrypt } from './sm.js';
import type { Keyring } from './keyring.js';

export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  encrypt(plain: string): string {
    const k = this.keyring.active;
    const iv = randomBytes(16);
    const ct = sm4CbcEncrypt(k.encKey, iv, Buffer.from(plain, 'utf8'));
    const mac = hmacSm3(k.macKey, Buffer.concat([Buffer.from(k.id + ':'), iv, ct]));
    return `${k.id}:${iv.toString('base64')}:${ct.toString('base64')}:${mac.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    const k = parts.length === 4 ? this.keyring.version(parts[0]) : undefined;
    if (!k) throw integrityError();
    const iv = Buffer.from(parts[1], 'base64');
    const ct = Buffer.from(parts[2], 'base64');
    const mac = Buffer.from(parts[3], 'base64');
    const expected = hmacSm3(k.macKey, Buffer.concat([Buffer.from(k.id + ':'), iv, ct]));
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected) || iv.length !== 16) throw integrityError();
    try {
      return sm4CbcDecrypt(k.encKey, iv, ct).toString('utf8');
    } catch {
      throw integrityError();
    }
  }

  /** Keyed hash (HMAC-SM3) of a normalised value for exact lookup and uniqueness. */
  lookupHash(normalised: string): string {
    return hmacSm3(this.keyring.lookupKey, normalised).toString('hex');
  }
}

function integrityError(): AppError {
  return new AppError('INTEGRITY', '数据完整性校验失败，记录可能被篡改，请联系管理员');
}
