/**
 * 高龄津贴 in the registry's benefit ledger (docs/rules.md "The benefit ledger" and "高龄津贴 (old-age
 * allowance)"): a confirmed record is recorded on the person (type `elderly_allowance`, source_ref
 * `elderly_allowance:<id>`) from its first month, one ledger record per age band — the band's monthly
 * amount in force for the county in the band's first month, the next band from the month after the 90th
 * (100th) birthday — so the ledger says what the roll pays, band change included, without a monthly job.
 * A death ends it from the month after; a revoked death records it again from there. 高龄津贴 is held beside
 * 低保 and 特困 (no pair of src/shared/benefit-rules.ts names it).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/index.js';
import { PolicyBook } from '../../platform/policy/book.js';
import { addMonths } from '../../../shared/dates.js';
import { allowanceBands, bandFromAge, type AllowanceBand } from '../../../shared/elderly-allowance/codes.js';
import { AMOUNTS_KIND, ELDERLY_POLICY, type BandAmounts } from '../../../shared/elderly-allowance/policy.js';
import { endBenefitsInTx, recordBenefitsInTx, type ModuleBenefit } from '../registry/ledger.js';
import { personsView } from '../registry/read.js';
import type { Allowance } from './workflow.js';

export const ALLOWANCE_BENEFIT = 'elderly_allowance';
export const allowanceSourceRef = (id: number) => `elderly_allowance:${id}`;

/** The month a band is first due: the month after the birthday of its age (born 1936-05-15, 90—99 from 2026-06). */
const bandStart = (birthDate: string, band: AllowanceBand) =>
  addMonths(`${Number(birthDate.slice(0, 4)) + bandFromAge[band]}${birthDate.slice(4, 7)}`, 1);

/**
 * The ledger records of a record from `fromMonth` to its end month (null: open), one per band it passes
 * through; a band whose amount is 0 (not paid in the county) has none.
 */
export function allowanceBenefits(
  a: Pick<Allowance, 'id' | 'personId' | 'divisionCode' | 'countyCode' | 'endMonth'>,
  birthDate: string,
  fromMonth: string,
  amountsIn: (month: string) => BandAmounts | null,
  note: string,
): ModuleBenefit[] {
  const bands = Object.keys(allowanceBands) as AllowanceBand[];
  const out: ModuleBenefit[] = [];
  for (let i = 0; i < bands.length; i++) {
    const start = bandStart(birthDate, bands[i]);
    const next = bands[i + 1] ? bandStart(birthDate, bands[i + 1]) : null;
    const from = start > fromMonth ? start : fromMonth;
    let to = next ? addMonths(next, -1) : null;
    if (a.endMonth && (to === null || to > a.endMonth)) to = a.endMonth;
    if (to !== null && to < from) continue;
    const fen = amountsIn(from)?.[bands[i]] ?? 0;
    if (fen <= 0) continue;
    out.push({
      personId: a.personId,
      divisionCode: a.divisionCode,
      type: ALLOWANCE_BENEFIT,
      monthlyAmountFen: fen,
      startMonth: from,
      endMonth: to,
      sourceRef: allowanceSourceRef(a.id),
      note: `${note}（${allowanceBands[bands[i]]}）`,
    });
  }
  return out;
}

/** Records the allowance from `fromMonth` in the ledger, in the caller's transaction. */
export async function recordAllowanceBenefitsInTx(tx: Db, a: Allowance, fromMonth: string, note: string): Promise<void> {
  const [p] = await rows<{ birth_date: string | null }>(
    tx,
    sql`select p.birth_date::text as birth_date from ${personsView} p where p.id = ${a.personId}`,
  );
  if (!p?.birth_date) return;
  const book = await PolicyBook.load(tx, ELDERLY_POLICY);
  const records = allowanceBenefits(
    a,
    p.birth_date,
    fromMonth,
    (month) => book.value<BandAmounts>(AMOUNTS_KIND, a.countyCode, month)?.value ?? null,
    note,
  );
  await recordBenefitsInTx(tx, records);
}

/** Ends the record's ledger records with the month before `fromMonth` (those starting from it go). */
export async function endAllowanceBenefitsInTx(tx: Db, id: number, fromMonth: string): Promise<void> {
  await endBenefitsInTx(tx, [allowanceSourceRef(id)], fromMonth);
}
