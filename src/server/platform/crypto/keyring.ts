/**
 * Keys for personal data. Format (env JIMIN_KEYS or <dataDir>/keys.json):
 *   {"active":"k1","lookup":"<base64, 32 bytes>","keys":{"k1":"<base64, 48 bytes: 16 SM4 + 32 MAC>"}}
 * Versions rotate (each ciphertext names its key id); the lookup key does not, so the keyed hash of
 * an ID number stays the same across rotations and exact search keeps working.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyVersion {
  id: string;
  encKey: Buffer;
  macKey: Buffer;
}

interface KeyFile {
  active: string;
  lookup: string;
  keys: Record<string, string>;
}

export class Keyring {
  private constructor(
    readonly active: KeyVersion,
    private readonly versions: Map<string, KeyVersion>,
    readonly lookupKey: Buffer,
  ) {}

  version(id: string): KeyVersion | undefined {
    return this.versions.get(id);
  }

  static fromJson(text: string, source: string): Keyring {
    let parsed: KeyFile;
    try {
      parsed = JSON.parse(text) as KeyFile;
    } catch {
      throw new Error(`密钥配置无法解析 (${source} is not valid JSON)`);
    }
    const lookup = Buffer.from(parsed.lookup ?? '', 'base64');
    if (lookup.length !== 32) throw new Error(`密钥配置错误：lookup 应为 32 字节 base64 (${source}: lookup must be 32 bytes)`);
    const versions = new Map<string, KeyVersion>();
    for (const [id, b64] of Object.entries(parsed.keys ?? {})) {
      const raw = Buffer.from(b64, 'base64');
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(id) || raw.length !== 48) {
        throw new Error(`密钥配置错误：密钥 ${id} 应为 48 字节 base64 (${source}: key ${id} must be 48 bytes)`);
      }
      versions.set(id, { id, encKey: raw.subarray(0, 16), macKey: raw.subarray(16) });
    }
    const active = versions.get(parsed.active);
    if (!active) throw new Error(`密钥配置错误：找不到当前密钥 ${parsed.active} (${source}: active key missing)`);
    return new Keyring(active, versions, lookup);
  }

  static generateJson(): string {
    return JSON.stringify({ active: 'k1', lookup: randomBytes(32).toString('base64'), keys: { k1: randomBytes(48).toString('base64') } }, null, 2);
  }

  static fromEnvOrFile(opts: { env: NodeJS.ProcessEnv | Record<string, string | undefined>; dataDir: string | null; log: (msg: string) => void }): Keyring {
    if (opts.env.JIMIN_KEYS) return Keyring.fromJson(opts.env.JIMIN_KEYS, 'JIMIN_KEYS');
    if (!opts.dataDir) return Keyring.fromJson(Keyring.generateJson(), 'generated');
    const path = join(opts.dataDir, 'keys.json');
    if (!existsSync(path)) {
      writeFileSync(path, Keyring.generateJson(), { mode: 0o600 });
      opts.log(`已生成加密密钥文件 ${path}。请将其与数据库分开备份：丢失密钥将无法读取加密数据。`);
    }
    return Keyring.fromJson(readFileSync(path, 'utf8'), path);
  }
}
