import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('Z5 shows an ID number as its first 6 and last 4 characters with 8 stars between', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(' 440524188001010014 ')).toBe('440524********0014');
  });

  it('Z5 hides the middle of an old 15-digit ID number and all of a too-short value', () => {
    expect(maskIdNumber('370811900101123')).toBe('370811*****1123');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });

  it('Z5 shows a mobile number as 3 + **** + 4', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('Z5 shows other phone numbers as their first 3 and last 2 characters', () => {
    expect(maskPhone('0537-2345678')).toBe('053*******78');
    expect(maskPhone('05372345678')).toBe('053******78');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('D4 shows a name on public pages as its first character and a star per remaining character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('阿卜杜拉·买买提')).toBe('阿*******');
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('D4 never shows a whole name, even of one character', () => {
    expect(maskName('王')).toBe('王*');
    expect(maskName(' ')).toBe('');
  });
});
