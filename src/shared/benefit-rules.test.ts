import { describe, expect, it } from 'vitest';
import { excludedBy, exclusionMessage } from './benefit-rules.js';

describe('benefits one person may not hold at once', () => {
  it('低保 ✕ 特困: each excludes the other, and nothing else is excluded', () => {
    expect(excludedBy('dibao')).toEqual(['tekun']);
    expect(excludedBy('tekun')).toEqual(['dibao']);
    expect(excludedBy('temporary')).toEqual([]);
    expect(excludedBy('pension')).toEqual([]);
  });

  it('the refusal names who holds which benefit, and the pair', () => {
    expect(exclusionMessage(['王大山', '李芳'], 'tekun', 'dibao')).toBe(
      '王大山、李芳 正在享受特困供养：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发',
    );
    expect(exclusionMessage(['张三'], 'dibao', 'tekun')).toBe(
      '张三 正在享受低保：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发',
    );
  });
});
