/**
 * 高龄津贴's record on the casework kernel (docs/adding-a-module.md "The casework kernel"): the platform
 * opens a record for a person who reached 80 (待确认); the township confirms the first payment with the
 * payee account (发放中) or refuses it with a reason (不予发放); the registry's death, or its hukou moved
 * out of the city, stops it from the month after (已停发), a revoked death or a move back in puts it back
 * where it was. The township's corrections: 重新受理 puts a refused record back to 待确认 (to be confirmed
 * again), 停发 stops a paying record from a month for a reason the registry does not announce, 恢复发放 puts
 * a record it stopped back to 发放中 (decide.ts: a record the death or the move-out stopped is the
 * registry's to undo). Every path is one of these actions' `from` → `to`. The kernel's `recordActionInTx` is the
 * one way a record changes, bound here to the module's own tables (`store`).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/index.js';
import { defineWorkflow } from '../../platform/casework/workflow.js';
import { recordActionInTx, type CaseStore, type RecordOptions } from '../../platform/casework/record.js';
import {
  allowanceActions,
  allowanceStatuses,
  type AllowanceAction,
  type AllowanceStatus,
} from '../../../shared/elderly-allowance/codes.js';
import { elderlyAllowanceHistory, elderlyAllowances } from './schema.js';

/** The one category of the kernel's typing: 高龄津贴 has no kinds of record. */
type Category = 'allowance';

const statusOrNull = (v: unknown): AllowanceStatus | undefined =>
  typeof v === 'string' && Object.hasOwn(allowanceStatuses, v) ? (v as AllowanceStatus) : undefined;

export const allowanceWorkflow = defineWorkflow<AllowanceStatus, AllowanceAction, Category>({
  subject: '高龄津贴',
  categoryNoun: '高龄津贴',
  states: allowanceStatuses,
  // None: a refusal is reopened (重新受理), a stop undone by the registry or by the township.
  finalStates: [],
  actions: {
    open: { label: allowanceActions.open, from: [null], to: 'pending', permission: 'elderly_allowance.confirm', system: true },
    confirm: { label: allowanceActions.confirm, from: ['pending'], to: 'paying', permission: 'elderly_allowance.confirm' },
    refuse: {
      label: allowanceActions.refuse,
      from: ['pending'],
      to: 'refused',
      permission: 'elderly_allowance.confirm',
      reasonRequired: true,
    },
    death: {
      label: allowanceActions.death,
      from: ['pending', 'paying'],
      to: 'stopped',
      permission: 'elderly_allowance.confirm',
      system: true,
    },
    death_revoked: {
      label: allowanceActions.death_revoked,
      from: ['stopped'],
      to: 'paying',
      permission: 'elderly_allowance.confirm',
      system: true,
    },
    hukou_moved_out: {
      label: allowanceActions.hukou_moved_out,
      from: ['pending', 'paying'],
      to: 'stopped',
      permission: 'elderly_allowance.confirm',
      system: true,
    },
    hukou_moved_in: {
      label: allowanceActions.hukou_moved_in,
      from: ['stopped'],
      to: 'paying',
      permission: 'elderly_allowance.confirm',
      system: true,
    },
    account_change: {
      label: allowanceActions.account_change,
      from: ['paying', 'stopped'],
      to: null,
      permission: 'elderly_allowance.confirm',
      system: true,
      occasional: true,
    },
    reopen: {
      label: allowanceActions.reopen,
      from: ['refused'],
      to: 'pending',
      permission: 'elderly_allowance.confirm',
      reasonRequired: true,
      occasional: true,
    },
    stop: {
      label: allowanceActions.stop,
      from: ['paying'],
      to: 'stopped',
      permission: 'elderly_allowance.confirm',
      reasonRequired: true,
      occasional: true,
    },
    resume: {
      label: allowanceActions.resume,
      from: ['stopped'],
      to: 'paying',
      permission: 'elderly_allowance.confirm',
      reasonRequired: true,
      occasional: true,
    },
  },
  // A revoked death, or a move back in, restores the status the stop left (待确认 stays 待确认).
  destination: (code, data) =>
    code === 'death_revoked' || code === 'hukou_moved_in' ? statusOrNull((data as { restore?: unknown } | undefined)?.restore) : undefined,
});

