import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit/audit.js';
import type { ReadAudit } from '../audit/read-audit.js';
import { AppError } from '../errors.js';
import { FieldCipher, INTEGRITY_MESSAGE } from './field-cipher.js';
import { DAMAGED_FIELD, FieldView } from './field-view.js';
import { Keyring } from './keyring.js';

const cipher = new FieldCipher(Keyring.fromEnvOrFile({ env: {}, dataDir: null, log: () => {} }));
const ctx = { actor: null, ip: '127.0.0.1' };

function flipped(stored: string): string {
  const parts = stored.split(':');
  const ct = Buffer.from(parts[2], 'base64');
  ct[0] ^= 1;
  parts[2] = ct.toString('base64');
  return parts.join(':');
}

function view() {
  const noted: AuditEntry[] = [];
  const readAudit = { note: (_: unknown, e: AuditEntry) => noted.push(e) } as unknown as ReadAudit;
  return { view: new FieldView({ cipher, readAudit }, ctx), noted };
}

describe('field view (D7)', () => {
  const ref = { objectType: 'person', objectId: 7, field: 'idNumber' };

  it('D7 shows a damaged field as 数据校验失败, unmasked, and audits it once per request without the stored text', () => {
    const { view: v, noted } = view();
    const bad = flipped(cipher.encrypt('370811199001011234'));
    expect(v.show(bad, ref, (s) => s.slice(0, 6) + '***')).toBe(DAMAGED_FIELD);
    expect(v.show(bad, ref)).toBe(DAMAGED_FIELD);
    expect(noted).toEqual([
      { action: 'crypto.integrity_failed', objectType: 'person', objectId: 7, outcome: 'failed', details: { field: 'idNumber' } },
    ]);
    expect(JSON.stringify(noted)).not.toContain(bad.split(':')[2]);
  });

  it('shows an intact field through its mask and nothing stored as null, auditing nothing', () => {
    const { view: v, noted } = view();
    expect(v.show(cipher.encrypt('13912345678'), ref, (s) => `${s.slice(0, 3)}****`)).toBe('139****');
    expect(v.show(null, ref)).toBeNull();
    expect(noted).toEqual([]);
  });

  it("D2 strict still throws the integrity error for a damaged field (or the caller's error), and audits it", () => {
    const { view: v, noted } = view();
    const bad = flipped(cipher.encrypt('13912345678'));
    expect(() => v.strict(bad, ref)).toThrow(INTEGRITY_MESSAGE);
    expect(() => v.strict(bad, { ...ref, objectId: 8 }, () => AppError.conflict('收款人 张三 的银行账号数据校验失败'))).toThrow(
      '收款人 张三',
    );
    expect(noted.map((e) => e.objectId)).toEqual([7, 8]);
    expect(v.strict(cipher.encrypt('ok'), ref)).toBe('ok');
  });
});
