/**
 * 供养方式 of a 特困 entitlement (docs/rules.md "Visits (探访)"): 分散供养 or 集中供养 with its facility.
 * Set at the approval (the approver's choice, else 分散供养 unconfirmed), changed with a reason and
 * confirmed where the platform set it, each through the entitlement's lifecycle: the version the user
 * saw, the history entry and the audit row in one transaction. The list 供养方式待确认 holds the 特困
 * entitlements in force whose mode nobody confirmed (the existing roster: migration 0015).
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { AppError } from '../../../platform/errors.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import {
  supportModes,
  type PendingSupportModesPage,
  type SupportModeChangeInput,
  type SupportModeChanged,
  type SupportModeConfirmInput,
  type SupportModeState,
  type SupportModeValue,
} from '../../../../shared/assistance/support-mode.js';
import { personNameOf } from '../../registry/read.js';
import { assistanceEntitlements } from '../schema.js';
import { recordEntitlementInTx, type Entitlement } from './lifecycle.js';
import { entitlementScope, lockEntitlement } from './scope.js';

type Stored = Pick<
  Entitlement,
  'category' | 'supportMode' | 'supportModeConfirmed' | 'supportFacility' | 'supportOrganisationId' | 'supportModeSince' | 'startMonth'
>;

/** The mode as the page shows it; a 特困 entitlement the platform never set reads 分散供养, unconfirmed. */
export function supportModeOf(e: Stored): SupportModeState | null {
  if (e.category !== 'tekun') return null;
  const mode = e.supportMode ?? 'scattered';
  return {
    mode,
    modeName: supportModes[mode],
    confirmed: e.supportModeConfirmed ?? false,
    facility: e.supportFacility,
    organisationId: e.supportOrganisationId,
    since: e.supportModeSince ?? `${e.startMonth}-01`,
  };
}

const described = (v: { mode: keyof typeof supportModes; facility?: string | null }) =>
  v.mode === 'centralised' && v.facility ? `${supportModes[v.mode]}（${v.facility}）` : supportModes[v.mode];

/** The columns a 特困 grant starts with: the approver's choice (confirmed), else 分散供养 for the township to confirm. */
export function supportModeAtGrant(chosen: SupportModeValue | undefined, today: string) {
  return {
    supportMode: chosen?.mode ?? 'scattered',
    supportModeConfirmed: chosen !== undefined,
    supportFacility: chosen?.mode === 'centralised' ? (chosen.facility ?? null) : null,
    supportOrganisationId: chosen?.mode === 'centralised' ? (chosen.organisationId ?? null) : null,
    supportModeSince: today,
  } as const;
}

/** The history line of a grant's mode (kind support_mode_set). */
export const supportModeGrantText = (chosen: SupportModeValue | undefined) =>
  chosen ? `审批确定供养方式：${described(chosen)}` : '审批时未选择供养方式，暂按分散供养，待乡镇（街道）确认';

/** 变更供养方式: a new mode (or facility) with the reason, from today; confirmed by the change. */
export async function changeSupportMode(deps: Deps, ctx: Ctx, id: number, input: SupportModeChangeInput): Promise<SupportModeChanged> {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (e.category !== 'tekun') throw AppError.conflict('只有特困人员救助供养有供养方式');
    const before = supportModeOf(e)!;
    const facility = input.mode === 'centralised' ? (input.facility ?? null) : null;
    if (before.mode === input.mode && before.facility === facility) throw AppError.conflict('供养方式与机构未改变');
    const updated = await recordEntitlementInTx(tx, ctx, e, 'support_mode', {
      today,
      version: input.version,
      reason: input.reason,
      set: {
        supportMode: input.mode,
        supportModeConfirmed: true,
        supportFacility: facility,
        supportOrganisationId: input.mode === 'centralised' ? (input.organisationId ?? null) : null,
        supportModeSince: before.mode === input.mode ? e.supportModeSince : today,
      },
      data: {
        effectiveMonth: monthOf(today),
        breakdown: `${described(before)} → ${described({ mode: input.mode, facility })}`,
        auditDetails: { supportMode: input.mode, ...(facility ? { facility } : {}) },
      },
    });
    return { id, version: updated.version, supportMode: supportModeOf(updated)! };
  });
}

/** 确认供养方式: the township confirms the mode the platform set (the existing roster, an approval without a choice). */
export async function confirmSupportMode(deps: Deps, ctx: Ctx, id: number, input: SupportModeConfirmInput): Promise<SupportModeChanged> {
  const actor = requireActor(ctx.actor);
  const today = shanghaiToday();
  return deps.database.db.transaction(async (tx) => {
    const e = await lockEntitlement(tx, actor, id);
    if (e.category !== 'tekun') throw AppError.conflict('只有特困人员救助供养有供养方式');
    const state = supportModeOf(e)!;
    if (state.confirmed) throw AppError.conflict('供养方式已确认');
    const updated = await recordEntitlementInTx(tx, ctx, e, 'support_mode_confirm', {
      today,
      version: input.version,
      set: { supportMode: state.mode, supportModeConfirmed: true, supportModeSince: e.supportModeSince ?? state.since },
      data: {
        effectiveMonth: monthOf(today),
        breakdown: `确认供养方式：${described(state)}`,
        auditDetails: { supportMode: state.mode },
      },
    });
    return { id, version: updated.version, supportMode: supportModeOf(updated)! };
  });
}

/** 供养方式待确认: the 特困 entitlements in force inside the actor's scope whose mode nobody confirmed, oldest first. */
export async function pendingSupportModes(deps: Deps, ctx: Ctx, q: { page: number; pageSize: number }): Promise<PendingSupportModesPage> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const t = assistanceEntitlements;
  const where = and(
    eq(t.category, 'tekun'),
    inArray(t.status, ['active', 'suspended']),
    sql`coalesce(${t.supportModeConfirmed}, false) = false`,
    entitlementScope(actor),
  );
  const [[{ n }], found] = await Promise.all([
    db.select({ n: count() }).from(t).where(where),
    db
      .select({
        e: t,
        payeeName: sql<string>`${personNameOf(t.payeePersonId)}`,
        divisionName: sql<string | null>`(select d.full_name from divisions d where d.code = ${t.divisionCode})`,
      })
      .from(t)
      .where(where)
      .orderBy(t.divisionCode, t.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  return {
    items: found.map(({ e, payeeName, divisionName }) => ({
      id: e.id,
      payeePersonId: e.payeePersonId,
      payeeName: payeeName ?? '',
      divisionCode: e.divisionCode,
      divisionName,
      startMonth: e.startMonth,
      supportMode: supportModeOf(e)!,
      version: e.version,
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  };
}
