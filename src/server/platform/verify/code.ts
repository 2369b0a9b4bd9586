/**
 * The verification code printed on a document (docs/verifiable-documents.md "The code"): 70 bytes —
 * the signing key's number (1 byte), the document's id (5 bytes, big-endian) and the SM2 signature as
 * r‖s (64 bytes) — in Crockford base32 without padding, 112 characters (70 × 8 = 112 × 5, so no
 * spare bits: every character carries signature or id bits, and changing any one changes the bytes).
 */
import { normaliseCode } from '../../../shared/verify/documents.js';

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export const SIGNATURE_BYTES = 64;
const ID_BYTES = 5;
export const CODE_BYTES = 1 + ID_BYTES + SIGNATURE_BYTES;
export const CODE_LENGTH = (CODE_BYTES * 8) / 5;
/** The largest document id a code holds (2^40 − 1). */
export const MAX_DOCUMENT_ID = 2 ** (ID_BYTES * 8) - 1;

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Strict: only the alphabet's characters (either case); spare bits at the end must be zero. Null otherwise. */
export function base32Decode(text: string): Buffer | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toUpperCase()) {
    const v = VALUE.get(ch);
    if (v === undefined) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  if (value !== 0) return null;
  return Buffer.from(out);
}

export interface CodeParts {
  keyNo: number;
  documentId: number;
  /** r‖s, 64 bytes. */
  signature: Buffer;
}

export function packCode(p: CodeParts): string {
  if (!Number.isInteger(p.keyNo) || p.keyNo < 1 || p.keyNo > 255) throw new Error(`key number out of range: ${p.keyNo}`);
  if (!Number.isInteger(p.documentId) || p.documentId < 1 || p.documentId > MAX_DOCUMENT_ID)
    throw new Error(`document id out of range: ${p.documentId}`);
  if (p.signature.length !== SIGNATURE_BYTES) throw new Error('signature must be 64 bytes (r‖s)');
  const bytes = Buffer.alloc(CODE_BYTES);
  bytes[0] = p.keyNo;
  bytes.writeUIntBE(p.documentId, 1, ID_BYTES);
  p.signature.copy(bytes, 1 + ID_BYTES);
  return base32Encode(bytes);
}

/** The parts of a well-formed code, or null (the caller answers 无法验证, whatever the reason). */
export function unpackCode(text: string): CodeParts | null {
  const code = normaliseCode(text);
  if (code.length !== CODE_LENGTH) return null;
  const bytes = base32Decode(code);
  if (!bytes || bytes.length !== CODE_BYTES) return null;
  const keyNo = bytes[0];
  const documentId = bytes.readUIntBE(1, ID_BYTES);
  if (keyNo === 0 || documentId === 0) return null;
  return { keyNo, documentId, signature: Buffer.from(bytes.subarray(1 + ID_BYTES)) };
}

/** The code as printed: groups of 8 characters, for reading aloud and typing. */
export const groupedCode = (code: string): string => code.replace(/(.{8})(?=.)/g, '$1 ');
