/**
 * Keys for personal data (docs/architecture.md "Data protection"; docs/operator-guide.md "Keys").
 *
 * Format, in env JIMIN_KEYS or <dataDir>/keys.json:
 *   {"active":"k1","lookup":"<base64, 32 bytes>","keys":{"k1":"<base64, 48 bytes: 16 SM4 + 32 HMAC-SM3>"}}
 *
 * - `keys` holds every version ever used: each ciphertext names its key id, so rotating means adding
 *   a version and making it `active` while the old ones stay to read old rows.
 * - `lookup` is one key outside the versions on purpose: the keyed hash of an ID number or phone is
 *   what exact search and "one person per ID number" match on, so it must not change when the
 *   encryption key rotates (rotating it would mean re-hashing every row).
 * - Key ids are 1–16 of [A-Za-z0-9_-]: they are the first field of the stored `id:iv:ct:mac` string.
 *
 * Error messages name the source and the problem but never echo the value (it is key material).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export interface KeyVersion {
  id: string;
  /** SM4 key, 16 bytes. */
  encKey: Buffer;
  /** HMAC-SM3 key, 32 bytes. */
  macKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const VERSION_BYTES = 48;
const LOOKUP_BYTES = 32;

export const BACKUP_WARNING =
  '已生成加密密钥文件，请将其与数据库分开备份：丢失密钥将无法读取加密数据，与备份放在一起则等于没有加密。' +
  ' Warning: back up keys.json separately from the database — without it encrypted data is unreadable.';

export class Keyring {
  private constructor(
    readonly active: KeyVersion,
    private readonly versions: ReadonlyMap<string, KeyVersion>,
    /** HMAC-SM3 key of the lookup hash, 32 bytes; never rotates (see the top comment). */
    readonly lookupKey: Buffer,
  ) {}

  /** The version a ciphertext names, or undefined (the caller treats that as an integrity failure). */
  version(id: string): KeyVersion | undefined {
    return this.versions.get(id);
  }

  get versionIds(): string[] {
    return [...this.versions.keys()];
  }

  /** Parses and validates the format above; `source` names where it came from in error messages. */
  static fromJson(text: string, source: string): Keyring {
    const parsed = parseKeyObject(text, (zh, en) => configError(source, zh, en));
    const lookup = decodeKey(parsed.lookup, LOOKUP_BYTES);
    if (!lookup) throw configError(source, `lookup 应为 ${LOOKUP_BYTES} 字节的 base64`, `"lookup" must be ${LOOKUP_BYTES} bytes in base64`);
    if (!isRecord(parsed.keys) || Object.keys(parsed.keys).length === 0) {
      throw configError(source, 'keys 应为包含至少一个密钥版本的对象', '"keys" must be an object with at least one key version');
    }
    const versions = new Map<string, KeyVersion>();
    for (const [id, value] of Object.entries(parsed.keys)) {
      if (!KEY_ID.test(id))
        throw configError(source, `密钥编号「${id.slice(0, 20)}」应为 1–16 位字母、数字、_ 或 -`, `key id must be 1-16 of [A-Za-z0-9_-]`);
      const raw = decodeKey(value, VERSION_BYTES);
      if (!raw)
        throw configError(source, `密钥 ${id} 应为 ${VERSION_BYTES} 字节的 base64`, `key ${id} must be ${VERSION_BYTES} bytes in base64`);
      versions.set(id, { id, encKey: raw.subarray(0, 16), macKey: raw.subarray(16) });
    }
    const active = typeof parsed.active === 'string' ? versions.get(parsed.active) : undefined;
    if (!active) throw configError(source, 'active 应为 keys 中某个密钥的编号', '"active" must name one of "keys"');
    return new Keyring(active, versions, lookup);
  }

  /** A fresh key file's text: one version `k1` and a lookup key, from the CSPRNG. */
  static generateJson(): string {
    const file = {
      active: 'k1',
      lookup: randomBytes(LOOKUP_BYTES).toString('base64'),
      keys: { k1: randomBytes(VERSION_BYTES).toString('base64') },
    };
    return JSON.stringify(file, null, 2) + '\n';
  }