export type Allowance = typeof elderlyAllowances.$inferSelect;
type Ref = Allowance & { category: Category };
type Set = Partial<Pick<Allowance, 'endMonth' | 'confirmedAt' | 'startMonth'>>;

const store: CaseStore<AllowanceStatus, AllowanceAction, Category, never, Ref, Set> = {
  workflow: allowanceWorkflow,
  judged: () => undefined as never,
  async update(tx, c, change) {
    const t = elderlyAllowances;
    const [row] = await tx
      .update(t)
      .set({
        ...change.set,
        status: change.status,
        version: sql`${t.version} + 1`,
        ...(change.status !== c.status ? { statusSince: new Date() } : {}),
      })
      .where(eq(t.id, c.id))
      .returning();
    return { ...row, category: 'allowance' };
  },
  async append(tx, c, e) {
    await tx.insert(elderlyAllowanceHistory).values({
      allowanceId: c.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorUserId: e.actorUserId,
      actorName: e.actorName,
      actorDivision: e.actorDivision,
      reason: e.reason,
      data: e.data,
    });
  },
  async audit(tx, ctx, c, e) {
    await audit(tx, ctx, {
      action: `elderly_allowance.${e.action}`,
      objectType: 'elderly_allowance',
      objectId: c.id,
      details: { divisionCode: c.divisionCode, ...auditDetailsOf(e.data), ...(e.reason ? { reason: e.reason } : {}) },
    });
  },
};

/** What of an action's data the audit row carries (months, dates, masked accounts; never a name or an ID number). */
const auditedData = ['startMonth', 'endMonth', 'diedOn', 'movedOutOn', 'resumeMonth', 'stopReason', 'oldAccount', 'newAccount'] as const;
function auditDetailsOf(data: Record<string, unknown>): Partial<Record<(typeof auditedData)[number], unknown>> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => (auditedData as readonly string[]).includes(k)));
}

/** A record, locked, as the kernel reads it (the caller has checked the scope). */
export async function lockAllowance(tx: Db, id: number): Promise<Ref | null> {
  const [row] = await tx.select().from(elderlyAllowances).where(eq(elderlyAllowances.id, id)).for('update');
  return row ? { ...row, category: 'allowance' } : null;
}

/**
 * Records an action through the kernel; 高龄津贴 has one step per decision (确认首次发放, 不予发放, 重新受理,
 * 停发, 恢复发放), so no duty is separated.
 */
export function recordAllowanceInTx(
  tx: Db,
  ctx: Ctx,
  c: Ref,
  code: AllowanceAction,
  opts: Omit<RecordOptions<AllowanceStatus, Set>, 'separationOfDuties' | 'actorName' | 'actorDivision'> & { actorName?: string },
): Promise<Ref> {
  return recordActionInTx(tx, ctx, store, c, code, {
    ...opts,
    separationOfDuties: false,
    actorName: opts.actorName ?? ctx.actor?.username ?? '平台',
    actorDivision: ctx.actor?.divisionCode ?? null,
  });
}

/** A new record (the kernel's `open`: from no record to 待确认), in the caller's transaction. */
export async function openAllowanceInTx(
  tx: Db,
  ctx: Ctx,
  p: { personId: number; divisionCode: string; countyCode: string; startMonth: string; today: string },
): Promise<Ref | null> {
  const [row] = await tx
    .insert(elderlyAllowances)
    .values({ personId: p.personId, divisionCode: p.divisionCode, countyCode: p.countyCode, startMonth: p.startMonth, status: 'pending' })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  // The row is inserted as 待确认 for its NOT NULL status; the kernel records the opening from no status.
  return recordAllowanceInTx(tx, ctx, { ...row, status: null as never, category: 'allowance' }, 'open', {
    today: p.today,
    data: { startMonth: p.startMonth },
  });
}

/**
 * What stopped a record 已停发: the action of its last stop (death, hukou_moved_out or the township's
 * stop) and that entry's data; undefined when it is not stopped.
 */
export function lastStopOf(history: Awaited<ReturnType<typeof historyOf>>) {
  return history.filter((h) => h.toStatus === 'stopped' && h.fromStatus !== 'stopped').at(-1);
}

/** A record's history, in order. */
export async function historyOf(db: Db, id: number) {
  return db
    .select()
    .from(elderlyAllowanceHistory)
    .where(eq(elderlyAllowanceHistory.allowanceId, id))
    .orderBy(asc(elderlyAllowanceHistory.id));
}
