/**
 * The code and the document keys (docs/verifiable-documents.md): SM2 signatures in a 112-character
 * Crockford base32 code; a forged code, any changed byte and an unknown key fail; rotation keeps the
 * old keys verifying; the key file is created once, readable by its owner only.
 */
import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENT_KEYS_FILE, DocumentKeys, derToRaw, rawToDer } from './keys.js';
import { CODE_BYTES, CODE_LENGTH, base32Decode, base32Encode, groupedCode, packCode, unpackCode } from './code.js';

const payload = Buffer.from(JSON.stringify(['jimin-document/1', 42, 'test.notice', '批准通知书', '张*']), 'utf8');

/** The code of `payload` for document 42 under `keys`, and whether `keys` verifies `code` for it. */
const codeOf = (keys: DocumentKeys, data = payload, documentId = 42) => {
  const { keyNo, signature } = keys.sign(data);
  return packCode({ keyNo, documentId, signature });
};
const verifies = (keys: DocumentKeys, code: string, data = payload) => {
  const parts = unpackCode(code);
  return parts !== null && keys.verify(parts.keyNo, data, parts.signature);
};

describe('the verification code', () => {
  it('is 112 characters of Crockford base32 and gives back its key, document and signature', () => {
    const keys = DocumentKeys.fromJson(DocumentKeys.generateJson(), 'test');
    const code = codeOf(keys);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(CODE_LENGTH).toBe(112);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{112}$/);
    const parts = unpackCode(code)!;
    expect(parts.keyNo).toBe(1);
    expect(parts.documentId).toBe(42);
    expect(parts.signature).toHaveLength(64);
    // As printed (groups of 8) and typed in lower case it reads the same.
    expect(unpackCode(groupedCode(code).toLowerCase())).toEqual(parts);
  });

  it('base32 round-trips any bytes and refuses characters outside the alphabet and non-zero spare bits', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = randomBytes(n);
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(base32Decode('0O')).toBeNull(); // O is not in the alphabet (nor I, L, U)
    expect(base32Decode('01')).toBeNull(); // 10 bits for 1 byte: the 2 spare bits must be zero
    expect(base32Decode('04')).toEqual(Buffer.from([1]));
  });

  it('D8 a code signed with SM2 verifies; a forged code and a one-byte change fail', () => {
    const keys = DocumentKeys.fromJson(DocumentKeys.generateJson(), 'test');
    const code = codeOf(keys);
    expect(verifies(keys, code)).toBe(true);
    // Forged: the same layout signed by a key that is not the platform's.
    const forger = DocumentKeys.fromJson(DocumentKeys.generateJson(), 'forger');
    expect(verifies(keys, codeOf(forger))).toBe(false);
    // A code of random bytes.
    expect(verifies(keys, base32Encode(Buffer.concat([Buffer.from([1]), randomBytes(CODE_BYTES - 1)])))).toBe(false);
    // Every byte of the code changed in turn (key number, document id, signature).
    const bytes = base32Decode(code)!;
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 1 << (i % 8);
      const altered = base32Encode(changed);
      const parts = unpackCode(altered);
      const ok = parts !== null && parts.documentId === 42 && keys.verify(parts.keyNo, payload, parts.signature);
      expect({ byte: i, ok }).toEqual({ byte: i, ok: false });
    }
    // The payload changed by one byte (what the row says was issued).
    const other = Buffer.from(payload);
    other[other.length - 3] ^= 0x01;
    expect(verifies(keys, code, other)).toBe(false);
    // Truncated, too long, or a character outside the alphabet.
    expect(unpackCode(code.slice(0, -1))).toBeNull();
    expect(unpackCode(code + '0')).toBeNull();
    expect(unpackCode(`${code.slice(0, 10)}U${code.slice(11)}`)).toBeNull();
  });

  it('converts signatures between DER and r‖s both ways, also with short or high-bit r and s', () => {
    const keys = DocumentKeys.fromJson(DocumentKeys.generateJson(), 'test');
    for (let i = 0; i < 200; i++) {
      const raw = keys.sign(Buffer.from(`message ${i}`)).signature;
      expect(derToRaw(rawToDer(raw))).toEqual(raw);
    }
    const small = Buffer.alloc(64);
    small[31] = 1;
    small[32] = 0x80;
    expect(derToRaw(rawToDer(small))).toEqual(small);
    expect(() => derToRaw(Buffer.from([0x30, 0x02, 0x05, 0x00]))).toThrow();
  });

  it('signs as SM2 with SM3, not as ECDSA over the SM2 curve: an ECDSA signature of the same key does not verify', () => {
    const file = JSON.parse(DocumentKeys.generateJson()) as { keys: Record<string, { private: string; public: string }> };
    const keys = DocumentKeys.fromJson(JSON.stringify({ algorithm: 'SM2', active: 1, keys: file.keys }), 'test');
    // The key object generateKeyPairSync hands back signs ECDSA-with-SM3 over the SM2 curve.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const pub = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const ecdsa = derToRaw(sign('sm3', payload, privateKey));
    const reimported = derToRaw(sign(null, payload, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })));
    const own = DocumentKeys.fromJson(
      JSON.stringify({ algorithm: 'SM2', active: 1, keys: { 1: { private: der.toString('base64'), public: pub.toString('base64') } } }),
      'test',
    );
    expect(own.verify(1, payload, reimported)).toBe(true);
    expect(own.verify(1, payload, ecdsa)).toBe(false);
    expect(keys.verify(1, payload, keys.sign(payload).signature)).toBe(true);
  });

  it('D8 after a rotation new codes name the new key and the old codes still verify; a retired key keeps only its public half', () => {
    const first = DocumentKeys.generateJson();
    const old = DocumentKeys.fromJson(first, 'test');
    const oldCode = codeOf(old);
    const rotated = DocumentKeys.fromJson(DocumentKeys.rotatedJson(first, 'test'), 'test');
    expect(rotated.activeNo).toBe(2);
    expect(rotated.keyNumbers).toEqual([1, 2]);
    expect(verifies(rotated, oldCode)).toBe(true);
    const newCode = codeOf(rotated);
    expect(unpackCode(newCode)!.keyNo).toBe(2);
    expect(verifies(rotated, newCode)).toBe(true);
    expect(verifies(old, newCode)).toBe(false); // key 2 is unknown to the old ring

    const retiredText = DocumentKeys.rotatedJson(first, 'test', { retire: true });
    const retired = JSON.parse(retiredText) as { keys: Record<string, { private?: string }> };
    expect(retired.keys['1'].private).toBeUndefined();
    expect(verifies(DocumentKeys.fromJson(retiredText, 'test'), oldCode)).toBe(true);
    // The active key must be able to sign.
    const noPrivate = JSON.stringify({ ...JSON.parse(retiredText), active: 1 });
    expect(() => DocumentKeys.fromJson(noPrivate, 'JIMIN_DOCUMENT_KEYS')).toThrow('在用密钥 1 缺少私钥');
  });

  it('refuses a bad key configuration naming the problem, never echoing the key material', () => {
    const good = JSON.parse(DocumentKeys.generateJson()) as { keys: Record<string, { private: string; public: string }> };
    const other = JSON.parse(DocumentKeys.generateJson()) as { keys: Record<string, { private: string; public: string }> };
    const mismatched = JSON.stringify({
      algorithm: 'SM2',
      active: 1,
      keys: { 1: { private: good.keys['1'].private, public: other.keys['1'].public } },
    });
    expect(() => DocumentKeys.fromJson(mismatched, 'JIMIN_DOCUMENT_KEYS')).toThrow('私钥与公钥不匹配');
    try {
      DocumentKeys.fromJson(mismatched, 'JIMIN_DOCUMENT_KEYS');
    } catch (e) {
      expect((e as Error).message).not.toContain(good.keys['1'].private.slice(0, 20));
    }
    expect(() => DocumentKeys.fromJson('{"algorithm":"SM2","active":1,"keys":{"1":{"public":"bm90IGEga2V5"}}}', 'x')).toThrow(
      '密钥 1 不是有效的 SM2 密钥',
    );
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const p256File = JSON.stringify({
      algorithm: 'SM2',
      active: 1,
      keys: {
        1: {
          private: p256.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
          public: p256.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        },
      },
    });
    expect(() => DocumentKeys.fromJson(p256File, 'x')).toThrow('不是 SM2 曲线上的密钥');
    expect(() => DocumentKeys.fromJson('{"algorithm":"RSA"}', 'x')).toThrow('algorithm 应为 "SM2"');
    expect(() => DocumentKeys.fromJson('not json', 'x')).toThrow('不是有效的 JSON');
  });

  it('creates document-keys.json once in the data directory, readable by its owner only; JIMIN_DOCUMENT_KEYS takes precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jimin-doc-keys-'));
    try {
      const logged: string[] = [];
      const first = DocumentKeys.fromEnvOrFile({ env: {}, dataDir: dir, log: (m) => logged.push(m) });
      const path = join(dir, DOCUMENT_KEYS_FILE);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(logged.join('\n')).toContain('已生成文书签名密钥文件');
      const text = readFileSync(path, 'utf8');
      const again = DocumentKeys.fromEnvOrFile({ env: {}, dataDir: dir, log: (m) => logged.push(m) });
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(verifies(again, codeOf(first))).toBe(true);
      expect(DocumentKeys.rotateFile(path)).toBe(2);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const rotated = DocumentKeys.fromEnvOrFile({ env: {}, dataDir: dir, log: () => {} });
      expect(verifies(rotated, codeOf(first))).toBe(true);
      const env = DocumentKeys.generateJson();
      const fromEnv = DocumentKeys.fromEnvOrFile({ env: { JIMIN_DOCUMENT_KEYS: env }, dataDir: dir, log: () => {} });
      expect(verifies(fromEnv, codeOf(first))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
