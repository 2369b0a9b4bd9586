/**
 * Loading a case inside the actor's jurisdiction, and recording an action on it: the one way a
 * case changes. Recording checks the order (Z6), the version (F4: two approvers at once, one gets
 * 409), sets the status and its deadline, appends the action to the history and audits it, all in
 * the caller's transaction.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/index.js';
import { scopeWhere } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { HolidayCalendar } from '../../platform/calendar/working-days.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';
import { monthOf } from '../../../shared/dates.js';
import { countyOf } from '../../../shared/divisions.js';
import type { CaseStatus } from '../../../shared/assistance-codes.js';
import {
  actions,
  caseLimits,
  dutyConflict,
  needsNotice,
  nextStatus,
  whyNot,
  type ActionCode,
  type ActionDef,
  type CaseVariant,
} from './workflow.js';
import { dueFor } from '../../platform/casework/clocks.js';
import type { RecordedAction } from '../../platform/casework/workflow.js';
import type { PolicyBook } from './policy.js';
import { assistanceActions, assistanceCases } from './schema.js';

export type CaseRow = typeof assistanceCases.$inferSelect;

export function caseScope(actor: Actor) {
  return scopeWhere(actor, {
    division: assistanceCases.divisionCode,
    person: assistanceCases.applicantPersonId,
    household: assistanceCases.householdId,
  });
}

/** The case inside the actor's scope, locked for the transaction; 404 outside it (Z1). */
export async function lockCaseInTx(tx: Db, actor: Actor, id: number): Promise<CaseRow> {
  const [c] = await tx
    .select()
    .from(assistanceCases)
    .where(and(eq(assistanceCases.id, id), caseScope(actor)))
    .for('update');
  if (!c) throw AppError.notFound('救助案件');
  return c;
}

/**
 * The platform's own lock on a case, outside any jurisdiction: only for what the platform does by
 * itself on every case (the end of 公示), never for a request.
 */
export async function unsafeLockCaseForPlatformInTx(tx: Db, id: number): Promise<CaseRow | undefined> {
  const [c] = await tx.select().from(assistanceCases).where(eq(assistanceCases.id, id)).for('update');
  return c;
}

export function caseDue(acceptedOn: string, delegated: boolean, extended: boolean, cal: HolidayCalendar) {
  return addWorkingDays(acceptedOn, extended ? caseLimits.extended : delegated ? caseLimits.delegated : caseLimits.normal, cal);
}

/** A case's recorded actions in order, as the workflow judges them (steps done, who did what). */
export async function recordedActions(tx: Db, caseId: number): Promise<RecordedAction[]> {
  return tx
    .select({
      action: assistanceActions.action,
      data: assistanceActions.data,
      actorUserId: assistanceActions.actorUserId,
      actorDivision: assistanceActions.actorDivision,
    })
    .from(assistanceActions)
    .where(eq(assistanceActions.caseId, caseId))
    .orderBy(asc(assistanceActions.id));
}

/** What decides the case's required steps: its category and type, a staff relative, the county's 公示 policy. */
export function caseVariant(c: CaseRow, book: PolicyBook, month: string): CaseVariant {
  return {
    category: c.category,
    temporaryType: c.temporaryType as CaseVariant['temporaryType'],
    staffRelative: c.staffRelative,
    noticeCategories: book.param('notice_categories', countyOf(c.divisionCode), month),
  };
}

export interface ActionRecord {
  reason?: string | null;
  data?: Record<string, unknown>;
  fileIds?: number[];
  /** Fields of the case to change with the action (computation, spot check…). */
  set?: Partial<typeof assistanceCases.$inferInsert>;
}

/**
 * Records `code` on the locked case `c`. `actor` null = the platform (end of 公示). `expectedVersion`
 * is what the client saw; a different one means someone acted first (409).
 */
export async function recordActionInTx(
  tx: Db,
  ctx: Ctx,
  c: CaseRow,
  code: ActionCode,
  opts: ActionRecord & {
    expectedVersion?: number;
    today: string;
    cal: HolidayCalendar;
    book: PolicyBook;
    actorName: string;
    actorDivision: string | null;
  },
): Promise<CaseRow> {
  const recorded = await recordedActions(tx, c.id);
  const county = countyOf(c.divisionCode);
  const month = monthOf(opts.today);
  const variant = caseVariant(c, opts.book, month);
  const why = whyNot(c.category, c.status as CaseStatus, code, { variant, recorded });
  if (why) throw AppError.conflict(why);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== c.version)
    throw AppError.conflict('案件已被他人处理，请刷新后查看最新状态');
  const duty = ctx.actor ? dutyConflict(code, recorded, ctx.actor.userId, opts.book.param('separation_of_duties', county, month)) : null;
  if (duty) throw AppError.forbidden(duty);
  const def: ActionDef = actions[code];
  if (def.reasonRequired && !opts.reason?.trim()) throw AppError.field('reason', `「${def.label}」须填写理由`);
  // The township's agreement goes to 公示 only where the case needs one (needsNotice), and says so in the record.
  if (code === 'township_agree') opts = { ...opts, data: { ...opts.data, notice: needsNotice(variant) } };
  const to = nextStatus(c.category, c.status as CaseStatus, code, opts.data)!;
  const moved = to !== c.status;
  const due = moved ? dueFor(opts.book.deadline(c.category, to, county, month), opts.today, opts.cal) : null;
  const [updated] = await tx
    .update(assistanceCases)
    .set({
      ...opts.set,
      status: to,
      version: sql`${assistanceCases.version} + 1`,
      updatedAt: new Date(),
      // Only a case in 公示 has a notice end: leaving it (end or objection) clears it.
      ...(due ? { statusSince: new Date(), dueDate: due.dueDate, dueProvisional: due.provisional, noticeEnds: due.noticeEnds } : {}),
    })
    .where(eq(assistanceCases.id, c.id))
    .returning();
  await tx.insert(assistanceActions).values({
    caseId: c.id,
    action: code,
    fromStatus: c.status,
    toStatus: to,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: opts.actorName,
    actorDivision: opts.actorDivision,
    reason: opts.reason ?? null,
    data: opts.data ?? {},
    fileIds: opts.fileIds ?? [],
  });
  await audit(tx, ctx, {
    action: `assistance.${code}`,
    objectType: 'assistance_case',
    objectId: c.id,
    details: { caseNo: c.caseNo, from: c.status, to },
  });
  return updated;
}
