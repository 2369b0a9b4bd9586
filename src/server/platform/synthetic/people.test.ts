/** The synthetic city's generators (docs/synthetic-city.md "Figures"). */
import { describe, expect, it } from 'vitest';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import { createRng } from './prng.js';
import { householdMembers, IdNumbers, platformIds, residents } from './people.js';

describe('synthetic people', () => {
  it('the same seed and stream give the same draws; another stream others', () => {
    const draws = (seed: number, stream: string) =>
      Array.from(
        { length: 20 },
        (
          (r) => () =>
            r.int(1000)
        )(createRng(seed, stream)),
      );
    expect(draws(42, 'registry')).toEqual(draws(42, 'registry'));
    expect(draws(42, 'registry')).not.toEqual(draws(42, 'assistance'));
    expect(draws(42, 'registry')).not.toEqual(draws(43, 'registry'));
  });

  it('ID numbers stay valid and unique when 500 people of one sex are born in one county on one day: the birth moves a day earlier', () => {
    const ids = new IdNumbers(['370811']);
    const made = Array.from({ length: 1200 }, () => ids.next('370811', '1990-05-01', 'female'));
    expect(new Set(made.map((m) => m.idNumber)).size).toBe(1200);
    expect(made[499].birthDate).toBe('1990-05-01');
    expect(made[500].birthDate).toBe('1990-04-30');
    expect(made[1199].birthDate).toBe('1990-04-29');
    for (const m of made) {
      const parsed = parseResidentId(m.idNumber);
      expect(parsed).toMatchObject({ ok: true, sex: 'female', birthDate: m.birthDate });
    }
  });

  it('platform numbers are distinct for distinct rows, in the registry’s alphabet', () => {
    const id = platformIds(createRng(1, 'ids'), 'JM');
    const list = Array.from({ length: 50_000 }, (_, i) => id(i));
    expect(new Set(list).size).toBe(list.length);
    for (const p of list.slice(0, 100)) expect(p).toMatch(/^JM[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('households have 1 to 6 members, the head first and an adult, never more than asked for', () => {
    const rng = createRng(5, 'households');
    for (let i = 0; i < 2000; i++) {
      const members = householdMembers(rng, 1 + (i % 6));
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(1 + (i % 6));
      expect(members[0].relation).toBe('head');
      expect(members[0].age).toBeGreaterThanOrEqual(20);
    }
  });

  it('residents outside a database are exactly n, with unique valid ID numbers on their villages’ counties', () => {
    const list = [...residents(createRng(3, 'bench'), 5000, ['370811002001', '370826100200'], '2026-12-01')];
    expect(list).toHaveLength(5000);
    expect(new Set(list.map((p) => p.idNumber)).size).toBe(5000);
    for (const p of list) {
      expect(parseResidentId(p.idNumber).ok).toBe(true);
      expect(p.idNumber.slice(0, 6)).toBe(p.village.slice(0, 6));
    }
  });
});
