/**
 * The document signing keys (docs/verifiable-documents.md "Keys and rotation"): SM2 key pairs
 * (GB/T 32918), signatures with SM3 and OpenSSL's default signer ID (docs/decisions.md 35), kept
 * apart from the field-encryption keys (platform/crypto/keyring.ts), whose key-file handling they share.
 *
 * Format, in env JIMIN_DOCUMENT_KEYS or <dataDir>/document-keys.json (created on first start, 0600):
 *   {"algorithm":"SM2","active":1,"keys":{"1":{"private":"<base64 PKCS#8 DER>","public":"<base64 SPKI DER>"}}}
 *
 * - Each code names its key's number (1–255); rotating adds a key and makes it `active`, while the
 *   old ones stay to verify the documents they signed. A retired key may keep only its `public` half.
 * - Node's generateKeyPairSync('ec', { namedCurve: 'SM2' }) hands back a key object that signs as
 *   ECDSA over the SM2 curve; re-imported from its DER (PKCS#8 / SPKI), the same key signs as SM2
 *   with SM3 (measured, docs/decisions.md 35). Every key is therefore always used as re-imported,
 *   and each private key is checked against its public half at load.
 *
 * Error messages name the source and the problem but never echo the value (it is key material).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isRecord, parseKeyObject, readKeySource, replaceKeyFile, strictBase64, type KeySourceOptions } from '../crypto/keyring.js';
import { SIGNATURE_BYTES } from './code.js';

export const DOCUMENT_KEYS_FILE = 'document-keys.json';

export const DOCUMENT_KEYS_WARNING =
  '已生成文书签名密钥文件，请与数据库分开备份：丢失私钥后无法再签发可核验的文书编码，丢失公钥则已签发的文书无法核验。' +
  ' Warning: back up document-keys.json separately from the database.';

interface KeyPair {
  no: number;
  privateKey: KeyObject | null;
  publicKey: KeyObject;
}

interface KeyFile {
  algorithm: 'SM2';
  active: number;
  keys: Record<string, { private?: string; public: string }>;
}

const PROBE = Buffer.from('jimin document key check');

export class DocumentKeys {
  private constructor(
    private readonly keys: ReadonlyMap<number, KeyPair>,
    readonly activeNo: number,
  ) {}

  get keyNumbers(): number[] {
    return [...this.keys.keys()];
  }

  /** The SM2 signature (r‖s, 64 bytes) of `payload` under the active key. */
  sign(payload: Buffer): { keyNo: number; signature: Buffer } {
    const key = this.keys.get(this.activeNo)!;
    return { keyNo: key.no, signature: derToRaw(sign(null, payload, key.privateKey!)) };
  }

  /** Whether `signature` is the SM2 signature of `payload` under key `keyNo` (an unknown key: false). */
  verify(keyNo: number, payload: Buffer, signature: Buffer): boolean {
    const key = this.keys.get(keyNo);
    if (!key || signature.length !== SIGNATURE_BYTES) return false;
    try {
      return verify(null, payload, key.publicKey, rawToDer(signature));
    } catch {
      return false;
    }
  }

  static fromJson(text: string, source: string): DocumentKeys {
    const parsed = parseKeyObject(text, (zh, en) => configError(source, zh, en));
    if (parsed.algorithm !== 'SM2') throw configError(source, 'algorithm 应为 "SM2"', '"algorithm" must be "SM2"');
    if (!isRecord(parsed.keys) || Object.keys(parsed.keys).length === 0)
      throw configError(source, 'keys 应为包含至少一个密钥的对象', '"keys" must be an object with at least one key');
    const keys = new Map<number, KeyPair>();
    for (const [id, value] of Object.entries(parsed.keys)) {
      const no = Number(id);
      if (!/^[1-9]\d{0,2}$/.test(id) || no > 255)
        throw configError(source, `密钥编号「${id.slice(0, 8)}」应为 1–255 的整数`, 'key numbers must be integers 1-255');
      if (!isRecord(value) || typeof value.public !== 'string')
        throw configError(source, `密钥 ${no} 应含 public（base64 的 SPKI）`, `key ${no} needs "public" (base64 SPKI)`);
      let publicKey: KeyObject;
      let privateKey: KeyObject | null = null;
      try {
        publicKey = createPublicKey({ key: keyDer(value.public), format: 'der', type: 'spki' });
        if (value.private !== undefined) privateKey = createPrivateKey({ key: keyDer(value.private), format: 'der', type: 'pkcs8' });
      } catch {
        throw configError(source, `密钥 ${no} 不是有效的 SM2 密钥`, `key ${no} is not a valid SM2 key`);
      }
      if (publicKey.asymmetricKeyDetails?.namedCurve !== undefined && publicKey.asymmetricKeyDetails.namedCurve !== 'SM2')
        throw configError(source, `密钥 ${no} 不是 SM2 曲线上的密钥`, `key ${no} is not on the SM2 curve`);
      if (privateKey) {
        let matches: boolean;
        try {
          matches = verify(null, PROBE, publicKey, sign(null, PROBE, privateKey));
        } catch {
          matches = false;
        }
        if (!matches) throw configError(source, `密钥 ${no} 的私钥与公钥不匹配`, `key ${no}: private and public halves do not match`);
      }
      keys.set(no, { no, privateKey, publicKey });
    }
    const active = typeof parsed.active === 'number' ? keys.get(parsed.active) : undefined;
    if (!active) throw configError(source, 'active 应为 keys 中某个密钥的编号', '"active" must name one of "keys"');
    if (!active.privateKey) throw configError(source, `在用密钥 ${active.no} 缺少私钥`, `the active key ${active.no} has no private half`);
    return new DocumentKeys(keys, active.no);
  }

  /** A fresh key file's text: one SM2 key pair, number 1. */
  static generateJson(): string {
    return serialise({ algorithm: 'SM2', active: 1, keys: { 1: newKeyPair() } });
  }

  /**
   * The key file with a new key pair added and made active; the old keys stay (their documents keep
   * verifying). With `retire`, the old keys keep only their public halves.
   */
  static rotatedJson(text: string, source: string, opts: { retire?: boolean } = {}): string {
    DocumentKeys.fromJson(text, source);
    const file = JSON.parse(text) as KeyFile;
    const next = Math.max(...Object.keys(file.keys).map(Number)) + 1;
    if (next > 255) throw configError(source, '密钥编号已用尽（最多 255 个）', 'no key number left (255 at most)');
    const keys: KeyFile['keys'] = {};
    for (const [no, k] of Object.entries(file.keys)) keys[no] = opts.retire ? { public: k.public } : k;
    keys[String(next)] = newKeyPair();
    return serialise({ algorithm: 'SM2', active: next, keys });
  }

  /**
   * JIMIN_DOCUMENT_KEYS if set; else <dataDir>/document-keys.json, created on first start; with no
   * data directory (tests, benchmarks) a throw-away in-memory key.
   */
  static fromEnvOrFile(opts: KeySourceOptions): DocumentKeys {
    const { text, source } = readKeySource(opts, {
      envName: 'JIMIN_DOCUMENT_KEYS',
      fileName: DOCUMENT_KEYS_FILE,
      generate: () => DocumentKeys.generateJson(),
      warning: DOCUMENT_KEYS_WARNING,
    });
    return DocumentKeys.fromJson(text, source);
  }

  /** Rewrites the key file with a new active key (`npm run keys:rotate-documents`); the old file's text is replaced atomically. */
  static rotateFile(path: string, opts: { retire?: boolean } = {}): number {
    const text = DocumentKeys.rotatedJson(readFileSync(path, 'utf8'), path, opts);
    replaceKeyFile(path, text);
    return (JSON.parse(text) as KeyFile).active;
  }
}

