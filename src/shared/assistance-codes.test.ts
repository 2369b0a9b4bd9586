import { describe, expect, it } from 'vitest';
import { parameterKeys } from './assistance-codes.js';

describe('policy value labels', () => {
  it('an amount is labelled in 元, as it is shown and entered, never in 分', () => {
    const amounts = Object.entries(parameterKeys).filter(([key]) => key.endsWith('_fen'));
    expect(amounts.length).toBeGreaterThan(0);
    for (const [key, label] of amounts) expect(label, key).toMatch(/元/);
    for (const [key, label] of Object.entries(parameterKeys)) expect(label, key).not.toMatch(/[（，]分[）]/);
  });
});
