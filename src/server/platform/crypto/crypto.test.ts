import { describe, expect, it } from 'vitest';
import { sm3Hex, sm4EncryptBlock } from './sm.js';
import { Keyring } from './keyring.js';
import { FieldCipher } from './field-cipher.js';
import { AppError } from '../errors.js';

describe('SM3 and SM4 known-answer vectors', () => {
  it('D3 SM3("abc") matches GB/T 32905', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('D3 SM3("abcd" × 16) matches GB/T 32905', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('D3 SM4 block encryption matches GB/T 32907', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EncryptBlock(k, k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('field encryption', () => {
  const cipher = new FieldCipher(Keyring.fromJson(Keyring.generateJson(), 'test'));

  it('round-trips Chinese text and never stores the plaintext', () => {
    const stored = cipher.encrypt('370811199001011234 糖尿病');
    expect(stored).not.toContain('3708111990');
    expect(cipher.decrypt(stored)).toBe('370811199001011234 糖尿病');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('D2 a flipped byte anywhere fails the integrity check instead of returning garbage', () => {
    const stored = cipher.encrypt('13912345678');
    const parts = stored.split(':');
    for (const i of [1, 2, 3]) {
      const raw = Buffer.from(parts[i], 'base64');
      raw[raw.length - 1] ^= 0x01;
      const tampered = [...parts];
      tampered[i] = raw.toString('base64');
      expect(() => cipher.decrypt(tampered.join(':'))).toThrow(AppError);
      try {
        cipher.decrypt(tampered.join(':'));
      } catch (e) {
        expect((e as AppError).code).toBe('INTEGRITY');
      }
    }
  });

  it('reads old ciphertexts after a key rotation and keeps the lookup hash', () => {
    const json = JSON.parse(Keyring.generateJson());
    const before = new FieldCipher(Keyring.fromJson(JSON.stringify(json), 'v1'));
    const old = before.encrypt('秘密');
    json.keys.k2 = Buffer.alloc(48, 7).toString('base64');
    json.active = 'k2';
    const after = new FieldCipher(Keyring.fromJson(JSON.stringify(json), 'v2'));
    expect(after.decrypt(old)).toBe('秘密');
    expect(after.encrypt('x').startsWith('k2:')).toBe(true);
    expect(after.lookupHash('11010519491231002X')).toBe(before.lookupHash('11010519491231002X'));
  });

  it('refuses a malformed key configuration with a clear message', () => {
    expect(() => Keyring.fromJson('{"active":"k1","lookup":"AAAA","keys":{}}', 'JIMIN_KEYS')).toThrow(/lookup/);
  });
});

describe('field encryption is standard SM4-CBC and HMAC-SM3', () => {
  it('D3 matches Node\'s sm4-cbc and HMAC-SM3 byte for byte', async () => {
    const { createDecipheriv, createHmac } = await import('node:crypto');
    const json = JSON.parse(Keyring.generateJson());
    const ring = Keyring.fromJson(JSON.stringify(json), 't');
    const cipher = new FieldCipher(ring);
    const k = ring.active;
    for (const plain of ['', 'a', '0123456789abcdef', '370811199001011234', '欧阳娜娜 糖尿病，高血压'.repeat(7)]) {
      const [id, ivB, ctB, macB] = cipher.encrypt(plain).split(':');
      const iv = Buffer.from(ivB, 'base64');
      const ct = Buffer.from(ctB, 'base64');
      const d = createDecipheriv('sm4-cbc', k.encKey, iv);
      expect(Buffer.concat([d.update(ct), d.final()]).toString('utf8')).toBe(plain);
      const mac = createHmac('sm3', k.macKey).update(Buffer.concat([Buffer.from(id + ':'), iv, ct])).digest('base64');
      expect(macB).toBe(mac);
    }
    expect(cipher.lookupHash('11010519491231002X')).toBe(createHmac('sm3', ring.lookupKey).update('11010519491231002X').digest('hex'));
  });
});
