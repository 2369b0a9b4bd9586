import { createDecipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { FieldCipher, INTEGRITY_MESSAGE } from './field-cipher.js';
import { Keyring } from './keyring.js';

const b64 = (bytes: number, fill: number) => Buffer.alloc(bytes, fill).toString('base64');
const ringJson = (keys: Record<string, string>, active: string) => JSON.stringify({ active, lookup: b64(32, 1), keys });
const ring = (keys: Record<string, string>, active: string) => Keyring.fromJson(ringJson(keys, active), 'test');

/** The error `decrypt` raises, or null when it returned. */
function decryptError(cipher: FieldCipher, stored: string): AppError | null {
  try {
    cipher.decrypt(stored);
    return null;
  } catch (e) {
    return e as AppError;
  }
}

describe('field encryption', () => {
  const cipher = new FieldCipher(Keyring.fromEnvOrFile({ env: {}, dataDir: null, log: () => {} }));

  it('round-trips Chinese text, empty strings and long notes without storing the plaintext', () => {
    for (const plain of ['', '1', '13912345678', '370811199001011234', '欧阳娜娜 糖尿病，高血压', '困难情况说明'.repeat(500)]) {
      const stored = cipher.encrypt(plain);
      expect(cipher.decrypt(stored)).toBe(plain);
    }
    expect(cipher.encrypt('370811199001011234')).not.toContain('3708111990');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it("stores <keyId>:<iv>:<ciphertext>:<mac> that Node's sm4-cbc and HMAC-SM3 read byte for byte", () => {
    const keyring = ring({ k1: b64(48, 5) }, 'k1');
    const c = new FieldCipher(keyring);
    // Many in a row: each message must restart CBC from its own IV, not chain on from the last one.
    for (const plain of ['', 'a', '0123456789abcdef', '370811199001011234', '13912345678', '欧阳娜娜 糖尿病，高血压'.repeat(7)]) {
      const [id, ivB, ctB, macB] = c.encrypt(plain).split(':');
      expect(id).toBe('k1');
      const iv = Buffer.from(ivB, 'base64');
      const ct = Buffer.from(ctB, 'base64');
      const d = createDecipheriv('sm4-cbc', keyring.active.encKey, iv);
      expect(Buffer.concat([d.update(ct), d.final()]).toString('utf8')).toBe(plain);
      expect(macB).toBe(
        createHmac('sm3', keyring.active.macKey)
          .update(Buffer.concat([Buffer.from('k1:'), iv, ct]))
          .digest('base64'),
      );
    }
  });

  it('D2 a flipped bit anywhere in the stored text fails the integrity check instead of returning garbage', () => {
    const stored = cipher.encrypt('13912345678');
    let tried = 0;
    for (let pos = 0; pos < stored.length; pos++) {
      for (let bit = 0; bit < 7; bit++) {
        const tampered = stored.slice(0, pos) + String.fromCharCode(stored.charCodeAt(pos) ^ (1 << bit)) + stored.slice(pos + 1);
        const err = decryptError(cipher, tampered);
        expect(err, `position ${pos}, bit ${bit}`).toBeInstanceOf(AppError);
        expect(err?.code).toBe('INTEGRITY');
        expect(err?.message).toBe('数据完整性校验失败，记录可能被篡改，请联系管理员');
        tried++;
      }
    }
    expect(tried).toBe(stored.length * 7);
  });

  it('D2 a flipped byte inside the IV, ciphertext or MAC fails the integrity check', () => {
    const stored = cipher.encrypt('370811199001011234');
    const parts = stored.split(':');
    for (const i of [1, 2, 3]) {
      const raw = Buffer.from(parts[i], 'base64');
      for (let byte = 0; byte < raw.length; byte++) {
        const changed = Buffer.from(raw);
        changed[byte] ^= 0x80;
        const tampered = [...parts];
        tampered[i] = changed.toString('base64');
        expect(decryptError(cipher, tampered.join(':'))?.code).toBe('INTEGRITY');
      }
    }
  });

  it('D2 a truncated, empty or relabelled value and an unknown key id are integrity errors too', () => {
    const stored = cipher.encrypt('13912345678');
    const [, iv, ct, mac] = stored.split(':');
    for (const bad of [
      '',
      stored.slice(0, -4),
      `${stored}:x`,
      `k9:${iv}:${ct}:${mac}`,
      `k1:${iv}::${mac}`,
      `k1:${iv}:${ct}:`,
      `k1:AAAA:${ct}:${mac}`,
    ]) {
      const err = decryptError(cipher, bad);
      expect(err?.code).toBe('INTEGRITY');
      expect(err?.message).toBe(INTEGRITY_MESSAGE);
    }
    // A row moved to another key version's label fails the MAC: the key id is authenticated.
    const two = new FieldCipher(ring({ k1: b64(48, 1), k2: b64(48, 1) }, 'k1'));
    expect(decryptError(two, two.encrypt('x').replace(/^k1:/, 'k2:'))?.code).toBe('INTEGRITY');
  });

  it('reads old ciphertexts after a key rotation, writes new ones with the new key, and keeps the lookup hash', () => {
    const before = new FieldCipher(ring({ k1: b64(48, 7) }, 'k1'));
    const old = before.encrypt('秘密');
    expect(old.startsWith('k1:')).toBe(true);
    const after = new FieldCipher(ring({ k1: b64(48, 7), k2: b64(48, 8) }, 'k2'));
    expect(after.decrypt(old)).toBe('秘密');
    const fresh = after.encrypt('新的');
    expect(fresh.startsWith('k2:')).toBe(true);
    expect(after.decrypt(fresh)).toBe('新的');
    expect(decryptError(before, fresh)?.code).toBe('INTEGRITY');
    expect(after.lookupHash('11010519491231002X')).toBe(before.lookupHash('11010519491231002X'));
  });

  it('D1 lookupHash is the hex HMAC-SM3 of the value under the lookup key, not the value or its plain hash', () => {
    const keyring = ring({ k1: b64(48, 5) }, 'k1');
    const hash = new FieldCipher(keyring).lookupHash('11010519491231002X');
    expect(hash).toBe(createHmac('sm3', keyring.lookupKey).update('11010519491231002X').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new FieldCipher(Keyring.fromEnvOrFile({ env: {}, dataDir: null, log: () => {} })).lookupHash('11010519491231002X')).not.toBe(
      hash,
    );
  });
});
