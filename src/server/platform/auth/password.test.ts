import { describe, expect, it } from 'vitest';
import { POLICY_TEXT, checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';

const RULE = '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类；或使用至少 16 位的口令短语';

describe('password policy (A1)', () => {
  it('A1 rejects a 7-character password, naming the rule', () => {
    expect(POLICY_TEXT).toBe(RULE);
    expect(checkPasswordPolicy('Ab1!xyz')).toEqual({ ok: false, message: RULE });
  });

  it('A1 rejects a long password of one character class, naming the rule', () => {
    expect(checkPasswordPolicy('abcdefghijkl')).toEqual({ ok: false, message: RULE });
    expect(checkPasswordPolicy('Abcdefghijkl')).toEqual({ ok: false, message: RULE });
  });

  it('A1 rejects common passwords, also dressed up with capitals, digits and symbols', () => {
    for (const pw of ['Password123!', 'P@ssw0rd', 'Admin@2026', 'Woaini@1314', 'QWERTY123', '1qaz@WSX']) {
      expect(checkPasswordPolicy(pw), pw).toEqual({ ok: false, message: '该密码过于常见，容易被猜中，请换一个' });
    }
  });

  it('A1 rejects a password containing the user name, in any case', () => {
    expect(checkPasswordPolicy('Zhangwei-2026!', { username: 'zhangwei' })).toEqual({ ok: false, message: '密码不能包含用户名' });
    expect(checkPasswordPolicy('x370811197909091234X!', { username: '370811197909091234' })).toEqual({
      ok: false,
      message: '密码不能包含用户名',
    });
    expect(checkPasswordPolicy('Libai#2026ok', { username: 'li' }).ok).toBe(true);
  });

  it('A1 rejects a password longer than 128 characters', () => {
    expect(checkPasswordPolicy('Aa1!'.repeat(33))).toEqual({ ok: false, message: '密码不能超过 128 位' });
    expect(checkPasswordPolicy('Aa1!'.repeat(32)).ok).toBe(true);
  });

  it('A1 accepts 8 characters of 3 classes', () => {
    expect(checkPasswordPolicy('Jn#2026ok')).toEqual({ ok: true });
    expect(checkPasswordPolicy('jn#2026o')).toEqual({ ok: true });
  });

  it('A1 accepts a 64-character passphrase and a 16-character Chinese one', () => {
    const passphrase = 'a quiet river runs past the old mill and on towards weishan lake';
    expect([...passphrase]).toHaveLength(64);
    expect(checkPasswordPolicy(passphrase)).toEqual({ ok: true });
    expect(checkPasswordPolicy('春眠不觉晓处处闻啼鸟夜来风雨声花落')).toEqual({ ok: true });
  });

  it('A1 rejects a 16-character "passphrase" of one repeated key', () => {
    expect(checkPasswordPolicy('aaaaaaaaaaaaaaaa')).toEqual({
      ok: false,
      message: `口令短语中重复的字符太多，请至少使用 6 种不同的字符；${RULE}`,
    });
  });

  it('A1 stores only a salted slow hash: two hashes of one password differ and neither holds it', async () => {
    const a = await hashPassword('Jn#2026ok');
    const b = await hashPassword('Jn#2026ok');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Jn#2026ok');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('Jn#2026ok', a)).toBe(true);
    expect(await verifyPassword('Jn#2026ok', b)).toBe(true);
    expect(await verifyPassword('Jn#2026oK', a)).toBe(false);
  });

  it('A1 verifies a password typed with full-width characters (Chinese input method) like the half-width one', async () => {
    expect(await verifyPassword('Ｊｎ＃２０２６ｏｋ', await hashPassword('Jn#2026ok'))).toBe(true);
  });

  it('A1 treats a malformed or absurd stored hash as a mismatch instead of crashing', async () => {
    const good = await hashPassword('Jn#2026ok');
    const [, , r, p, salt, key] = good.split('$');
    for (const stored of [
      '',
      'Jn#2026ok',
      'bcrypt$x',
      `scrypt$abc$${r}$${p}$${salt}$${key}`,
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`,
      `scrypt$32768$${r}$${p}$$${key}`,
    ]) {
      expect(await verifyPassword('Jn#2026ok', stored), stored).toBe(false);
    }
  });
});
