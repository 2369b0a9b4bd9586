/**
 * SM3 (GB/T 32905-2016) and SM4 (GB/T 32907-2016): the commercial cryptography GB/T 39786-2021 asks
 * for on ID numbers and phones at rest (docs/architecture.md "Data protection"; docs/security.md D1–D3).
 *
 * Everything here is Node's OpenSSL except `HmacSm3Key`, which runs SM3 in JavaScript for the
 * field-encryption hot path: each `createHmac('sm3')` costs ~5 µs of native set-up (OpenSSL 3 fetches
 * the digest every time) for a ~50-byte message, and an import MACs four values per row. With the key's
 * inner and outer states computed once, an HMAC is two SM3 compressions in JavaScript (~1 µs).
 * SM3 has no table look-ups and no data-dependent branches, so the JavaScript version is as
 * constant-time as the C one; the tests hold it byte for byte to the standard's vectors and to
 * `createHmac('sm3')` over random keys and message lengths.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

/** SM3 digest as lowercase hex (audit hash chain, session token hashes). */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC-SM3 (strings as UTF-8). For many MACs under one key, `HmacSm3Key` is ~5× faster. */
export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/** One raw SM4 block (no padding, no chaining): for the standard's known-answer test. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

/** SM4-CBC with PKCS#7 padding. Key and IV are 16 bytes; use a fresh random IV per message. */
export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

/**
 * Inverse of `sm4CbcEncrypt`. Throws Node's "bad decrypt" on bad padding — which is why callers must
 * check a MAC first (encrypt-then-MAC): a padding answer must never be an oracle.
 */
export function sm4CbcDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const d = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([d.update(ciphertext), d.final()]);
}

/** An HMAC-SM3 key prepared once (RFC 2104 inner/outer states), for many MACs under one key. */
export class HmacSm3Key {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);

  constructor(key: Uint8Array) {
    // RFC 2104: a key longer than the 64-byte block is hashed first.
    const k = key.length > BLOCK_BYTES ? createHash('sm3').update(key).digest() : key;
    const pad = new Uint8Array(BLOCK_BYTES);
    pad.set(k);
    for (let i = 0; i < BLOCK_BYTES; i++) pad[i] ^= 0x36;
    this.inner.set(IV);
    compress(this.inner, pad, 0);
    for (let i = 0; i < BLOCK_BYTES; i++) pad[i] ^= 0x36 ^ 0x5c;
    this.outer.set(IV);
    compress(this.outer, pad, 0);
    pad.fill(0);
  }

  /** HMAC-SM3 of the concatenation of `parts` (32 bytes). */
  mac(...parts: Uint8Array[]): Buffer {
    const state = new Int32Array(8);
    state.set(this.inner);
    const innerDigest = finish(state, parts);
    state.set(this.outer);
    return finish(state, [innerDigest]);
  }
}

// ---- SM3 in JavaScript (GB/T 32905-2016 §5), used only by HmacSm3Key ----

const BLOCK_BYTES = 64;
const IV = Int32Array.of(0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e);
/** T_j rotated left by j mod 32, as the compression function uses it. */
const T = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));
const W = new Int32Array(68);
/** Scratch for the padded message; grows to the largest message seen. Synchronous use only. */
let scratch = new Uint8Array(256);

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/**
 * Pads and hashes `parts` onto `state`, which has already absorbed one 64-byte block (the HMAC key
 * pad), hence the +64 in the length. Returns the digest.
 */
function finish(state: Int32Array, parts: Uint8Array[]): Buffer {
  let len = 0;
  for (const p of parts) len += p.length;
  const total = Math.ceil((len + 9) / BLOCK_BYTES) * BLOCK_BYTES;
  if (scratch.length < total) scratch = new Uint8Array(total * 2);
  let off = 0;
  for (const p of parts) {
    scratch.set(p, off);
    off += p.length;
  }
  scratch[len] = 0x80;
  scratch.fill(0, len + 1, total - 8);
  const bits = (len + BLOCK_BYTES) * 8;
  writeWord(scratch, total - 8, Math.floor(bits / 0x100000000));
  writeWord(scratch, total - 4, bits >>> 0);
  for (let b = 0; b < total; b += BLOCK_BYTES) compress(state, scratch, b);
  const out = Buffer.allocUnsafe(32);
  for (let i = 0; i < 8; i++) writeWord(out, i * 4, state[i]);
  return out;
}

function writeWord(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 24;
  buf[off + 1] = v >>> 16;
  buf[off + 2] = v >>> 8;
  buf[off + 3] = v;
}

function compress(v: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) W[i] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16] ^ W[j - 9] ^ rotl(W[j - 3], 15);
    W[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(W[j - 13], 7) ^ W[j - 6];
  }
  let a = v[0],
    b1 = v[1],
    c = v[2],
    d = v[3],
    e = v[4],
    f = v[5],
    g = v[6],
    h = v[7];
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T[j]) | 0, 7);
    const ss2 = ss1 ^ a12;
    // FF_j / GG_j: XOR for the first 16 rounds, majority / choose after (§4.3).
    const ff = j < 16 ? a ^ b1 ^ c : (a & b1) | (a & c) | (b1 & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + (W[j] ^ W[j + 4])) | 0;
    const tt2 = (gg + h + ss1 + W[j]) | 0;
    d = c;
    c = rotl(b1, 9);
    b1 = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  v[0] ^= a;
  v[1] ^= b1;
  v[2] ^= c;
  v[3] ^= d;
  v[4] ^= e;
  v[5] ^= f;
  v[6] ^= g;
  v[7] ^= h;
}
