import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateResidentId, parseResidentId, residentIdCheckChar } from './resident-id.js';

/** An ID number with a correct check character, whatever else is wrong with it. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the examples of the standard: 11010519491231002X and 440524188001010014', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
      addressCode: '110105',
    });
    expect(parseResidentId('440524188001010014')).toEqual({
      ok: true,
      idNumber: '440524188001010014',
      sex: 'male',
      birthDate: '1880-01-01',
      addressCode: '440524',
    });
  });

  it('normalises a lowercase x, spaces and full-width characters from a Chinese input method', () => {
    expect(parseResidentId(' 11010519491231002x ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(parseResidentId('110105 19491231 002X')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(parseResidentId('１１０１０５１９４９１２３１００２ｘ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('reads the sex from the parity of the 17th digit', () => {
    expect(parseResidentId(generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 1 }))).toMatchObject({
      ok: true,
      sex: 'male',
    });
    expect(parseResidentId(generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 2 }))).toMatchObject({
      ok: true,
      sex: 'female',
    });
  });

  it('rejects an ID number whose check digit is wrong, saying which it should be', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 X）' });
    expect(parseResidentId('440524188001010015')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 4）' });
  });

  it('rejects a wrong length, naming it', () => {
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, message: '长度应为 18 位（当前 16 位）' });
    expect(parseResidentId('')).toEqual({ ok: false, message: '长度应为 18 位（当前 0 位）' });
    expect(parseResidentId('110105194912310020X')).toEqual({ ok: false, message: '长度应为 18 位（当前 19 位）' });
  });

  it('rejects letters among the first 17 digits', () => {
    expect(parseResidentId('11010519491231A02X')).toEqual({ ok: false, message: '前 17 位应为数字，最后一位为数字或 X' });
    expect(parseResidentId('11010519491231002Y')).toEqual({ ok: false, message: '前 17 位应为数字，最后一位为数字或 X' });
  });

  it('rejects an unknown province-level code', () => {
    expect(parseResidentId(withCheck('99081119900101001'))).toEqual({ ok: false, message: '省级代码 99 无效' });
    expect(parseResidentId(withCheck('16081119900101001'))).toEqual({ ok: false, message: '省级代码 16 无效' });
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(parseResidentId(withCheck(`${p}081119900101001`)).ok).toBe(true);
    }
  });

  it('rejects a birth date that is not a real calendar date', () => {
    expect(parseResidentId(withCheck('37081119900230001'))).toEqual({ ok: false, message: '出生日期 19900230 无效' });
    expect(parseResidentId(withCheck('37081119901301001'))).toEqual({ ok: false, message: '出生日期 19901301 无效' });
    expect(parseResidentId(withCheck('37081119900100001'))).toEqual({ ok: false, message: '出生日期 19900100 无效' });
    expect(parseResidentId(withCheck('37081119000229001'))).toEqual({ ok: false, message: '出生日期 19000229 无效' });
    expect(parseResidentId(withCheck('37081120000229001')).ok).toBe(true);
  });

  it('rejects a birth date before 1880', () => {
    expect(parseResidentId(withCheck('37081118791231001'))).toEqual({ ok: false, message: '出生日期 1879-12-31 无效（不能早于 1880 年）' });
  });

  it('rejects a birth date later than today in Asia/Shanghai, and accepts one born today', () => {
    expect(parseResidentId(withCheck('37081120991231001'))).toEqual({ ok: false, message: '出生日期 2099-12-31 不能晚于今天' });
    expect(parseResidentId(withCheck('37081120260302001'), { today: '2026-03-01' })).toEqual({
      ok: false,
      message: '出生日期 2026-03-02 不能晚于今天',
    });
    expect(parseResidentId(withCheck('37081120260301001'), { today: '2026-03-01' }).ok).toBe(true);
  });

  it('accepts ID numbers under retired address codes (370802 old 市中区, 370882 old 兖州市, 440524)', () => {
    for (const code of ['370802', '370882', '440524']) {
      expect(parseResidentId(generateResidentId({ addressCode: code, birthDate: '1970-01-01', seq: 1 }))).toMatchObject({
        ok: true,
        addressCode: code,
      });
    }
  });

  it('V1 generated ID numbers are accepted and a changed check character is always rejected', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1880-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 10 }),
        (d, seq, shift) => {
          const id = generateResidentId({ addressCode: '370811', birthDate: d.toISOString().slice(0, 10), seq });
          expect(parseResidentId(id).ok).toBe(true);
          const chars = '0123456789X';
          const wrong = id.slice(0, 17) + chars[(chars.indexOf(id[17]) + shift) % 11];
          expect(parseResidentId(wrong)).toEqual({ ok: false, message: `校验位错误（按前 17 位应为 ${id[17]}）` });
        },
      ),
    );
  });

  it('V1 a single changed digit among the first 17 is always caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = '11010519491231002X';
        const digit = String((Number(id[pos]) + delta) % 10);
        expect(parseResidentId(id.slice(0, pos) + digit + id.slice(pos + 1)).ok).toBe(false);
      }),
    );
  });

  it('generateResidentId refuses a sequence outside 0–999 instead of wrapping it into a duplicate', () => {
    expect(generateResidentId({ addressCode: '110105', birthDate: '1949-12-31', seq: 2 })).toBe('11010519491231002X');
    expect(() => generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 1000 })).toThrow(RangeError);
    expect(() => generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: -1 })).toThrow(RangeError);
    expect(() => generateResidentId({ addressCode: '3708', birthDate: '1990-01-01', seq: 1 })).toThrow(RangeError);
    expect(() => generateResidentId({ addressCode: '370811', birthDate: '19900101', seq: 1 })).toThrow(RangeError);
  });

  it('residentIdCheckChar computes the MOD 11-2 check of 17 digits', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
  });
});
