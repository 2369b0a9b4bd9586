/**
 * Dynamic management (动态管理) of recipients: the list of entitlements in force with their review
 * dates, re-review (yearly for stable households, every 6 months for irregular income; within 3
 * months after a member's death), adjusting, suspending, resuming and stopping, each from a month,
 * each recorded in the entitlement's history. 渐退期: when a re-review finds the household above the
 * line because a member found work, payment continues for up to the configured months. Stopping a
 * 特困 recipient's support is announced first (终止公示, `stopNotice`): it is carried out when the
 * notice ends without objection.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { planOnce, requireActor, scopeWhere, withinDivision } from '../../platform/access/scope.js';
import { likePrefix, rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { pageInput } from '../../platform/http/paging.js';
import { addMonths, isDate, isMonth, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { keysOf } from '../../../shared/registry-codes.js';
import { maskName } from '../../../shared/mask.js';
import { assistanceCategories, entitlementStatuses, incomeKinds, type AssistanceCategory } from '../../../shared/assistance-codes.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from './schema.js';
import { compute, type EntitlementInputs } from './compute.js';
import { PolicyBook } from './policy.js';
import { endBenefitRecordsInTx, writeBenefitRecordsInTx } from './entitlements.js';
import { stopNotice } from './workflow.js';
import { calendarDays } from '../../platform/casework/clocks.js';
import { entitlementWorkflow, recordEntitlementInTx, type Entitlement } from './entitlement-lifecycle.js';
import { personNameTerm } from '../registry/person-fields.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { maskAccount } from './account.js';

/** The entitlements (`assistance_entitlements`, not aliased) the actor may see; their statistics use it too. */
export function entitlementScope(actor: Actor) {
  return scopeWhere(actor, {
    division: assistanceEntitlements.divisionCode,
    household: assistanceEntitlements.householdId,
    person: assistanceEntitlements.payeePersonId,
  });
}

export const listEntitlementsInput = pageInput.extend({
  category: z.enum(keysOf(assistanceCategories)).optional(),
  status: z.enum(keysOf(entitlementStatuses)).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  /** Only those whose re-review falls within the next 30 days or is overdue. */
  reviewDue: z.coerce.boolean().optional(),
  /** The payee's name prefix, normalised like a registry name (middle dots). */
  q: personNameTerm.optional(),
});

