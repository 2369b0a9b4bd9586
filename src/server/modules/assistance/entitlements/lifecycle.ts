/**
 * The entitlement lifecycle (享受中 / 暂停 / 已停发) as the second workflow on the casework kernel:
 * suspending, resuming and stopping, 终止公示 and an objection to it, re-review, a member's death and a
 * corrected account, each recorded through the kernel (version 409, order 409 with the reason, the
 * entitlement's history and the audit row in one transaction). Stopping a 特困 recipient's support
 * needs its 终止公示 to have ended first (`stopNotice`; docs/rules.md "Stopping 特困 support").
 */
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import { recordActionInTx, type CaseStore } from '../../../platform/casework/record.js';
import { defineWorkflow, type ActionDef } from '../../../platform/casework/workflow.js';
import { entitlementStatuses, type AssistanceCategory } from '../../../../shared/assistance-codes.js';
import { assistanceEntitlementChanges, assistanceEntitlements } from '../schema.js';
import { stopNotice } from '../cases/workflow.js';

export type Entitlement = typeof assistanceEntitlements.$inferSelect;
export type EntitlementStatus = keyof typeof entitlementStatuses;
const open: EntitlementStatus[] = ['active', 'suspended'];
const any: EntitlementStatus[] = ['active', 'suspended', 'stopped'];
const noticed = stopNotice.categories;

export const entitlementActions = {
  suspend: { label: '暂停发放', from: ['active'], to: 'suspended', permission: 'assistance.handle', reasonRequired: true },
  resume: { label: '恢复发放', from: ['suspended'], to: 'active', permission: 'assistance.handle', reasonRequired: true },
  stop: { label: '停发', from: open, to: 'stopped', permission: 'assistance.handle', reasonRequired: true },
  stop_notice: { label: '终止公示', from: open, to: null, permission: 'assistance.handle', reasonRequired: true, categories: noticed },
  stop_objection: {
    label: '登记终止公示异议',
    from: open,
    to: null,
    permission: 'assistance.handle',
    reasonRequired: true,
    categories: noticed,
    occasional: true,
  },
  // Still eligible: stays; no longer eligible and not 渐退: stopped (data.kind = 'stopped').
  review: { label: '复核', from: open, to: null, permission: 'assistance.handle', reasonRequired: true },
  death: { label: '登记家庭成员去世', from: any, to: null, permission: 'assistance.handle', occasional: true },
  account_change: { label: '更正发放账户', from: any, to: null, permission: 'assistance.handle', reasonRequired: true, occasional: true },
  payee_change: { label: '变更领取人', from: open, to: null, permission: 'assistance.handle', reasonRequired: true, occasional: true },
  // 供养方式 of a 特困 entitlement (support-mode.ts): changed with a reason, or confirmed where the platform set it.
  support_mode: {
    label: '变更供养方式',
    from: open,
    to: null,
    permission: 'assistance.handle',
    reasonRequired: true,
    categories: ['tekun'],
    occasional: true,
  },
  support_mode_confirm: {
    label: '确认供养方式',
    from: open,
    to: null,
    permission: 'assistance.handle',
    categories: ['tekun'],
    occasional: true,
  },
} as const satisfies Record<string, ActionDef<EntitlementStatus, AssistanceCategory>>;
export type EntitlementAction = keyof typeof entitlementActions;

/** What the guard judges: the 终止公示 in progress, if any, on the day of the action. */
interface EntitlementState {
  stopNoticeEnds: string | null;
  today: string;
}

export const entitlementWorkflow = defineWorkflow<EntitlementStatus, EntitlementAction, AssistanceCategory, EntitlementState>({
  subject: '待遇',
  messages: { order: (status, action) => `当前状态为「${status}」，不能${action}`, stale: '待遇已被他人调整，请刷新后重试' },
  states: entitlementStatuses,
  actions: entitlementActions,
  finalStates: ['stopped'],
  categoryNoun: '救助',
  destination: (code, data) => (code === 'review' && (data as RecordData | undefined)?.kind === 'stopped' ? 'stopped' : undefined),
  guard(code, _status, { stopNoticeEnds: ends, today }) {
    switch (code) {
      case 'stop_notice':
        return ends ? `已在终止公示中（至 ${ends}），期满无异议后自动停发` : null;
      case 'stop_objection':
        if (!ends) return '该待遇没有正在进行的终止公示';
        return ends < today ? `终止公示已于 ${ends} 期满` : null;
      case 'review':
        return ends ? `终止公示中（至 ${ends}），请待公示期满或登记异议后再复核` : null;
      default:
        return null;
    }
  },
});

