/**
 * Entitlements (享受待遇): what a household or person is paid each month, with the explanation,
 * stored with the inputs that produced it; and the benefit records on the covered persons, so every
 * other module reads what social assistance pays (一数一源). Nobody is 低保 and 特困 at once.
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { addMonths } from '../../../shared/dates.js';
import { benefits } from '../registry/schema.js';
import type { Computation } from './compute.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from './schema.js';
import type { CaseRow } from './case-store.js';

/** Benefit record type of each paid category (borderline recognition pays nothing). */
const benefitTypeOf = { dibao: 'dibao', tekun: 'tekun', temporary: 'temporary' } as const;

/** Refuses a 低保 grant to anyone who is 特困 in `month`, and the reverse, naming the persons. */
export async function assertExclusiveInTx(tx: Db, category: string, personIds: number[], month: string): Promise<void> {
  const other = category === 'dibao' ? 'tekun' : category === 'tekun' ? 'dibao' : null;
  if (!other || personIds.length === 0) return;
  const clash = await rows<{ name: string }>(
    tx,
    sql`select distinct p.name from benefits b join persons p on p.id = b.person_id
        where b.person_id in (${sql.join(personIds.map((id) => sql`${id}`), sql`, `)}) and b.type = ${other}
          and (b.end_month is null or b.end_month >= ${month})`,
  );
  if (clash.length) {
    const label = other === 'tekun' ? '特困供养' : '低保';
    throw AppError.conflict(`${clash.map((c) => c.name).join('、')} 正在享受${label}：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发`);
  }
}

/** Grants from `startMonth` (the month after approval); one-off payments end in the same month. */
export async function grantInTx(tx: Db, ctx: Ctx, c: CaseRow, comp: Computation, startMonth: string, opts: { reviewMonths: number }): Promise<number> {
  const covered = comp.inputs.members.filter((m) => m.covered).map((m) => m.personId);
  await assertExclusiveInTx(tx, c.category, covered, startMonth);
  const oneOff = c.category === 'temporary';
  const [e] = await tx
    .insert(assistanceEntitlements)
    .values({
      caseId: c.id, householdId: c.householdId, category: c.category, divisionCode: c.divisionCode, countyCode: c.divisionCode.slice(0, 6),
      payeePersonId: c.applicantPersonId, coveredPersonIds: covered, monthlyFen: comp.monthlyFen, breakdown: comp.breakdown,
      inputs: comp.inputs as unknown as Record<string, unknown>, startMonth, endMonth: oneOff ? startMonth : null,
      bankName: c.bankName, bankAccountEnc: c.bankAccountEnc,
      nextReviewDate: oneOff || c.category === 'borderline' ? null : `${addMonths(startMonth, opts.reviewMonths)}-01`,
    })
    .returning({ id: assistanceEntitlements.id });
  await tx.insert(assistanceEntitlementChanges).values({
    entitlementId: e.id, kind: 'granted', effectiveMonth: startMonth, newFen: comp.monthlyFen, breakdown: comp.breakdown, reason: `案件 ${c.caseNo} 审批通过`, actorUserId: ctx.actor?.userId ?? null,
  });
  await writeBenefitRecordsInTx(tx, e.id, c.category, covered, comp.monthlyFen, startMonth, oneOff ? startMonth : null, c.divisionCode);
  await audit(tx, ctx, { action: 'assistance.entitlement.grant', objectType: 'assistance_entitlement', objectId: e.id, details: { caseId: c.id, monthlyFen: comp.monthlyFen, startMonth } });
  return e.id;
}

/**
 * The household amount shared among the covered persons as their benefit records (the first
 * carries the remainder fen), so the records add up to what is paid.
 */
export async function writeBenefitRecordsInTx(tx: Db, entitlementId: number, category: string, covered: number[], monthlyFen: number, start: string, end: string | null, divisionCode: string): Promise<void> {
  const type = benefitTypeOf[category as keyof typeof benefitTypeOf];
  if (!type || covered.length === 0) return;
  const share = Math.floor(monthlyFen / covered.length);
  await tx.insert(benefits).values(
    covered.map((personId, i) => ({
      personId, divisionCode, type, monthlyAmountFen: share + (i === 0 ? monthlyFen - share * covered.length : 0), startMonth: start, endMonth: end,
      source: 'module', sourceRef: `assistance_entitlement:${entitlementId}`, note: '社会救助审批',
    })),
  );
}

/** Ends the open benefit records of an entitlement with the month before `fromMonth`. */
export async function endBenefitRecordsInTx(tx: Db, entitlementIds: number[], fromMonth: string): Promise<void> {
  if (!entitlementIds.length) return;
  const refs = entitlementIds.map((id) => `assistance_entitlement:${id}`);
  const last = addMonths(fromMonth, -1);
  await tx.delete(benefits).where(and(inArray(benefits.sourceRef, refs), sql`${benefits.startMonth} >= ${fromMonth}`));
  await tx.update(benefits).set({ endMonth: last }).where(and(inArray(benefits.sourceRef, refs), sql`(${benefits.endMonth} is null or ${benefits.endMonth} >= ${fromMonth})`));
}
