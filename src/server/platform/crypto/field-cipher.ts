/**
 * Field encryption of personal data at rest (docs/architecture.md "Data protection"; docs/security.md D1, D2):
 * SM4-CBC with PKCS#7 padding and a random IV, then HMAC-SM3 over key id, IV and ciphertext
 * (encrypt-then-MAC, so nothing is decrypted before it is authenticated and padding errors are no
 * oracle). Stored as one string:
 *
 *   <keyId>:<base64 iv>:<base64 ciphertext>:<base64 mac>     mac = HMAC-SM3(macKey, "<keyId>:" ‖ iv ‖ ct)
 *
 * The key id is inside the MAC so a row cannot be relabelled to another key version; the IV has a
 * fixed length, so "<keyId>:" ‖ iv ‖ ct is unambiguous. Any change to the stored text (a flipped bit,
 * non-canonical base64, an unknown key id, a missing part) raises AppError INTEGRITY (D2): the record
 * is reported as altered, never shown as garbage.
 *
 * Speed: an import encrypts and hashes two fields per row, and lists decrypt a page of them.
 * A new `sm4-cbc` cipher per field costs ~6 µs and a new `createHmac('sm3')` ~5 µs, mostly native
 * set-up. So each key version keeps one long-lived SM4 cipher per direction (one native call per
 * field) and a prepared HMAC-SM3 key (JavaScript SM3, see sm.ts). The bytes are exactly those of
 * Node's `sm4-cbc` and `createHmac('sm3')`, which the tests check.
 */
import { createCipheriv, createDecipheriv, randomFillSync, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Keyring, KeyVersion } from './keyring.js';
import { HmacSm3Key } from './sm.js';

const BLOCK = 16;

export const INTEGRITY_MESSAGE = '数据完整性校验失败，记录可能被篡改，请联系管理员';

export class FieldCipher {
  private readonly engines = new Map<string, Engine>();
  private readonly lookup: HmacSm3Key;

  constructor(private readonly keyring: Keyring) {
    this.lookup = new HmacSm3Key(keyring.lookupKey);
  }

  encrypt(plain: string): string {
    const e = this.engine(this.keyring.active);
    const iv = randomIv();
    const ct = e.encryptCbc(iv, plain);
    const mac = e.mac.mac(e.macPrefix, iv, ct);
    return `${e.id}:${iv.toString('base64')}:${ct.toString('base64')}:${mac.toString('base64')}`;
  }

  /** Throws AppError INTEGRITY when the stored text is not exactly what `encrypt` produced. */
  decrypt(stored: string): string {
    const plain = this.tryDecrypt(stored);
    if (plain === null) throw integrityError();
    return plain;
  }

  /**
   * The clear text, or null when the stored text is not exactly what `encrypt` produced (never
   * garbage). For display, use FieldView (field-view.ts): it shows 数据校验失败 and audits (D7).
   */
  tryDecrypt(stored: string): string | null {
    const parts = stored.split(':');
    if (parts.length !== 4) return null;
    const k = this.keyring.version(parts[0]);
    const iv = strictBase64(parts[1]);
    const ct = strictBase64(parts[2]);
    const mac = strictBase64(parts[3]);
    if (!k || !iv || !ct || !mac || iv.length !== BLOCK || ct.length === 0 || ct.length % BLOCK !== 0) return null;
    const e = this.engine(k);
    const expected = e.mac.mac(e.macPrefix, iv, ct);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    const plain = e.decryptCbc(iv, ct);
    // Unreachable unless the MAC key was shared with another writer: still never return garbage.
    if (!plain) return null;
    return plain.toString('utf8');
  }

  /**
   * Keyed hash (hex HMAC-SM3 with the lookup key) of an already normalised value, for exact lookup and
   * uniqueness of ID numbers and phones without decrypting (D1). Stable across key rotations.
   */
  lookupHash(normalised: string): string {
    return this.lookup.mac(Buffer.from(normalised, 'utf8')).toString('hex');
  }

  private engine(k: KeyVersion): Engine {
    let e = this.engines.get(k.id);
    if (!e) {
      e = new Engine(k);
      this.engines.set(k.id, e);
    }
    return e;
  }
}

/** One key version: long-lived SM4 ciphers in both directions and its prepared MAC key. */
class Engine {
  readonly id: string;
  readonly macPrefix: Buffer;
  readonly mac: HmacSm3Key;
  /**
   * An `sm4-cbc` cipher that is never finalised: OpenSSL chains each update on from the last
   * ciphertext block it produced (`chain`). XORing `chain ⊕ iv` into the first block cancels that
   * and starts a fresh CBC message under `iv`, in one native call for the whole field.
   */
  private readonly enc: Cipher;
  private readonly chain = Buffer.alloc(BLOCK);
  /** CBC decryption is parallel: decrypt all blocks in ECB, then XOR each with the block before. */
  private readonly dec: Decipher;

  constructor(k: KeyVersion) {
    this.id = k.id;
    this.macPrefix = Buffer.from(`${k.id}:`, 'utf8');
    this.mac = new HmacSm3Key(k.macKey);
    this.enc = createCipheriv('sm4-cbc', k.encKey, this.chain).setAutoPadding(false);
    this.dec = createDecipheriv('sm4-ecb', k.encKey, null).setAutoPadding(false);
  }

  encryptCbc(iv: Buffer, plain: string): Buffer {
    const len = Buffer.byteLength(plain, 'utf8');
    const pad = BLOCK - (len % BLOCK); // PKCS#7: always 1–16 bytes
    const buf = Buffer.allocUnsafe(len + pad);
    buf.write(plain, 0, 'utf8');
    buf.fill(pad, len);
    for (let i = 0; i < BLOCK; i++) buf[i] ^= iv[i] ^ this.chain[i];
    const ct = this.enc.update(buf);
    // Whole blocks with padding off come straight back; anything else would desynchronise `chain`.
    if (ct.length !== buf.length) throw new AppError('INTERNAL', '加密失败');
    ct.copy(this.chain, 0, ct.length - BLOCK);
    return ct;
  }

  /** The plaintext, or null when the PKCS#7 padding is not valid. */
  decryptCbc(iv: Buffer, ct: Buffer): Buffer | null {
    const out = this.dec.update(ct);
    if (out.length !== ct.length) return null;
    for (let i = 0; i < BLOCK; i++) out[i] ^= iv[i];
    for (let i = BLOCK; i < out.length; i++) out[i] ^= ct[i - BLOCK];
    const pad = out[out.length - 1];
    if (pad < 1 || pad > BLOCK) return null;
    for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
    return out.subarray(0, out.length - pad);
  }
}

/** Base64 that re-encodes to itself: Buffer.from alone skips bad characters and ignores spare bits. */
function strictBase64(s: string): Buffer | null {
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}

// IVs come from a pooled CSPRNG buffer: one getrandom call per 256 fields instead of one each.
const pool = Buffer.alloc(BLOCK * 256);
let poolOffset = pool.length;
function randomIv(): Buffer {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const iv = Buffer.from(pool.subarray(poolOffset, poolOffset + BLOCK));
  poolOffset += BLOCK;
  return iv;
}

export function integrityError(): AppError {
  return new AppError('INTEGRITY', INTEGRITY_MESSAGE);
}
