import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';

const b64 = (bytes: number, fill = 1) => Buffer.alloc(bytes, fill).toString('base64');
const keysJson = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ active: 'k1', lookup: b64(32), keys: { k1: b64(48, 2) }, ...over });

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jimin-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('keyring', () => {
  it('reads JIMIN_KEYS: the active version, every old version and the lookup key', () => {
    const ring = Keyring.fromEnvOrFile({
      env: { JIMIN_KEYS: keysJson({ active: 'k2', keys: { k1: b64(48, 2), k2: b64(48, 3) } }) },
      dataDir: tempDir(),
      log: () => {},
    });
    expect(ring.active.id).toBe('k2');
    expect(ring.active.encKey).toEqual(Buffer.alloc(16, 3));
    expect(ring.active.macKey).toEqual(Buffer.alloc(32, 3));
    expect(ring.version('k1')?.encKey).toEqual(Buffer.alloc(16, 2));
    expect(ring.version('k9')).toBeUndefined();
    expect(ring.lookupKey).toEqual(Buffer.alloc(32, 1));
    expect(ring.versionIds).toEqual(['k1', 'k2']);
  });

  it('refuses a bad JIMIN_KEYS with a Chinese and English message that does not echo the keys', () => {
    const bad = (text: string) => () => Keyring.fromEnvOrFile({ env: { JIMIN_KEYS: text }, dataDir: null, log: () => {} });
    expect(bad('{"active":"k1", lookup')).toThrow(
      '密钥配置错误（JIMIN_KEYS）：不是有效的 JSON。Invalid key configuration (JIMIN_KEYS): is not valid JSON.',
    );
    expect(bad('null')).toThrow(/应为 JSON 对象/);
    expect(bad(keysJson({ lookup: 'AAAA' }))).toThrow(/lookup 应为 32 字节的 base64.*"lookup" must be 32 bytes/);
    expect(bad(keysJson({ keys: {} }))).toThrow(/至少一个密钥版本/);
    expect(bad(keysJson({ keys: { k1: b64(47) } }))).toThrow(/密钥 k1 应为 48 字节的 base64/);
    expect(bad(keysJson({ keys: { k1: b64(48).replace(/A/, '*') } }))).toThrow(/密钥 k1 应为 48 字节/);
    expect(bad(keysJson({ keys: { 'k:1': b64(48) } }))).toThrow(/密钥编号/);
    expect(bad(keysJson({ active: 'k2' }))).toThrow(/active 应为 keys 中某个密钥的编号/);
    const secret = Buffer.alloc(32, 9).toString('base64');
    expect(bad(`{"active":"k1","lookup":"${secret}", oops}`)).toThrow(/不是有效的 JSON/);
    expect(bad(`{"active":"k1","lookup":"${secret}", oops}`)).not.toThrow(secret);
  });

  it('generates keys.json with mode 0600 on first start and warns once to back it up separately', () => {
    const dir = tempDir();
    const logs: string[] = [];
    const first = Keyring.fromEnvOrFile({ env: {}, dataDir: dir, log: (m) => logs.push(m) });
    const second = Keyring.fromEnvOrFile({ env: {}, dataDir: dir, log: (m) => logs.push(m) });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('请将其与数据库分开备份');
    expect(logs[0]).toContain('back up keys.json separately from the database');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(second.active.encKey).toEqual(first.active.encKey);
    expect(second.lookupKey).toEqual(first.lookupKey);
    expect(JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'))).toMatchObject({ active: 'k1', keys: { k1: expect.any(String) } });
    expect(readdirSync(dir)).toEqual(['keys.json']);
  });

  it('keeps an existing keys.json, and warns when others may read it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keys.json'), keysJson(), { mode: 0o644 });
    chmodSync(join(dir, 'keys.json'), 0o644);
    const logs: string[] = [];
    const ring = Keyring.fromEnvOrFile({ env: {}, dataDir: dir, log: (m) => logs.push(m) });
    expect(ring.active.encKey).toEqual(Buffer.alloc(16, 2));
    if (process.platform !== 'win32') expect(logs).toEqual([expect.stringContaining('chmod 600')]);
  });

  it('names the file in the message when keys.json is damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keys.json'), '', { mode: 0o600 });
    expect(() => Keyring.fromEnvOrFile({ env: {}, dataDir: dir, log: () => {} })).toThrow(join(dir, 'keys.json'));
  });

  it('prefers JIMIN_KEYS over the file and generates throw-away keys without a data directory', () => {
    const dir = tempDir();
    const ring = Keyring.fromEnvOrFile({ env: { JIMIN_KEYS: keysJson() }, dataDir: dir, log: () => {} });
    expect(ring.lookupKey).toEqual(Buffer.alloc(32, 1));
    expect(readdirSync(dir)).toEqual([]);
    const a = Keyring.fromEnvOrFile({ env: {}, dataDir: null, log: () => {} });
    const b = Keyring.fromEnvOrFile({ env: {}, dataDir: null, log: () => {} });
    expect(a.active.encKey.length).toBe(16);
    expect(a.lookupKey.length).toBe(32);
    expect(a.lookupKey.equals(b.lookupKey)).toBe(false);
  });
});
