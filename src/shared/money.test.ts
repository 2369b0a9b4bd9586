import { describe, expect, it } from 'vitest';
import { parseYuan, yuan, yuanPlain, yuanShort } from './money.js';

describe('分 → 元 text', () => {
  it('yuan, for people to read: two decimals and thousands separators (157200 → "1,572.00")', () => {
    expect(yuan(157200)).toBe('1,572.00');
    expect(`${yuan(300000)} 元`).toBe('3,000.00 元');
    expect(yuan(92400)).toBe('924.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(0)).toBe('0.00');
    expect(yuan(123456789)).toBe('1,234,567.89');
    expect(yuan(-120000)).toBe('-1,200.00');
    expect(yuan(-5)).toBe('-0.05');
  });

  it('yuan rounds a fraction of a 分 to the whole 分, and never prints "-0.00"', () => {
    expect(yuan(1.5)).toBe('0.02');
    expect(yuan(-0.4)).toBe('0.00');
  });

  it('yuanPlain, for bank files: the same digits without separators (157200 → "1572.00")', () => {
    expect(yuanPlain(157200)).toBe('1572.00');
    expect(yuanPlain(123456789)).toBe('1234567.89');
    expect(yuanPlain(5)).toBe('0.05');
    expect(yuanPlain(-120000)).toBe('-1200.00');
  });

  it('yuanShort, inside breakdowns: whole 元 without decimals (92400 → "924", 120050 → "1,200.50")', () => {
    expect(yuanShort(92400)).toBe('924');
    expect(yuanShort(157200)).toBe('1,572');
    expect(yuanShort(120050)).toBe('1,200.50');
  });
});

describe('元 text → 分', () => {
  it('parseYuan reads what people type or files carry, without floating-point drift', () => {
    expect(parseYuan('1,572.5')).toBe(157250);
    expect(parseYuan('1572.50')).toBe(157250);
    expect(parseYuan(1572.5)).toBe(157250);
    expect(parseYuan(12.3)).toBe(1230);
    expect(parseYuan(0.29)).toBe(29);
    expect(parseYuan('60,000.00 元')).toBe(6_000_000);
    expect(parseYuan('-0.5')).toBe(-50);
  });

  it('parseYuan refuses anything that is not an amount with at most two decimals', () => {
    for (const bad of ['', 'abc', '1.234', '1.2.3', '--1']) expect(parseYuan(bad), bad).toBeNull();
  });
});
