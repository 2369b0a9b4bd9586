/** SM3 (GB/T 32905) and SM4 (GB/T 32907) from Node's OpenSSL (GB/T 39786 commercial cryptography). */
import { createCipheriv, createHash } from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** One raw SM4 block (no padding): for the standard's known-answer test. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}
