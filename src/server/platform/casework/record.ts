/**
 * Recording an action on a case: the one way a case of any module changes. In the caller's
 * transaction, on a case the caller has locked inside the actor's jurisdiction, it checks the order
 * and the module's guard (409 with the reason: security checklist Z6), the version the user saw (409:
 * two people acting at once, F4), separation of duties (403 with the reason) and a required reason;
 * then sets the status and the new stage's deadline, appends the action to the history and audits it.
 * A module binds the kernel to its own tables with a `CaseStore`.
 */
import type { Ctx } from '../context.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { dueFor, type HolidayCalendar, type StageDeadline, type StageDue } from './clocks.js';
import type { RecordedAction, Workflow } from './workflow.js';

/** What the kernel reads of a module's case row. */
export interface CaseRef<S extends string, C extends string> {
  id: number;
  status: S | null;
  version: number;
  category: C;
}

/** One entry of a case's history, as the kernel appends it. */
export interface HistoryEntry<S extends string, A extends string> {
  action: A;
  fromStatus: S | null;
  toStatus: S;
  actorUserId: number | null;
  actorName: string;
  actorDivision: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  fileIds: number[];
}

/** A module's tables behind the kernel: its history, its case row and how it is audited. */
export interface CaseStore<S extends string, A extends string, C extends string, H, R extends CaseRef<S, C>, Set> {
  workflow: Workflow<S, A, C, H>;
  /**
   * The case's recorded actions in order, for separation of duties and the guard. A module whose
   * workflow separates no duties and whose guard judges the row, not its history, leaves it out (no read).
   */
  history?(tx: Db, c: R): Promise<RecordedAction[]>;
  /** What the workflow's guard judges, from the case and its history. */
  judged(c: R, recorded: readonly RecordedAction[]): H;
  /** Writes the status, version + 1, the new stage's deadline (when it moved) and the module's fields. */
  update(tx: Db, c: R, change: { status: S; due: StageDue | null; set: Set | undefined }): Promise<R>;
  append(tx: Db, c: R, entry: HistoryEntry<S, A>): Promise<void>;
  /**
   * Writes the action's audit row on `tx` (docs/security.md U1), with the module's action name (its
   * Chinese label is in src/shared/audit-actions.ts) and no personal data in the details.
   */
  audit(tx: Db, ctx: Ctx, c: R, entry: HistoryEntry<S, A>): Promise<void>;
}

export interface RecordOptions<S extends string, Set> {
  reason?: string | null;
  data?: Record<string, unknown>;
  fileIds?: number[];
  /** The module's fields to change with the action. */
  set?: Set;
  /** The version the user saw; another one means someone acted first (409). */
  expectedVersion?: number;
  today: string;
  /** Where stages have deadlines: the calendar, and the deadline of the stage the case enters (the rule's, or the county's default). */
  stages?: { cal: HolidayCalendar; deadline: (status: S) => StageDeadline | null };
  /** The county's policy value: is separation of duties enforced. */
  separationOfDuties: boolean;
  actorName: string;
  actorDivision: string | null;
  /** Who the history names where the platform carries out what a person decided (a stop after its 公示); the actor by default. */
  recordedActorUserId?: number | null;
}

export async function recordActionInTx<S extends string, A extends string, C extends string, H, R extends CaseRef<S, C>, Set>(
  tx: Db,
  ctx: Ctx,
  store: CaseStore<S, A, C, H, R, Set>,
  c: R,
  code: A,
  opts: RecordOptions<S, Set>,
): Promise<R> {
  const { workflow } = store;
  if (!store.history && workflow.actions[code].notBy) throw new Error(`casework: ${code} separates duties, and its store reads no history`);
  const recorded = store.history ? await store.history(tx, c) : [];
  const why = workflow.whyNot(c.category, c.status, code, store.judged(c, recorded));
  if (why) throw AppError.conflict(why);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== c.version) throw AppError.conflict(workflow.staleMessage);
  const duty = ctx.actor ? workflow.dutyConflict(code, recorded, ctx.actor.userId, opts.separationOfDuties) : null;
  if (duty) throw AppError.forbidden(duty);
  const def = workflow.actions[code];
  if (def.reasonRequired && !opts.reason?.trim()) throw AppError.field('reason', `「${def.label}」须填写理由`);
  const data = opts.data ?? {};
  const to = workflow.nextStatus(c.category, c.status, code, data);
  if (to === null) throw new Error(`casework: ${code} leads nowhere from a case not yet opened`);
  const due = to !== c.status && opts.stages ? dueFor(opts.stages.deadline(to), opts.today, opts.stages.cal) : null;
  const updated = await store.update(tx, c, { status: to, due, set: opts.set });
  const entry: HistoryEntry<S, A> = {
    action: code,
    fromStatus: c.status,
    toStatus: to,
    actorUserId: opts.recordedActorUserId !== undefined ? opts.recordedActorUserId : (ctx.actor?.userId ?? null),
    actorName: opts.actorName,
    actorDivision: opts.actorDivision,
    reason: opts.reason ?? null,
    data,
    fileIds: opts.fileIds ?? [],
  };
  await store.append(tx, c, entry);
  await store.audit(tx, ctx, c, entry);
  return updated;
}