/**
 * An SM2 signature is the DER SEQUENCE of two INTEGERs r and s (GB/T 35276); Node's `dsaEncoding`
 * does not apply to SM2 keys (it knows them as no key type of its own), so the fixed 64-byte r‖s of
 * the code is converted here.
 */
export function derToRaw(der: Buffer): Buffer {
  const fail = () => new Error('verify: not a DER signature');
  let at = 0;
  if (der[at++] !== 0x30) throw fail();
  const seqLength = der[at++];
  if (seqLength & 0x80 || seqLength !== der.length - 2) throw fail();
  const out = Buffer.alloc(64);
  for (let i = 0; i < 2; i++) {
    if (der[at++] !== 0x02) throw fail();
    const length = der[at++];
    let value = der.subarray(at, at + length);
    at += length;
    while (value.length > 32 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32 || value.length === 0) throw fail();
    value.copy(out, i * 32 + 32 - value.length);
  }
  if (at !== der.length) throw fail();
  return out;
}

/** r‖s (64 bytes) → the DER SEQUENCE OpenSSL verifies. */
export function rawToDer(raw: Buffer): Buffer {
  const integer = (v: Buffer) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    let body = v.subarray(i);
    if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(raw.subarray(0, 32)), integer(raw.subarray(32, 64))]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

function newKeyPair(): { private: string; public: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return {
    private: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    public: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

const serialise = (file: KeyFile) => JSON.stringify(file, null, 2) + '\n';

/** A key's DER from its strict base64 (the caller turns the throw into its own message). */
function keyDer(v: unknown): Buffer {
  const raw = strictBase64(v);
  if (!raw?.length) throw new Error('base64');
  return raw;
}

function configError(source: string, zh: string, en: string): Error {
  return new Error(`文书签名密钥配置错误（${source}）：${zh}。Invalid document key configuration (${source}): ${en}.`);
}
