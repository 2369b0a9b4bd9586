/**
 * The list of entitlements in force (动态管理) with their review dates, and one entitlement opened
 * with its history, its payee account and the earliest months it can change from.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { planOnce, requireActor, withinDivision } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import type { Page } from '../../../../shared/paging.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { assistanceCategories, entitlementStatuses, type AssistanceCategory } from '../../../../shared/assistance-codes.js';
import type { EntitlementInputs } from '../../../../shared/assistance/cases.js';
import type { EntitlementDetail, EntitlementRow, ListEntitlementsInput } from '../../../../shared/assistance/entitlements.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from '../schema.js';
import { personNameOf, personNameStartsWith, personsView } from '../../registry/read.js';
import { coveredMembers, payeeProblem } from './payee.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { ASSISTANCE_PROGRAMME, maskAccount } from './account.js';
import { accountRef } from '../../../platform/payees/payees.js';
import { entitlementScope } from './scope.js';
import { earliestChanges } from './stop-notice.js';
import { supportModeOf } from './support-mode.js';

export async function listEntitlements(deps: Deps, ctx: Ctx, input: ListEntitlementsInput): Promise<Page<EntitlementRow>> {
  const actor = requireActor(ctx.actor);
  const parts = [entitlementScope(actor)];
  if (input.category) parts.push(sql`${assistanceEntitlements.category} = ${input.category}`);
  if (input.status) parts.push(sql`${assistanceEntitlements.status} = ${input.status}`);
  if (input.divisionCode) parts.push(withinDivision(assistanceEntitlements.divisionCode, input.divisionCode));
  if (input.reviewDue)
    parts.push(
      sql`${assistanceEntitlements.status} <> 'stopped' and ${assistanceEntitlements.nextReviewDate} <= (${shanghaiToday()}::date + 30)`,
    );
  if (input.q) parts.push(personNameStartsWith(assistanceEntitlements.payeePersonId, input.q));
  const where = and(...parts);
  const once = planOnce(actor);
  const [items, [{ n }]] = await Promise.all([
    deps.database.read<{
      id: number | string;
      category: AssistanceCategory;
      payee_name: string;
      division_name: string | null;
      covered: number;
      monthly_fen: number;
      breakdown: string;
      start_month: string;
      end_month: string | null;
      status: 'active' | 'suspended' | 'stopped';
      next_review_date: string | null;
      stop_notice_ends: string | null;
    }>(
      sql`select e.id, e.category, ${personNameOf(sql`e.payee_person_id`)} as payee_name,
            (select full_name from divisions d where d.code = e.division_code) as division_name, jsonb_array_length(e.covered_person_ids)
              as covered,
            e.monthly_fen, e.breakdown, e.start_month, e.end_month, e.status, e.next_review_date::text as next_review_date,
              e.stop_notice_ends::text as stop_notice_ends
          from assistance_entitlements e where e.id in (select ${assistanceEntitlements.id} from ${assistanceEntitlements} where ${where})
          order by e.next_review_date nulls last, e.id limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
      once,
    ),
    deps.database.read<{ n: number | string }>(sql`select count(*) as n from ${assistanceEntitlements} where ${where}`, once),
  ]);
  await deps.readAudit.record(ctx, { action: 'assistance.entitlement.search', details: { total: Number(n) } });
  return {
    items: items.map((e) => ({
      id: Number(e.id),
      category: e.category,
      categoryName: assistanceCategories[e.category as keyof typeof assistanceCategories] ?? e.category,
      payeeName: e.payee_name,
      divisionName: e.division_name,
      coveredCount: Number(e.covered),
      monthlyFen: e.monthly_fen,
      breakdown: e.breakdown,
      startMonth: e.start_month,
      endMonth: e.end_month,
      status: e.status,
      statusName: entitlementStatuses[e.status as keyof typeof entitlementStatuses] ?? e.status,
      nextReviewDate: e.next_review_date,
      stopNoticeEnds: e.stop_notice_ends,
    })),
    total: Number(n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function openEntitlement(deps: Deps, ctx: Ctx, id: number): Promise<EntitlementDetail> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [e] = await db
    .select()
    .from(assistanceEntitlements)
    .where(and(eq(assistanceEntitlements.id, id), entitlementScope(actor)));
  if (!e) throw AppError.notFound('救助待遇');
  const [history, [payee], account, members] = await Promise.all([
    db
      .select()
      .from(assistanceEntitlementChanges)
      .where(eq(assistanceEntitlementChanges.entitlementId, id))
      .orderBy(desc(assistanceEntitlementChanges.id)),
    rows<{ name: string }>(db, sql`select ${personNameOf(e.payeePersonId)} as name`),
    deps.payees.accountOf(db, ASSISTANCE_PROGRAMME, e.payeePersonId),
    coveredMembers(db, e.coveredPersonIds),
  ]);
  const today = shanghaiToday();
  const [payeeDied] = await rows<{ died_on: string | null }>(
    db,
    sql`select died_on::text as died_on from ${personsView} p where p.id = ${e.payeePersonId}`,
  );
  await deps.readAudit.record(ctx, { action: 'assistance.entitlement.open', objectType: 'assistance_entitlement', objectId: id });
  return {
    id: e.id,
    payeeName: payee?.name ?? '',
    caseId: e.caseId,
    householdId: e.householdId,
    category: e.category,
    status: e.status,
    monthlyFen: e.monthlyFen,
    breakdown: e.breakdown,
    startMonth: e.startMonth,
    endMonth: e.endMonth,
    nextReviewDate: e.nextReviewDate,
    version: e.version,
    // What it was computed from, as stored (a migrated one: `migrated`, the members, no incomes).
    inputs: e.inputs as unknown as EntitlementInputs,
    /** The payee account the bank files use (the platform's, platform/payees), masked; 更正发放账户 changes it. */
    payeeAccountId: account?.id ?? null,
    bankName: account?.bankName ?? null,
    bankAccount: account ? new FieldView(deps, ctx).show(account.bankAccountEnc, accountRef(account.id), maskAccount) : null,
    payeeDiedOn: payeeDied?.died_on ?? null,
    payeeCandidates: members
      .filter((m) => Number(m.id) !== e.payeePersonId && !payeeProblem(m, today))
      .map((m) => ({ personId: Number(m.id), name: m.name })),
    stopNotice:
      e.stopNoticeEnds && e.stopPending
        ? { ends: e.stopNoticeEnds, effectiveMonth: e.stopPending.effectiveMonth, reason: e.stopPending.reason }
        : null,
    /** The earliest months a change may take effect from, as the forms offer them. */
    changeFrom: earliestChanges(e.category),
    supportMode: supportModeOf(e),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}
