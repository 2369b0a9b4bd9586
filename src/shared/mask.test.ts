import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('shows an ID number as its first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('shows a mobile number as 3 + **** + 4', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('0537-2345678')).toBe('053*******78');
  });
  it('D4 shows a name on public pages as its first character and stars', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
