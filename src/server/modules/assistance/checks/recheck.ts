/**
 * Batch re-check of recipients (批量复核比对): checks are opened for every entitlement in the
 * jurisdiction that is due for review (or for all), the same request file and agency replies as
 * for applications are used, and the results list, per household, what the agencies found and the
 * amount that would follow. The worker then re-reviews each household (entitlements/review.ts), which closes its
 * check.
 */
import { sql } from 'drizzle-orm';
import { personNameOf } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor, scopeWhere } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import type { Page } from '../../../../shared/paging.js';
import type { RecheckRow, StartRecheckInput } from '../../../../shared/assistance/checks.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { assistanceEntitlements } from '../schema.js';
import { checkScope, findingsFor } from './check.js';
import { compute, type EntitlementInputs } from '../policy/compute.js';
import { PolicyBook } from '../policy/policy.js';
import type { StoredApplication } from '../cases/application.js';
import { assistanceChecks } from '../schema.js';

export async function startBatchRecheck(deps: Deps, ctx: Ctx, input: StartRecheckInput): Promise<{ created: number }> {
  const actor = requireActor(ctx.actor);
  const scope = scopeWhere(actor, { division: assistanceEntitlements.divisionCode, household: assistanceEntitlements.householdId });
  const due = input.only === 'due' ? sql`and ${assistanceEntitlements.nextReviewDate} <= (${shanghaiToday()}::date + 30)` : sql``;
  return deps.database.db.transaction(async (tx) => {
    const [r] = await rows<{ n: number | string }>(
      tx,
      sql`with created as (
            insert into assistance_checks (entitlement_id, household_id, division_code)
            select ${assistanceEntitlements.id}, ${assistanceEntitlements.householdId}, ${assistanceEntitlements.divisionCode} from
              ${assistanceEntitlements}
            where ${scope} and ${assistanceEntitlements.status} <> 'stopped' ${due}
              and not exists (select 1 from assistance_checks k where k.entitlement_id = ${assistanceEntitlements.id} and k.status in
                ('requested', 'replied'))
            returning 1)
          select count(*) as n from created`,
    );
    await audit(tx, ctx, { action: 'assistance.recheck.start', details: { only: input.only, created: Number(r.n) } });
    return { created: Number(r.n) };
  });
}

/** Households whose re-check has replies: the findings and the amount that would follow. */
export async function recheckResults(deps: Deps, ctx: Ctx, input: { page: number; pageSize: number }): Promise<Page<RecheckRow>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const where = sql`${assistanceChecks.entitlementId} is not null and ${assistanceChecks.status} = 'replied' and ${checkScope(actor)}`;
  const [list, [{ n }]] = await Promise.all([
    rows<{
      check_id: number | string;
      e_id: number | string;
      payee_name: string;
      monthly_fen: number;
      breakdown: string;
      inputs: EntitlementInputs;
      application: StoredApplication | null;
      household_id: number | string;
      payee_person_id: number | string;
      division_code: string;
      version: number;
    }>(
      db,
      sql`select ${assistanceChecks.id} as check_id, e.id as e_id, ${personNameOf(sql`e.payee_person_id`)} as payee_name,
            e.monthly_fen, e.breakdown, e.inputs,
            (select application from assistance_cases c where c.id = e.case_id) as application, e.household_id, e.payee_person_id,
              e.division_code, e.version
          from ${assistanceChecks} join assistance_entitlements e on e.id = ${assistanceChecks.entitlementId}
          where ${where} order by ${assistanceChecks.id} limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string }>(db, sql`select count(*) as n from ${assistanceChecks} where ${where}`),
  ]);
  const book = await PolicyBook.load(db);
  const next = addMonths(monthOf(shanghaiToday()), 1);
  const items: RecheckRow[] = [];
  for (const r of list) {
    const members = r.inputs.members.map((m) => ({ personId: m.personId, covered: m.covered, incomes: m.incomes }));
    const app = {
      category: r.inputs.category,
      members,
      assets: r.application?.assets ?? { depositsFen: 0, vehicles: 0, extraHouses: 0 },
    } as StoredApplication;
    const found = await findingsFor(
      db,
      book,
      app,
      { householdId: Number(r.household_id), payeePersonId: Number(r.payee_person_id), divisionCode: r.division_code },
      Number(r.check_id),
    );
    // The amount if every income finding were accepted.
    const incomes = new Map<number, EntitlementInputs['members'][number]['incomes']>();
    for (const f of found) {
      if (!f.apply?.personId || !f.apply.incomeKind) continue;
      const m = r.inputs.members.find((x) => x.personId === f.apply!.personId)!;
      const current = incomes.get(m.personId) ?? m.incomes;
      incomes.set(m.personId, [
        ...current.filter((i) => i.kind !== f.apply!.incomeKind),
        { kind: f.apply.incomeKind, monthlyFen: f.apply.monthlyFen! },
      ]);
    }
    const proposal = compute(
      {
        ...r.inputs,
        selfCareUnable: r.inputs.selfCareUnable ?? [],
        otherBenefits: r.inputs.otherBenefits ?? [],
        month: next,
        members: r.inputs.members.map((m) => ({ ...m, incomes: incomes.get(m.personId) ?? m.incomes })),
      },
      book,
    );
    items.push({
      entitlementId: Number(r.e_id),
      version: r.version,
      payeeName: r.payee_name,
      monthlyFen: r.monthly_fen,
      breakdown: r.breakdown,
      findings: found,
      proposedFen: proposal.eligible ? proposal.monthlyFen : 0,
      proposedBreakdown: proposal.breakdown,
      stillEligible: proposal.eligible,
      foundIncomes: [...incomes.entries()].map(([personId, list]) => ({ personId, incomes: list })),
    });
  }
  await deps.readAudit.record(ctx, { action: 'assistance.recheck.results', details: { total: Number(n) } });
  return { items, total: Number(n), page: input.page, pageSize: input.pageSize };
}