/**
 * What an action writes into the entitlement's history (`assistance_entitlement_changes`) and its audit
 * row besides the kernel's fields: the history kind where it is not the action's code, the month it
 * takes effect, the amounts before and after, the explanation, the history's own wording of the reason.
 */
export interface RecordData extends Record<string, unknown> {
  kind?: string;
  effectiveMonth: string;
  oldFen?: number | null;
  newFen?: number | null;
  breakdown?: string | null;
  historyReason?: string;
  auditDetails?: EntitlementAuditDetails;
}

/** What an entitlement change's audit row says besides the action (labelled in src/shared/audit-actions.ts; no personal data). */
type EntitlementAuditDetails = {
  effectiveMonth?: string;
  noticeEnds?: string;
  afterNotice?: string;
  kind?: string;
  personId?: number;
  oldAccount?: string;
  newAccount?: string;
  supportMode?: string;
  facility?: string;
};

type EntitlementSet = Partial<typeof assistanceEntitlements.$inferInsert>;
/** An entitlement as the kernel reads it: its category is the assistance category it pays. */
type EntitlementRef = Entitlement & { category: AssistanceCategory };

const entitlementStore = (
  today: string,
): CaseStore<EntitlementStatus, EntitlementAction, AssistanceCategory, EntitlementState, EntitlementRef, EntitlementSet> => ({
  workflow: entitlementWorkflow,
  judged: (e) => ({ stopNoticeEnds: e.stopNoticeEnds, today }),
  async update(tx, e, { status, set }) {
    const [updated] = await tx
      .update(assistanceEntitlements)
      .set({ ...set, status, version: sql`${assistanceEntitlements.version} + 1`, updatedAt: new Date() })
      .where(eq(assistanceEntitlements.id, e.id))
      .returning();
    return updated as EntitlementRef;
  },
  async append(tx, e, entry) {
    const d = entry.data as RecordData;
    await tx.insert(assistanceEntitlementChanges).values({
      entitlementId: e.id,
      kind: d.kind ?? entry.action,
      effectiveMonth: d.effectiveMonth,
      oldFen: d.oldFen ?? null,
      newFen: d.newFen ?? null,
      breakdown: d.breakdown ?? null,
      reason: d.historyReason ?? entry.reason,
      actorUserId: entry.actorUserId,
    });
  },
  async audit(tx, ctx, e, { action, data }) {
    const details: EntitlementAuditDetails = (data as RecordData).auditDetails ?? {};
    await audit(tx, ctx, { action: `assistance.entitlement.${action}`, objectType: 'assistance_entitlement', objectId: e.id, details });
  },
});

/**
 * Records `code` on the locked entitlement `e`: checks the version the user saw (409), the order and
 * the 终止公示 (409 with the reason) and the reason, then writes `set`, the history and the audit row.
 */
export async function recordEntitlementInTx(
  tx: Db,
  ctx: Ctx,
  e: Entitlement,
  code: EntitlementAction,
  opts: {
    today: string;
    version?: number;
    reason?: string | null;
    set?: EntitlementSet;
    data: RecordData;
    /** The platform carrying out a stop after its 公示 names who announced it. */
    recordedActorUserId?: number | null;
  },
): Promise<Entitlement> {
  return recordActionInTx(tx, ctx, entitlementStore(opts.today), e as EntitlementRef, code, {
    today: opts.today,
    expectedVersion: opts.version,
    reason: opts.reason ?? null,
    set: opts.set,
    data: opts.data,
    separationOfDuties: false,
    // The history names the user by id (assistance_entitlement_changes.actor_user_id).
    actorName: '',
    actorDivision: ctx.actor?.divisionCode ?? null,
    recordedActorUserId: opts.recordedActorUserId,
  });
}
