/**
 * Loading a case inside the actor's jurisdiction, and recording an action on it through the casework
 * kernel (platform/casework/record.ts): the one way a case changes.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/index.js';
import { scopeWhere } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { addWorkingDays, type HolidayCalendar } from '../../../platform/casework/clocks.js';
import { recordActionInTx as recordCaseActionInTx, type CaseStore } from '../../../platform/casework/record.js';
import type { RecordedAction } from '../../../platform/casework/workflow.js';
import { monthOf } from '../../../../shared/dates.js';
import { countyOf } from '../../../../shared/divisions.js';
import type { AssistanceCategory, CaseStatus } from '../../../../shared/assistance-codes.js';
import { caseLimits, caseWorkflow, type ActionCode, type CaseHistory, type CaseVariant } from './workflow.js';
import type { PolicyBook } from '../policy/policy.js';
import { assistanceActions, assistanceCases } from '../schema.js';

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

/** The case tables behind the casework kernel; the required steps are judged under the county's policy book. */
const caseStore = (
  book: PolicyBook,
  month: string,
): CaseStore<CaseStatus, ActionCode, AssistanceCategory, CaseHistory, CaseRow, CaseSet> => ({
  workflow: caseWorkflow,
  history: (tx, c) => recordedActions(tx, c.id),
  judged: (c, recorded) => ({ variant: caseVariant(c, book, month), recorded }),
  async update(tx, c, { status, due, set }) {
    const [updated] = await tx
      .update(assistanceCases)
      .set({
        ...set,
        status,
        version: sql`${assistanceCases.version} + 1`,
        updatedAt: new Date(),
        // Only a case in 公示 has a notice end: leaving it (end or objection) clears it.
        ...(due ? { statusSince: new Date(), dueDate: due.dueDate, dueProvisional: due.provisional, noticeEnds: due.noticeEnds } : {}),
      })
      .where(eq(assistanceCases.id, c.id))
      .returning();
    return updated;
  },
  async append(tx, c, entry) {
    await tx.insert(assistanceActions).values({ caseId: c.id, ...entry });
  },
  async audit(tx, ctx, c, { action: code, toStatus: to }) {
    await audit(tx, ctx, {
      action: `assistance.${code}`,
      objectType: 'assistance_case',
      objectId: c.id,
      details: { caseNo: c.caseNo, from: c.status, to },
    });
  },
});

type CaseSet = Partial<typeof assistanceCases.$inferInsert>;

/**
 * Records `code` on the locked case `c` (the kernel's recordActionInTx on the case tables). `ctx.actor`
 * null = the platform (end of 公示). `expectedVersion` is what the client saw; a different one means
 * someone acted first (409).
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
  const county = countyOf(c.divisionCode);
  const month = monthOf(opts.today);
  return recordCaseActionInTx(tx, ctx, caseStore(opts.book, month), c, code, {
    ...opts,
    stages: { cal: opts.cal, deadline: (status) => opts.book.deadline(c.category, status, county, month) },
    separationOfDuties: opts.book.param('separation_of_duties', county, month),
  });
}