export async function listEntitlements(deps: Deps, ctx: Ctx, input: z.infer<typeof listEntitlementsInput>) {
  const actor = requireActor(ctx.actor);
  const parts = [entitlementScope(actor)];
  if (input.category) parts.push(sql`${assistanceEntitlements.category} = ${input.category}`);
  if (input.status) parts.push(sql`${assistanceEntitlements.status} = ${input.status}`);
  if (input.divisionCode) parts.push(withinDivision(assistanceEntitlements.divisionCode, input.divisionCode));
  if (input.reviewDue)
    parts.push(
      sql`${assistanceEntitlements.status} <> 'stopped' and ${assistanceEntitlements.nextReviewDate} <= (${shanghaiToday()}::date + 30)`,
    );
  if (input.q)
    parts.push(
      sql`exists (select 1 from persons p where p.id = ${assistanceEntitlements.payeePersonId} and ${likePrefix(sql`p.name`, input.q)})`,
    );
  const where = and(...parts);
  const once = planOnce(actor);
  const [items, [{ n }]] = await Promise.all([
    deps.database.read<{
      id: number | string;
      category: string;
      payee_name: string;
      division_name: string | null;
      covered: number;
      monthly_fen: number;
      breakdown: string;
      start_month: string;
      end_month: string | null;
      status: string;
      next_review_date: string | null;
      stop_notice_ends: string | null;
    }>(
      sql`select e.id, e.category, (select name from persons p where p.id = e.payee_person_id) as payee_name,
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

export async function lockEntitlement(tx: Db, actor: Actor, id: number): Promise<Entitlement> {
  const [e] = await tx
    .select()
    .from(assistanceEntitlements)
    .where(and(eq(assistanceEntitlements.id, id), entitlementScope(actor)))
    .for('update');
  if (!e) throw AppError.notFound('救助待遇');
  return e;
}

export async function openEntitlement(deps: Deps, ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [e] = await db
    .select()
    .from(assistanceEntitlements)
    .where(and(eq(assistanceEntitlements.id, id), entitlementScope(actor)));
  if (!e) throw AppError.notFound('救助待遇');
  const [history, [payee]] = await Promise.all([
    db
      .select()
      .from(assistanceEntitlementChanges)
      .where(eq(assistanceEntitlementChanges.entitlementId, id))
      .orderBy(desc(assistanceEntitlementChanges.id)),
    rows<{ name: string }>(db, sql`select name from persons where id = ${e.payeePersonId}`),
  ]);
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
    inputs: e.inputs,
    /** The payee account the bank files use, masked (更正发放账户 changes it). */
    bankName: e.bankName,
    bankAccount: new FieldView(deps, ctx).show(
      e.bankAccountEnc,
      { objectType: 'assistance_entitlement', objectId: id, field: 'bankAccount' },
      maskAccount,
    ),
    stopNotice:
      e.stopNoticeEnds && e.stopPending
        ? { ends: e.stopNoticeEnds, effectiveMonth: e.stopPending.effectiveMonth, reason: e.stopPending.reason }
        : null,
    /** The earliest months a change may take effect from, as the forms offer them. */
    changeFrom: earliestChanges(e.category),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

const month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');
export const changeInput = z.object({
  kind: z.enum(['suspend', 'resume', 'stop']),
  effectiveMonth: month,
  reason: z.string().trim().min(2, '请填写理由').max(1000),
  version: z.number().int(),
});

/** Suspend, resume or stop from a month (never a month already paid: from next month on). */
export async function changeEntitlement(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof changeInput>) {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  const next = addMonths(monthOf(today), 1);
  if (input.effectiveMonth < next) throw AppError.field('effectiveMonth', `只能从下月（${next}）起调整，已发放的月份不能更改`);
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (input.kind === 'stop' && stopNotice.categories.includes(e.category)) {
      return startStopNoticeInTx(deps, tx, ctx, e, {
        effectiveMonth: input.effectiveMonth,
        reason: input.reason,
        breakdown: null,
        version: input.version,
      });
    }
    const updated = await recordEntitlementInTx(tx, ctx, e, input.kind, {
      today,
      version: input.version,
      reason: input.reason,
      set: input.kind === 'stop' ? { endMonth: addMonths(input.effectiveMonth, -1) } : {},
      data: {
        effectiveMonth: input.effectiveMonth,
        oldFen: e.monthlyFen,
        newFen: input.kind === 'resume' ? e.monthlyFen : 0,
        auditDetails: { effectiveMonth: input.effectiveMonth },
      },
    });
    if (input.kind !== 'resume') await endBenefitRecordsInTx(tx, [id], input.effectiveMonth);
    else await writeBenefitRecordsInTx(tx, [id], input.effectiveMonth);
    return { id, status: updated.status };
  });
}

/** Suspend and resume from next month; a stop too, unless it needs a 终止公示 first (then the month after the notice). */
function earliestChanges(category: string, today = shanghaiToday()) {
  const next = addMonths(monthOf(today), 1);
  if (!stopNotice.categories.includes(category as AssistanceCategory)) return { month: next, stopMonth: next, stopNoticeEnds: null };
  const ends = calendarDays(today, stopNotice.calendarDays).lastDay;
  return { month: next, stopMonth: addMonths(monthOf(ends), 1), stopNoticeEnds: ends };
}

/**
 * 终止公示: announces the stop of a 特困 recipient's support for 7 calendar days from today. The stop
 * takes effect from `effectiveMonth`, at the earliest the month after the notice's last day.
 */
async function startStopNoticeInTx(
  deps: Deps,
  tx: Db,
  ctx: Ctx,
  e: Entitlement,
  opts: { effectiveMonth: string | null; reason: string; breakdown: string | null; version?: number },
) {
  const today = shanghaiToday();
  const { stopMonth: earliest, stopNoticeEnds } = earliestChanges(e.category, today);
  const ends = stopNoticeEnds!;
  const month = opts.effectiveMonth ?? earliest;
  if (month < earliest)
    throw AppError.field(
      'effectiveMonth',
      `特困人员终止供养须先公示 ${stopNotice.calendarDays} 天（至 ${ends}），最早从 ${earliest} 起停发`,
    );
  await recordEntitlementInTx(tx, ctx, e, 'stop_notice', {
    today,
    version: opts.version,
    reason: opts.reason,
    set: { stopNoticeEnds: ends, stopPending: { effectiveMonth: month, reason: opts.reason, actorUserId: requireActor(ctx.actor).userId } },
    data: {
      effectiveMonth: month,
      oldFen: e.monthlyFen,
      newFen: 0,
      breakdown: opts.breakdown,
      historyReason: `终止公示至 ${ends}：${opts.reason}`,
      auditDetails: { effectiveMonth: month, noticeEnds: ends },
    },
  });
  // On the village's public page: the payee's name masked, the household covered, the amount (docs/security.md D4).
  const [payee] = await rows<{ name: string }>(tx, sql`select name from persons where id = ${e.payeePersonId}`);
  await deps.notices.startInTx(tx, {
    kind: STOP_NOTICE,
    recordId: e.id,
    divisionCode: e.divisionCode,
    matter: '拟终止供养',
    shown: {
      name: maskName(payee.name),
      category: assistanceCategories[e.category],
      householdSize: e.coveredPersonIds.length,
      monthlyFen: e.monthlyFen,
    },
    startsOn: today,
    lastDay: ends,
  });
  return { id: e.id, status: e.status, stopNoticeEnds: ends, effectiveMonth: month };
}

export const stopObjectionInput = z.object({ reason: z.string().trim().min(2, '请填写异议情况').max(2000), version: z.number().int() });

/** An objection within the 终止公示 withdraws the stop; support continues and the household is due for re-review now. */
export async function objectToStop(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof stopObjectionInput>) {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    await recordEntitlementInTx(tx, ctx, e, 'stop_objection', {
      today,
      version: input.version,
      reason: input.reason,
      set: { stopNoticeEnds: null, stopPending: null, nextReviewDate: today },
      data: {
        effectiveMonth: e.stopPending?.effectiveMonth ?? monthOf(today),
        oldFen: e.monthlyFen,
        newFen: e.monthlyFen,
        historyReason: `终止公示异议，继续供养并重新复核：${input.reason}`,
      },
    });
    await deps.notices.withdrawInTx(tx, STOP_NOTICE, id);
    return { id, status: e.status, nextReviewDate: today };
  });
}

/** The kind of a 终止公示 on the platform's notice board. */
export const STOP_NOTICE = 'assistance_stop';

/** A 终止公示 that ended without objection: support stops from the month it announced. */
export async function endStopNotice(tx: Db, entitlementId: number, today: string): Promise<void> {
  const [e] = await tx.select().from(assistanceEntitlements).where(eq(assistanceEntitlements.id, entitlementId)).for('update');
  if (!e?.stopNoticeEnds || e.stopNoticeEnds >= today || !e.stopPending) return;
  // The announced month; a notice carried out late never stops a month before the current one.
  const month = e.stopPending.effectiveMonth > monthOf(today) ? e.stopPending.effectiveMonth : monthOf(today);
  await recordEntitlementInTx(tx, { actor: null, ip: '' }, e, 'stop', {
    today,
    reason: e.stopPending.reason,
    set: { endMonth: addMonths(month, -1), nextReviewDate: null, stopNoticeEnds: null, stopPending: null },
    data: {
      effectiveMonth: month,
      oldFen: e.monthlyFen,
      newFen: 0,
      historyReason: `终止公示期满无异议：${e.stopPending.reason}`,
      auditDetails: { effectiveMonth: month, afterNotice: e.stopNoticeEnds },
    },
    recordedActorUserId: e.stopPending.actorUserId,
  });
  await endBenefitRecordsInTx(tx, [e.id], month);
}

export const reviewInput = z.object({
  /** Each member's monthly incomes as found at the re-review (replacing the earlier ones). */
  members: z
    .array(
      z.object({
        personId: z.number().int().positive(),
        incomes: z.array(z.object({ kind: z.enum(keysOf(incomeKinds)), monthlyFen: z.number().int().min(0).max(100_000_000) })).max(20),
      }),
    )
    .max(30),
  /** The rise comes from a member who found work: 渐退期 applies. */
  foundWork: z.boolean().default(false),
  irregularIncome: z.boolean().default(false),
  reason: z.string().trim().min(2, '请填写复核情况').max(2000),
  version: z.number().int(),
});

/**
 * Re-review: recompute with the incomes found now and the standard of next month. Still eligible:
 * the new amount from next month. Above the line because a member found work: 渐退期, the current
 * amount continues for up to `taper_max_months`, then stops. Otherwise: stops from next month.
 */
export async function reviewEntitlement(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof reviewInput>) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const book = await PolicyBook.load(db);
  const today = shanghaiToday();
  const next = addMonths(monthOf(today), 1);
  return db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    // The order and a running 终止公示 first, before anything is computed or a notice started.
    const why = entitlementWorkflow.whyNot(e.category, e.status, 'review', { stopNoticeEnds: e.stopNoticeEnds, today });
    if (why) throw AppError.conflict(why);
    const old = e.inputs as unknown as EntitlementInputs;
    const incomes = new Map(input.members.map((m) => [m.personId, m.incomes]));
    const inputs: EntitlementInputs = {
      ...old,
      month: next,
      members: old.members.map((m) => ({ ...m, incomes: incomes.get(m.personId) ?? m.incomes })),
    };
    const r = compute(inputs, book);
    const county = e.countyCode;
    const interval = book.param('review_interval_months', county, next);
    const nextReviewDate = `${addMonths(next, input.irregularIncome ? interval.irregular : interval.stable)}-01`;
    let kind: 'reviewed' | 'adjusted' | 'taper' | 'stopped';
    let endMonth: string | null = e.endMonth;
    let monthlyFen = e.monthlyFen;
    let breakdown = e.breakdown;
    if (r.eligible) {
      kind = r.monthlyFen === e.monthlyFen ? 'reviewed' : 'adjusted';
      monthlyFen = r.monthlyFen;
      breakdown = r.breakdown;
    } else if (input.foundWork && book.param('taper_max_months', county, next) > 0) {
      // 渐退期 (低保审核确认办法): keep paying the current amount for up to N months.
      kind = 'taper';
      endMonth = addMonths(next, book.param('taper_max_months', county, next) - 1);
      breakdown = `${e.breakdown}（渐退期至 ${endMonth}）`;
    } else if (stopNotice.categories.includes(e.category as AssistanceCategory)) {
      // 特困: no longer meets the conditions; the stop is announced first (终止公示).
      await closeRecheckInTx(tx, id);
      const started = await startStopNoticeInTx(deps, tx, ctx, e, {
        effectiveMonth: null,
        reason: `${input.reason}；${r.failures.join('；') || r.breakdown}`,
        breakdown: r.breakdown,
        version: input.version,
      });
      return {
        id,
        kind: 'stop_notice' as const,
        monthlyFen: e.monthlyFen,
        breakdown: e.breakdown,
        endMonth: addMonths(started.effectiveMonth, -1),
        nextReviewDate: e.nextReviewDate,
        stopNoticeEnds: started.stopNoticeEnds,
      };
    } else {
      kind = 'stopped';
      endMonth = addMonths(next, -1);
    }
    const reason = kind === 'stopped' ? `${input.reason}；${r.breakdown}` : input.reason;
    await recordEntitlementInTx(tx, ctx, e, 'review', {
      today,
      version: input.version,
      reason: input.reason,
      set: {
        monthlyFen,
        breakdown,
        inputs: (r.eligible ? r.inputs : inputs) as unknown as Record<string, unknown>,
        endMonth,
        nextReviewDate: kind === 'stopped' || kind === 'taper' ? null : nextReviewDate,
      },
      data: {
        kind,
        effectiveMonth: next,
        oldFen: e.monthlyFen,
        newFen: kind === 'stopped' ? 0 : monthlyFen,
        breakdown: r.breakdown,
        historyReason: reason,
        auditDetails: { kind, effectiveMonth: next },
      },
    });
    if (kind !== 'reviewed') {
      await endBenefitRecordsInTx(tx, [id], next);
      if (kind !== 'stopped') await writeBenefitRecordsInTx(tx, [id], next);
    }
    await closeRecheckInTx(tx, id);
    return { id, kind, monthlyFen, breakdown, endMonth, nextReviewDate: kind === 'stopped' || kind === 'taper' ? null : nextReviewDate };
  });
}

/** The review closes the household's batch re-check, if one was open. */
async function closeRecheckInTx(tx: Db, entitlementId: number) {
  await tx.execute(
    sql`update assistance_checks set status = 'reviewed', updated_at = now() where entitlement_id = ${entitlementId} and status in
      ('requested', 'replied')`,
  );
}

export const deathInput = z.object({
  personId: z.number().int().positive(),
  diedOn: z.string().refine(isDate, '日期格式应为 YYYY-MM-DD'),
  version: z.number().int(),
});

/** A member died: the household is re-reviewed within 3 months (the review date moves up). */
export async function reportDeath(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof deathInput>) {
  const actor = requireActor(ctx.actor);
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (
      !e.coveredPersonIds.includes(input.personId) &&
      !(e.inputs as unknown as EntitlementInputs).members?.some((m) => m.personId === input.personId)
    ) {
      throw AppError.field('personId', '该人员不是此待遇的家庭成员');
    }
    const due = `${addMonths(monthOf(input.diedOn), 3)}-${input.diedOn.slice(8, 10) > '28' ? '28' : input.diedOn.slice(8, 10)}`;
    const nextReviewDate = e.nextReviewDate && e.nextReviewDate < due ? e.nextReviewDate : due;
    await recordEntitlementInTx(tx, ctx, e, 'death', {
      today: shanghaiToday(),
      version: input.version,
      set: { nextReviewDate },
      data: {
        kind: 'death_reported',
        effectiveMonth: monthOf(input.diedOn),
        historyReason: `家庭成员于 ${input.diedOn} 去世，须于 ${due} 前复核`,
        auditDetails: { personId: input.personId },
      },
    });
    return { id, nextReviewDate };
  });
}
