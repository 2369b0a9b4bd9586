/**
 * Field encryption: SM4-CBC (PKCS#7 padding) with a random IV, then HMAC-SM3 over key id, IV and
 * ciphertext (encrypt-then-MAC). Stored as `<keyId>:<iv>:<ciphertext>:<mac>` (base64 parts). A
 * changed byte fails the MAC and raises an integrity error (security.md D2) instead of returning
 * garbage.
 *
 * Speed (an import encrypts two fields per row): creating an SM4-CBC cipher per field cost ~14 µs
 * with its MAC; keeping one SM4 block cipher per key (ECB, no padding) and chaining CBC here costs
 * ~8 µs (measured on 200,000 fields). The output is byte-identical to Node's `sm4-cbc`, which the
 * tests check.
 */
import { createCipheriv, createDecipheriv, createHmac, randomFillSync, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Keyring, KeyVersion } from './keyring.js';

const BLOCK = 16;

export class FieldCipher {
  private readonly engines = new Map<string, Engine>();
  private readonly lookup: KeyedMac;

  constructor(private readonly keyring: Keyring) {
    this.lookup = new KeyedMac(keyring.lookupKey);
  }

  encrypt(plain: string): string {
    const k = this.keyring.active;
    const e = this.engine(k);
    const iv = randomIv();
    const ct = e.encryptCbc(iv, Buffer.from(plain, 'utf8'));
    const mac = e.mac.digest(Buffer.from(k.id + ':'), iv, ct);
    return `${k.id}:${iv.toString('base64')}:${ct.toString('base64')}:${mac.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    const k = parts.length === 4 ? this.keyring.version(parts[0]) : undefined;
    if (!k) throw integrityError();
    const e = this.engine(k);
    const iv = Buffer.from(parts[1], 'base64');
    const ct = Buffer.from(parts[2], 'base64');
    const mac = Buffer.from(parts[3], 'base64');
    const expected = e.mac.digest(Buffer.from(k.id + ':'), iv, ct);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected) || iv.length !== BLOCK || ct.length === 0 || ct.length % BLOCK) {
      throw integrityError();
    }
    const plain = e.decryptCbc(iv, ct);
    if (!plain) throw integrityError();
    return plain.toString('utf8');
  }

  /** Keyed hash (HMAC-SM3) of a normalised value for exact lookup and uniqueness. */
  lookupHash(normalised: string): string {
    return this.lookup.digest(Buffer.from(normalised, 'utf8')).toString('hex');
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

/** One key version: its SM4 block cipher in both directions and its MAC. */
class Engine {
  private readonly enc: Cipher;
  private readonly dec: Decipher;
  readonly mac: KeyedMac;

  constructor(k: KeyVersion) {
    this.enc = createCipheriv('sm4-ecb', k.encKey, null).setAutoPadding(false);
    this.dec = createDecipheriv('sm4-ecb', k.encKey, null).setAutoPadding(false);
    this.mac = new KeyedMac(k.macKey);
  }

  encryptCbc(iv: Buffer, plain: Buffer): Buffer {
    const pad = BLOCK - (plain.length % BLOCK);
    const out = Buffer.alloc(plain.length + pad);
    plain.copy(out);
    out.fill(pad, plain.length);
    let prev = iv;
    for (let off = 0; off < out.length; off += BLOCK) {
      const block = out.subarray(off, off + BLOCK);
      for (let i = 0; i < BLOCK; i++) block[i] ^= prev[i];
      const c = this.enc.update(block);
      c.copy(out, off);
      prev = out.subarray(off, off + BLOCK);
    }
    return out;
  }

  /** null when the padding is not valid PKCS#7. */
  decryptCbc(iv: Buffer, ct: Buffer): Buffer | null {
    const out = Buffer.alloc(ct.length);
    let prev = iv;
    for (let off = 0; off < ct.length; off += BLOCK) {
      const p = this.dec.update(ct.subarray(off, off + BLOCK));
      for (let i = 0; i < BLOCK; i++) out[off + i] = p[i] ^ prev[i];
      prev = ct.subarray(off, off + BLOCK);
    }
    const pad = out[out.length - 1];
    if (pad < 1 || pad > BLOCK) return null;
    for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
    return out.subarray(0, out.length - pad);
  }
}

/** HMAC-SM3 with a fixed key. */
class KeyedMac {
  constructor(private readonly key: Buffer) {}

  digest(...parts: Buffer[]): Buffer {
    const h = createHmac('sm3', this.key);
    for (const p of parts) h.update(p);
    return h.digest();
  }
}

// IVs from a pooled random buffer: one getrandom call per 256 fields.
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

function integrityError(): AppError {
  return new AppError('INTEGRITY', '数据完整性校验失败，记录可能被篡改，请联系管理员');
}
