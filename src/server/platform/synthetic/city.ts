/**
 * The synthetic city (docs/synthetic-city.md): one build of a city at a scale of the seeds' figures
 * (scale 1: Jining), reproducible from a seed number, written with COPY. Each area contributes a
 * part (`SyntheticPart`, in the area's own `synthetic.ts`); the parts run in the order of their list
 * (src/server/demo/city.ts), inside one transaction, each drawing from its own random stream, and
 * may hand what later parts need (the households and their members) through `ctx.shared`.
 */
import type { Database, RawTx } from '../db/index.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { createRng, type Rng } from './prng.js';

export interface CityOptions {
  /** 1 is Jining at the seeds' figures; 0.001 is the demo city. */
  scale: number;
  seed: number;
  /** The day ages and months are counted from (default: today in Asia/Shanghai). */
  asOf: string;
  cityCode: string;
  /** `--<part> N`: a part's load multiplier (its own figures × N); parts read theirs by name. */
  multipliers: Record<string, number>;
}

export interface PartContext {
  tx: RawTx;
  kind: Database['kind'];
  cipher: FieldCipher;
  options: CityOptions;
  /** The part's own random stream. */
  rng: Rng;
  /** A figure of the seeds at the build's scale (and the part's multiplier), rounded to a whole number. */
  scaled(figure: number): number;
  /** What earlier parts left for later ones, by name. */
  shared: Map<string, unknown>;
  /** COPY rows in batches (the PGlite path builds each batch as one blob). */
  copy(table: string, columns: string[], rows: Iterable<(string | number | null)[]>): Promise<number>;
}

export interface SyntheticPart {
  /** Its name: the stream it draws from and the `--<name> N` multiplier it reads. */
  name: string;
  /** The tables it fills, emptied (with the others') before a `--replace` build. */
  tables: string[];
  build(ctx: PartContext): Promise<Record<string, number>>;
}

/** `ctx.shared` key of the city's households, left by the registry's part for the parts after it. */
export const HOUSEHOLDS = 'households';

/** The households and their members, as the registry's part wrote them. */
export interface CityHouseholds {
  /** Households are ids firstHouseholdId … firstHouseholdId + householdCount − 1, in this order. */
  firstHouseholdId: number;
  householdCount: number;
  /** Index of each household's first member (members are contiguous, the head first); one extra entry at the end. */
  memberStart: Int32Array;
  /** Persons are ids firstPersonId … firstPersonId + personCount − 1, member index order. */
  firstPersonId: number;
  personCount: number;
  /** Age in whole years on `asOf`, by member index. */
  age: Uint8Array;
  /** 1 when the person has a disability of grade 1 or 2 (重度), by member index. */
  severeDisability: Uint8Array;
  /** The household's village (index into `villages`) and whether its hukou is urban, by household index. */
  village: Uint16Array;
  villages: string[];
  urban: Uint8Array;
  /**
   * The registry's writer of benefit records for the parts after it, in the build's transaction: inserts
   * the rows of `select` (person_id, division_code, type, monthly_amount_fen, start_month, end_month,
   * source_ref, note) with source 'module', as the ledger's set-based path does
   * (src/server/modules/registry/ledger.ts recordBenefitsInTx). Returns the rows written.
   */
  recordBenefits(select: string, params?: unknown[]): Promise<number>;
}

export type CityCounts = Record<string, Record<string, number>>;

/** Rows per COPY: the PGlite blob of a batch stays near 10 MB. */
const BATCH = 25_000;

export async function copyInBatches(
  tx: RawTx,
  table: string,
  columns: string[],
  rows: Iterable<(string | number | null)[]>,
): Promise<number> {
  let batch: (string | number | null)[][] = [];
  let n = 0;
  for (const r of rows) {
    batch.push(r);
    if (batch.length === BATCH) {
      await tx.copyRows(table, columns, batch);
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length) await tx.copyRows(table, columns, batch);
  return n + batch.length;
}

/** Builds the parts in order in one transaction; `replace` first empties every part's tables. */
export async function buildCity(
  database: Database,
  cipher: FieldCipher,
  parts: readonly SyntheticPart[],
  options: CityOptions,
  opts: { replace?: boolean; log?: (msg: string) => void } = {},
): Promise<CityCounts> {
  if (!(options.scale > 0 && options.scale <= 10)) throw new RangeError(`scale must be in (0, 10]: ${options.scale}`);
  const counts: CityCounts = {};
  const shared = new Map<string, unknown>();
  await database.rawTransaction(async (tx) => {
    if (opts.replace) await tx.query(`truncate ${[...new Set(parts.flatMap((p) => p.tables))].join(', ')} restart identity cascade`);
    for (const part of parts) {
      const multiplier = options.multipliers[part.name] ?? 1;
      const started = Date.now();
      counts[part.name] = await part.build({
        tx,
        kind: database.kind,
        cipher,
        options,
        rng: createRng(options.seed, part.name),
        scaled: (figure) => Math.round(figure * options.scale * multiplier),
        shared,
        copy: (table, columns, rows) => copyInBatches(tx, table, columns, rows),
      });
      opts.log?.(`${part.name}: ${JSON.stringify(counts[part.name])} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  });
  return counts;
}
