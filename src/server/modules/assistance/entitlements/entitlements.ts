/**
 * Entitlements (享受待遇): what a household or person is paid each month, with the explanation,
 * stored with the inputs that produced it; and the benefit records on the covered persons, so every
 * other module reads what social assistance pays (一数一源). Nobody is 低保 and 特困 at once.
 */
import { countyOf } from '../../../../shared/divisions.js';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import { addMonths } from '../../../../shared/dates.js';
import type { Computation } from '../policy/compute.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from '../schema.js';
import type { CaseRow } from '../cases/case-store.js';
import { registeredHouseholdId } from '../cases/application.js';
import { assertExclusiveInTx, endBenefitsInTx, recordBenefitsInTx } from '../../registry/ledger.js';
import type { PayeeAccounts } from '../../../platform/payees/payees.js';
import { ASSISTANCE_PROGRAMME } from './account.js';
import { supportModeAtGrant, supportModeGrantText } from './support-mode.js';
import type { SupportModeValue } from '../../../../shared/assistance/support-mode.js';

/** Benefit record type of each paid category (borderline recognition pays nothing). */
const benefitTypeOf = { dibao: 'dibao', tekun: 'tekun', temporary: 'temporary' } as const;

/** Grants from `startMonth` (the month after approval); one-off payments end in the same month. */
export async function grantInTx(
  tx: Db,
  ctx: Ctx,
  c: CaseRow,
  comp: Computation,
  startMonth: string,
  opts: { reviewMonths: number; payees: PayeeAccounts; supportMode?: SupportModeValue; today: string },
): Promise<number> {
  const covered = comp.inputs.members.filter((m) => m.covered).map((m) => m.personId);
  await assertExclusiveInTx(tx, c.category, covered, startMonth, countyOf(c.divisionCode));
  const oneOff = c.category === 'temporary';
  const [e] = await tx
    .insert(assistanceEntitlements)
    .values({
      caseId: c.id,
      householdId: registeredHouseholdId(c),
      category: c.category,
      divisionCode: c.divisionCode,
      countyCode: countyOf(c.divisionCode),
      payeePersonId: c.applicantPersonId,
      coveredPersonIds: covered,
      monthlyFen: comp.monthlyFen,
      breakdown: comp.breakdown,
      inputs: comp.inputs as unknown as Record<string, unknown>,
      startMonth,
      endMonth: oneOff ? startMonth : null,
      nextReviewDate: oneOff || c.category === 'borderline' ? null : `${addMonths(startMonth, opts.reviewMonths)}-01`,
      // 特困: its 供养方式 from the approval (support-mode.ts).
      ...(c.category === 'tekun' ? supportModeAtGrant(opts.supportMode, opts.today) : {}),
    })
    .returning({ id: assistanceEntitlements.id });
  await tx.insert(assistanceEntitlementChanges).values({
    entitlementId: e.id,
    kind: 'granted',
    effectiveMonth: startMonth,
    newFen: comp.monthlyFen,
    breakdown: comp.breakdown,
    reason: `案件 ${c.caseNo} 审批通过`,
    actorUserId: ctx.actor?.userId ?? null,
  });
  if (c.category === 'tekun')
    await tx.insert(assistanceEntitlementChanges).values({
      entitlementId: e.id,
      kind: 'support_mode_set',
      effectiveMonth: startMonth,
      breakdown: supportModeGrantText(opts.supportMode),
      reason: `案件 ${c.caseNo} 审批通过`,
      actorUserId: ctx.actor?.userId ?? null,
    });
  // The account the application gave is the one the programme pays the applicant into from now on (platform/payees).
  await opts.payees.setInTx(tx, ctx.actor?.userId ?? null, ASSISTANCE_PROGRAMME, [
    {
      personId: c.applicantPersonId,
      householdId: registeredHouseholdId(c),
      divisionCode: c.divisionCode,
      bankName: c.bankName,
      bankAccountEnc: c.bankAccountEnc,
      reason: `案件 ${c.caseNo} 审批通过`,
    },
  ]);
  await writeBenefitRecordsInTx(tx, [e.id], startMonth);
  await audit(tx, ctx, {
    action: 'assistance.entitlement.grant',
    objectType: 'assistance_entitlement',
    objectId: e.id,
    details: { caseId: c.id, caseNo: c.caseNo, monthlyFen: comp.monthlyFen, startMonth },
  });
  return e.id;
}

/**
 * The benefit records of entitlements as they are stored now, from `start` (null: each one's own
 * start month) to their end month:
 * each one's monthly amount shared among its covered persons (the first carries the remainder fen),
 * so the records add up to what is paid. A category without a benefit type (低保边缘 recognition)
 * has none. One statement for any number of entitlements.
 */
export async function writeBenefitRecordsInTx(
  tx: Db,
  entitlementIds: number[],
  start: string | null,
  note = '社会救助审批',
): Promise<void> {
  if (!entitlementIds.length) return;
  await recordBenefitsInTx(
    tx,
    sql`select p.pid::bigint as person_id, e.division_code, t.type,
        (e.monthly_fen / k.n) + case when p.ord = 1 then e.monthly_fen - (e.monthly_fen / k.n) * k.n else 0 end as monthly_amount_fen,
        coalesce(${start}, e.start_month) as start_month, e.end_month, 'assistance_entitlement:' || e.id as source_ref,
        ${note}::text as note
      from assistance_entitlements e
      join jsonb_each_text(${JSON.stringify(benefitTypeOf)}::jsonb) as t(category, type) on t.category = e.category
      cross join lateral (select jsonb_array_length(e.covered_person_ids) as n) k
      cross join lateral jsonb_array_elements_text(e.covered_person_ids) with ordinality as p(pid, ord)
      where e.id in (select jsonb_array_elements_text(${JSON.stringify(entitlementIds)}::jsonb)::bigint) and k.n > 0
      order by e.id, p.ord`,
  );
}

/** Ends the open benefit records of entitlements with the month before `fromMonth` (those starting later go). */
export async function endBenefitRecordsInTx(tx: Db, entitlementIds: number[], fromMonth: string): Promise<void> {
  await endBenefitsInTx(
    tx,
    entitlementIds.map((id) => `assistance_entitlement:${id}`),
    fromMonth,
  );
}
