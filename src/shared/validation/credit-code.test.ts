import { describe, expect, it } from 'vitest';
import { parseCreditCode } from './credit-code.js';

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts the examples 91350100M000100Y43 and 91512081MA62K0260E', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(parseCreditCode('91512081ma62k0260e')).toEqual({ ok: true, code: '91512081MA62K0260E' });
  });

  it('rejects a wrong check character, naming the expected one', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, message: '校验位错误（按前 17 位应为 3）' });
  });

  it('rejects the letters I, O, Z, S, V and a wrong length', () => {
    expect(parseCreditCode('91350100M000100O43')).toMatchObject({ ok: false, message: expect.stringContaining('O') });
    expect(parseCreditCode('9135010')).toMatchObject({ ok: false, message: expect.stringContaining('18 位') });
  });
});
