import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, parseCreditCode } from './credit-code.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts the examples 91350100M000100Y43 and 91512081MA62K0260E', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(parseCreditCode('91512081MA62K0260E')).toEqual({ ok: true, code: '91512081MA62K0260E' });
  });

  it('normalises lowercase, spaces and full-width characters', () => {
    expect(parseCreditCode(' 91512081ma62k0260e ')).toEqual({ ok: true, code: '91512081MA62K0260E' });
    expect(parseCreditCode('９１５１２０８１ＭＡ６２Ｋ０２６０Ｅ')).toEqual({ ok: true, code: '91512081MA62K0260E' });
  });

  it('rejects a wrong check character, naming the expected one', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 3）' });
    expect(parseCreditCode('91512081MA62K0260F')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 E）' });
  });

  it('rejects the letters I, O, Z, S, V, naming the character', () => {
    for (const ch of ['I', 'O', 'Z', 'S', 'V']) {
      expect(parseCreditCode(`91350100M000100${ch}43`)).toEqual({
        ok: false,
        message: `含有不允许的字符「${ch}」（只用数字和除 I、O、Z、S、V 以外的大写字母）`,
      });
    }
    expect(parseCreditCode('91350100M000100-43')).toMatchObject({ ok: false, message: expect.stringContaining('「-」') });
  });

  it('rejects a wrong length, naming it', () => {
    expect(parseCreditCode('9135010')).toEqual({ ok: false, message: '长度应为 18 位（当前 7 位）' });
    expect(parseCreditCode('91350100M000100Y431')).toEqual({ ok: false, message: '长度应为 18 位（当前 19 位）' });
  });

  it('maps a check value of 31 to 0', () => {
    // Σ = 0 → 31 − 0 = 31 → 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(parseCreditCode('000000000000000000').ok).toBe(true);
  });

  it('V1 any single changed character of a valid code is caught (31 is prime, every weight non-zero)', () => {
    const symbol = fc.constantFrom(...ALPHABET);
    fc.assert(
      fc.property(
        fc.array(symbol, { minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (chars, pos, shift) => {
          const code = chars.join('') + creditCodeCheckChar(chars.join(''));
          expect(parseCreditCode(code).ok).toBe(true);
          const changed = ALPHABET[(ALPHABET.indexOf(code[pos]) + shift) % 31];
          expect(parseCreditCode(code.slice(0, pos) + changed + code.slice(pos + 1)).ok).toBe(false);
        },
      ),
    );
  });

  it('creditCodeCheckChar refuses input outside the alphabet or shorter than 17', () => {
    expect(() => creditCodeCheckChar('9135010')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});
