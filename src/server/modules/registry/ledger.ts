/**
 * The benefit ledger (docs/rules.md "The benefit ledger"): every benefit any module pays a person is a
 * record on that person (`benefits`, source 'module', `source_ref` naming the module's record), and
 * this file is its one writer. Exclusivity the law fixes (低保 ✕ 特困) and the benefits another
 * replaces (就高: a child taking 孤儿基本生活费 is not also supported as 特困) are the declared tables in
 * src/shared/benefit-rules.ts, checked here before a module records.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { addMonths } from '../../../shared/dates.js';
import { countyOf } from '../../../shared/divisions.js';
import { excludedBy, exclusionMessage, replacedBy, replacementMessage } from '../../../shared/benefit-rules.js';
import { benefits } from './schema.js';

/** One benefit a module pays a person, by the month. */
export interface ModuleBenefit {
  personId: number;
  divisionCode: string;
  type: string;
  monthlyAmountFen: number;
  startMonth: string;
  endMonth: string | null;
  /** The module's record that pays it (`assistance_entitlement:12`). */
  sourceRef: string;
  note: string;
}

/**
 * Records benefits: a list, or for set-based paths a select whose columns are those of
 * `ModuleBenefit` in snake case (person_id, division_code, type, monthly_amount_fen, start_month,
 * end_month, source_ref, note), written in one statement. A list is checked against the declared
 * tables first (`assertExclusiveInTx`, by type, start month and county); a set-based caller checks
 * before it builds its select (entitlements.ts grantInTx does).
 */
export async function recordBenefitsInTx(tx: Db, records: ModuleBenefit[] | SQL): Promise<void> {
  if (Array.isArray(records)) {
    const groups = new Map<string, { type: string; month: string; county: string; personIds: number[] }>();
    for (const r of records) {
      const county = countyOf(r.divisionCode);
      const key = `${r.type}|${r.startMonth}|${county}`;
      const group = groups.get(key) ?? { type: r.type, month: r.startMonth, county, personIds: [] };
      group.personIds.push(r.personId);
      groups.set(key, group);
    }
    for (const g of groups.values()) await assertExclusiveInTx(tx, g.type, g.personIds, g.month, g.county);
    if (records.length) await tx.insert(benefits).values(records.map((r) => ({ ...r, source: 'module' })));
    return;
  }
  await tx.execute(sql`insert into benefits (person_id, division_code, type, monthly_amount_fen, start_month, end_month, source,
      source_ref, note)
    select x.person_id, x.division_code, x.type, x.monthly_amount_fen, x.start_month, x.end_month, 'module', x.source_ref, x.note
    from (${records}) x`);
}

/**
 * Ends the module's open records of `sourceRefs` (a list, or for set-based paths a select of one text
 * column) with the month before `fromMonth`; those starting from it go.
 */
export async function endBenefitsInTx(tx: Db, sourceRefs: string[] | SQL, fromMonth: string): Promise<void> {
  if (Array.isArray(sourceRefs) && !sourceRefs.length) return;
  const refs = Array.isArray(sourceRefs)
    ? sql`(select jsonb_array_elements_text(${JSON.stringify(sourceRefs)}::jsonb))`
    : sql`(${sourceRefs})`;
  await tx.execute(sql`delete from benefits where source_ref in ${refs} and start_month >= ${fromMonth}`);
  await tx.execute(
    sql`update benefits set end_month = ${addMonths(fromMonth, -1)} where source_ref in ${refs}
      and (end_month is null or end_month >= ${fromMonth})`,
  );
}

/**
 * Refuses a benefit of `type` to anyone who holds, in `month`, one it excludes (低保 ✕ 特困) or one
 * that replaces it under the county's policy (就高), naming the persons and the rule.
 */
export async function assertExclusiveInTx(
  tx: Db,
  type: string,
  personIds: number[],
  month: string,
  county: string | null = null,
): Promise<void> {
  const replacing = replacedBy(type, month, county);
  const excluded = [...excludedBy(type), ...replacing.map((r) => r.type)];
  if (!excluded.length || !personIds.length) return;
  const clash = await rows<{ name: string; type: string }>(
    tx,
    sql`select distinct p.name, b.type from benefits b join persons p on p.id = b.person_id
        where b.person_id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::bigint)
          and b.type in (select jsonb_array_elements_text(${JSON.stringify(excluded)}::jsonb))
          and (b.end_month is null or b.end_month >= ${month})`,
  );
  if (!clash.length) return;
  const held = clash[0].type;
  const names = [...new Set(clash.filter((c) => c.type === held).map((c) => c.name))];
  const replacement = replacing.find((r) => r.type === held);
  throw AppError.conflict(replacement ? replacementMessage(names, held, type, replacement.rule) : exclusionMessage(names, held, type));
}
