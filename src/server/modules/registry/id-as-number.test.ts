import { describe, expect, it } from 'vitest';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { idStoredAsNumber } from './id-as-number.js';

describe('an ID number stored as a number', () => {
  it('is a numeric cell of 16 digits or more', () => {
    expect(idStoredAsNumber('370811196604127000', true)).toBe(true);
    expect(idStoredAsNumber('370811196604127', true)).toBe(false);
  });

  it('is scientific notation or 18 digits ending in 000 that fail the check, as text (CSV)', () => {
    expect(idStoredAsNumber('3.70811E+17')).toBe(true);
    expect(idStoredAsNumber('3.70811196604127e17')).toBe(true);
    expect(idStoredAsNumber('370811196604127000')).toBe(true);
    expect(idStoredAsNumber('370811196604127310')).toBe(false);
    expect(idStoredAsNumber('37081119660412731X')).toBe(false);
  });

  it('is not a valid ID number that happens to end in 000', () => {
    const dates = Array.from({ length: 28 }, (_, d) => `1966-04-${String(d + 1).padStart(2, '0')}`);
    const valid = dates
      .map((birthDate) => generateResidentId({ addressCode: '370811', birthDate, seq: 0 }))
      .find((id) => id.endsWith('000'));
    expect(valid).toBeDefined();
    expect(idStoredAsNumber(valid!)).toBe(false);
  });
});
