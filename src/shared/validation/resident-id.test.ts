import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateResidentId, parseResidentId, residentIdCheckChar } from './resident-id.js';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the examples of the standard: 11010519491231002X and 440524188001010014', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', sex: 'female', birthDate: '1949-12-31', addressCode: '110105' });
    expect(parseResidentId('440524188001010014')).toMatchObject({ ok: true, sex: 'male', birthDate: '1880-01-01' });
  });

  it('normalises a lowercase x to X and trims spaces', () => {
    expect(parseResidentId(' 11010519491231002x ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('rejects an ID number whose check digit is wrong, saying which it should be', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 X）' });
  });

  it('rejects a wrong length, letters inside, an impossible date, a future date and an unknown province', () => {
    expect(parseResidentId('1101051949123100')).toMatchObject({ ok: false, message: expect.stringContaining('18 位') });
    expect(parseResidentId('11010519491231A02X')).toMatchObject({ ok: false, message: expect.stringContaining('数字') });
    const feb30 = '37081119900230' + '001';
    expect(parseResidentId(feb30 + residentIdCheckChar(feb30))).toMatchObject({ ok: false, message: expect.stringContaining('出生日期') });
    const future = '370811' + '20991231' + '001';
    expect(parseResidentId(future + residentIdCheckChar(future))).toMatchObject({ ok: false, message: expect.stringContaining('不能晚于今天') });
    const province = '99081119900101001';
    expect(parseResidentId(province + residentIdCheckChar(province))).toMatchObject({ ok: false, message: '省级代码 99 无效' });
  });

  it('accepts ID numbers under retired address codes (370802 old 市中区, 370882 old 兖州市)', () => {
    for (const code of ['370802', '370882', '440524']) {
      expect(parseResidentId(generateResidentId({ addressCode: code, birthDate: '1970-01-01', seq: 1 })).ok).toBe(true);
    }
  });

  it('V1 generated ID numbers with a changed check character are always rejected', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 10 }), (d, seq, shift) => {
        const id = generateResidentId({ addressCode: '370811', birthDate: d.toISOString().slice(0, 10), seq });
        expect(parseResidentId(id).ok).toBe(true);
        const chars = '0123456789X';
        const wrong = id.slice(0, 17) + chars[(chars.indexOf(id[17]) + shift) % 11];
        expect(parseResidentId(wrong).ok).toBe(false);
      }),
    );
  });
});
