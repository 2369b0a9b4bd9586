import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSm3Key, hmacSm3, sm3Hex, sm4CbcDecrypt, sm4CbcEncrypt, sm4EncryptBlock } from './sm.js';

describe('SM3 and SM4 (GB/T 32905, GB/T 32907)', () => {
  it('D3 SM3("abc") matches the GB/T 32905 example 1', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('D3 SM3("abcd" × 16) matches the GB/T 32905 example 2', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('D3 SM4 block encryption matches the GB/T 32907 example', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EncryptBlock(k, k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('D3 SM4-CBC round-trips with PKCS#7 padding and its first block is the raw SM4 of P1 ⊕ IV', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    for (const len of [0, 1, 15, 16, 17, 100]) {
      const plain = randomBytes(len);
      const ct = sm4CbcEncrypt(key, iv, plain);
      expect(ct.length).toBe((Math.floor(len / 16) + 1) * 16);
      expect(sm4CbcDecrypt(key, iv, ct).equals(plain)).toBe(true);
    }
    const p1 = randomBytes(16);
    const xored = Buffer.from(p1.map((b, i) => b ^ iv[i]));
    expect(sm4CbcEncrypt(key, iv, p1).subarray(0, 16).equals(sm4EncryptBlock(key, xored))).toBe(true);
  });

  it("D3 the prepared HMAC-SM3 key gives the same MAC as Node's createHmac for any key and message", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 300 }), fc.nat(), (key, msg, cutSeed) => {
        const cut = msg.length === 0 ? 0 : cutSeed % msg.length;
        const expected = createHmac('sm3', key).update(msg).digest();
        expect(new HmacSm3Key(key).mac(msg.subarray(0, cut), msg.subarray(cut)).equals(expected)).toBe(true);
        expect(hmacSm3(Buffer.from(key), Buffer.from(msg)).equals(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('D3 the prepared HMAC-SM3 key is correct at every padding boundary (55, 56, 64 bytes …)', () => {
    const key = new HmacSm3Key(Buffer.alloc(32, 0x0b));
    for (let len = 0; len <= 200; len++) {
      const msg = Buffer.alloc(len, 0x61);
      expect(key.mac(msg).toString('hex')).toBe(createHmac('sm3', Buffer.alloc(32, 0x0b)).update(msg).digest('hex'));
    }
  });
});
