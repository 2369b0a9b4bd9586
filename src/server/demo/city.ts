/**
 * The synthetic city's parts, in the order they are built (docs/synthetic-city.md "Adding a part"):
 * an area adds its part here, in its own `synthetic.ts`. Used by `npm run seed` (seed-cli.ts), the
 * demo data of a first start (seed-demo.ts) and the benchmarks (bench/).
 */
import type { Database } from '../platform/db/index.js';
import { openMigratedDatabase } from '../platform/db/index.js';
import type { FieldCipher } from '../platform/crypto/field-cipher.js';
import { buildCity, type CityCounts, type CityOptions, type SyntheticPart } from '../platform/synthetic/city.js';
import { shanghaiToday } from '../../shared/dates.js';
import { registryPart } from '../modules/registry/synthetic.js';
import { assistancePart } from '../modules/assistance/synthetic.js';
import { staffPart } from '../modules/admin/synthetic.js';
import { volunteersPart } from '../modules/volunteers/synthetic.js';
import { loadDivisions } from '../modules/divisions/load.js';

export const syntheticParts: readonly SyntheticPart[] = [registryPart, assistancePart, volunteersPart, staffPart];

/** The seed of the demo city (`npm start`) and the default of `npm run seed`. */
export const DEFAULT_SEED = 42;

export function cityOptions(o: Partial<CityOptions> & { scale: number }): CityOptions {
  return { seed: DEFAULT_SEED, asOf: shanghaiToday(), cityCode: '3708', multipliers: {}, ...o };
}

/** The parts named (all when `only` is not given), in list order; the registry comes first whenever a later part needs it. */
export function partsNamed(only?: readonly string[]): SyntheticPart[] {
  if (!only) return [...syntheticParts];
  for (const name of only) if (!syntheticParts.some((p) => p.name === name)) throw new Error(`unknown part ${name}`);
  return syntheticParts.filter((p) => only.includes(p.name));
}

export async function buildSyntheticCity(
  database: Database,
  cipher: FieldCipher,
  options: CityOptions,
  opts: { parts?: readonly string[]; replace?: boolean; log?: (msg: string) => void } = {},
): Promise<CityCounts> {
  return buildCity(database, cipher, partsNamed(opts.parts), options, opts);
}

/**
 * The registry's part alone onto a PostgreSQL database (migrated and its divisions loaded here),
 * for benchmarks that need the city's residents: returns the counts and the seconds it took.
 */
export async function buildRegistryOnPostgres(
  url: string,
  cipher: FieldCipher,
  o: { scale: number; seed?: number; replace?: boolean },
): Promise<{ households: number; persons: number; seconds: number }> {
  const database = await openMigratedDatabase({ url });
  try {
    await loadDivisions(database, '3708');
    const started = process.hrtime.bigint();
    const counts = await buildSyntheticCity(database, cipher, cityOptions({ scale: o.scale, seed: o.seed ?? DEFAULT_SEED }), {
      parts: ['registry'],
      replace: o.replace,
    });
    return {
      households: counts.registry.households,
      persons: counts.registry.persons,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    await database.close();
  }
}