  /**
   * JIMIN_KEYS if set; else <dataDir>/keys.json, created on first start; with no data directory
   * (tests, benchmarks) a throw-away in-memory keyring.
   */
  static fromEnvOrFile(opts: KeySourceOptions): Keyring {
    const { text, source } = readKeySource(opts, {
      envName: 'JIMIN_KEYS',
      fileName: 'keys.json',
      generate: () => Keyring.generateJson(),
      warning: BACKUP_WARNING,
    });
    return Keyring.fromJson(text, source);
  }
}

/** What reading keys at start needs: the environment, the data directory (none in tests), a logger. */
export interface KeySourceOptions {
  env: NodeJS.ProcessEnv | Record<string, string | undefined>;
  dataDir: string | null;
  log: (msg: string) => void;
}

/**
 * A kind of key's JSON text and where it came from (for error messages): env `envName` if set; else
 * <dataDir>/<fileName>, created from `generate()` on first start with `warning` logged; with no data
 * directory a throw-away `generate()`. Also the document signing keys' (platform/verify/keys.ts).
 */
export function readKeySource(
  opts: KeySourceOptions,
  kind: { envName: string; fileName: string; generate: () => string; warning: string },
): { text: string; source: string } {
  const fromEnv = opts.env[kind.envName];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { text: fromEnv, source: kind.envName };
  if (!opts.dataDir) return { text: kind.generate(), source: 'generated' };
  const path = join(opts.dataDir, kind.fileName);
  if (!existsSync(path) && createKeyFile(path, kind.generate())) opts.log(`${kind.warning} (${path})`);
  else warnIfReadableByOthers(path, opts.log);
  return { text: readFileSync(path, 'utf8'), source: path };
}

/**
 * Creates a key file holding `text` unless it exists; true when this call created it. Written to a
 * temporary file, fsynced, then hard-linked into place: the link fails if another process got there
 * first (no clobbering), and a crash never leaves a half-written key file, whose keys would already
 * be in use.
 */
function createKeyFile(path: string, text: string): boolean {
  const tmp = writeTempKeyFile(path, text);
  try {
    linkSync(tmp, path);
    fsyncDirectory(dirname(path));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/** Replaces a key file's text atomically (a temporary file, fsynced, renamed over it): for rotation. */
export function replaceKeyFile(path: string, text: string): void {
  renameSync(writeTempKeyFile(path, text), path);
  fsyncDirectory(dirname(path));
}

/** `text` in a fresh temporary file beside `path`, readable by its owner only and fsynced; its path. */
function writeTempKeyFile(path: string, text: string): string {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true }); // a leftover of a crash might carry other permissions
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/** Makes the new directory entry durable too (POSIX; Windows cannot open a directory). */
function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Logs a warning when a key file is readable by group or others (POSIX). */
function warnIfReadableByOthers(path: string, log: (msg: string) => void): void {
  if (process.platform === 'win32') return;
  if (statSync(path).mode & 0o077) {
    log(`密钥文件 ${path} 可被其他用户读取，请执行 chmod 600。Warning: ${path} is readable by group/others; run chmod 600.`);
  }
}

/**
 * A key file's text as a JSON object; `fail` makes the error (each kind of key names itself). Also
 * the document signing keys' (platform/verify/keys.ts).
 */
export function parseKeyObject(text: string, fail: (zh: string, en: string) => Error): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text, i.e. the keys: never pass it on.
    throw fail('不是有效的 JSON', 'is not valid JSON');
  }
  if (!isRecord(parsed)) throw fail('应为 JSON 对象', 'must be a JSON object');
  return parsed;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strict base64, or null (Buffer.from alone skips bad characters silently). */
export function strictBase64(v: unknown): Buffer | null {
  if (typeof v !== 'string') return null;
  const raw = Buffer.from(v, 'base64');
  return raw.toString('base64') === v ? raw : null;
}

/** Strict base64 of exactly `bytes` bytes. */
function decodeKey(v: unknown, bytes: number): Buffer | null {
  const raw = strictBase64(v);
  return raw?.length === bytes ? raw : null;
}

function configError(source: string, zh: string, en: string): Error {
  return new Error(`密钥配置错误（${source}）：${zh}。Invalid key configuration (${source}): ${en}.`);
}
