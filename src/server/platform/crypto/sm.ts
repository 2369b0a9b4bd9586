/** SM3 (GB/T 32905) and SM4 (GB/T 32907) from Node's OpenSSL (GB/T 39786 commercial cryptography). */
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function sm4CbcDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const d = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([d.update(ciphertext), d.final()]);
}

/** One raw SM4 block (no padding): for the standard's known-answer test. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}
