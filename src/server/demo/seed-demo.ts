/**
 * Demo data for a first start: the synthetic city (docs/synthetic-city.md) at scale 0.001 from the
 * fixed seed 42 — about 8,240 residents in their households over the city's villages, 160 低保
 * recipients and 33 特困 persons with their entitlements and accounts, and the staff accounts (the
 * four named demo logins and one per county and township). ID numbers are valid GB 11643 numbers
 * on the city's address codes (fictitious people).
 */
import type { Deps } from '../platform/deps.js';
import { MEAN_HOUSEHOLD_SIZE } from '../platform/synthetic/people.js';
import { RESIDENTS } from '../modules/registry/synthetic.js';
import { buildSyntheticCity, cityOptions, DEFAULT_SEED } from './city.js';

export const DEMO_SCALE = 0.001;

export async function seedDemo(
  deps: Deps,
  /** `households`: a smaller city of about that many households (tests). */
  opts: { households?: number; seed?: number } = {},
): Promise<{ households: number; persons: number; users: number }> {
  const scale = opts.households ? (opts.households * MEAN_HOUSEHOLD_SIZE) / RESIDENTS : DEMO_SCALE;
  const counts = await buildSyntheticCity(
    deps.database,
    deps.cipher,
    cityOptions({ scale, seed: opts.seed ?? DEFAULT_SEED, cityCode: deps.config.JIMIN_CITY }),
  );
  return { households: counts.registry.households, persons: counts.registry.persons, users: counts.staff.users };
}
