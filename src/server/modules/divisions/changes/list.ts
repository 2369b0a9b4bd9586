/**
 * The administrator's lists (docs/rules.md "Dated divisions (区划变更)"): the changes with their status
 * and the rows re-coded per table, their xlsx export, and the mapping table (old → new) searched by
 * either code. A viewer sees the changes touching their jurisdiction. Each change carries its steps
 * (who recorded, reviewed, returned or cancelled it, when, why: steps.ts) and its version.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requirePermission, withinDivision } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { divisionChanges, users } from '../../../platform/db/schema.js';
import { audit, redactFilter } from '../../../platform/audit/audit.js';
import { writeXlsx } from '../../../platform/xlsx.js';
import {
  changeKinds,
  changeStatuses,
  type CodeMapInput,
  type CodeMapRow,
  type DivisionChange,
  type ListChangesInput,
} from '../../../../shared/divisions/changes.js';
import type { Page } from '../../../../shared/paging.js';
import type { ChangeSpec } from './record.js';
import { reviewRefusal, stepsOf } from './steps.js';

/** A change touching the actor's jurisdiction (a city administrator: every one). */
const changeVisible = (actor: Actor): SQL =>
  sql`exists (select 1 from jsonb_array_elements_text(${divisionChanges.spec}->'plan'->'touched') as t(code)
        where ${withinDivision(sql`t.code`, actor.divisionCode)})`;

function changesWhere(actor: Actor, q: Omit<ListChangesInput, 'page' | 'pageSize'>): SQL {
  return and(
    changeVisible(actor),
    // (sql: the column's declared type predates 待复核 and 已作废.)
    q.status ? sql`${divisionChanges.status} = ${q.status}` : undefined,
    q.kind ? eq(divisionChanges.kind, q.kind) : undefined,
  )!;
}

async function selectChanges(deps: Deps, actor: Actor, where: SQL, limit: number, offset: number): Promise<DivisionChange[]> {
  const found = await deps.database.db
    .select({
      c: divisionChanges,
      by: users.displayName,
      mapped: sql<number>`(select count(*)::int from division_code_map m where m.change_id = ${divisionChanges.id})`,
    })
    .from(divisionChanges)
    .leftJoin(users, eq(users.id, divisionChanges.createdBy))
    .where(where)
    .orderBy(desc(divisionChanges.effectiveDate), desc(divisionChanges.id))
    .limit(limit)
    .offset(offset);
  const steps = await stepsOf(
    deps.database.db,
    found.map(({ c }) => c.id),
  );
  return found.map(({ c, by, mapped }) => {
    const history = steps.get(c.id) ?? [];
    const reviewed = history.findLast((s) => s.step === 'review' || s.step === 'return');
    const closed = history.findLast((s) => s.step === 'return' || s.step === 'cancel');
    const status = c.status as DivisionChange['status'];
    return {
      id: c.id,
      kind: c.kind,
      effectiveDate: c.effectiveDate,
      documentNo: c.documentNo,
      reason: c.reason,
      summary: (c.spec as ChangeSpec).plan.summary,
      status,
      version: history.length,
      counts: c.counts,
      mapped: Number(mapped),
      recordedBy: by,
      createdAt: c.createdAt.toISOString(),
      appliedAt: c.appliedAt?.toISOString() ?? null,
      reviewedBy: reviewed?.by ?? null,
      reviewedAt: reviewed?.at ?? null,
      cancelReason: status === 'cancelled' ? (closed?.reason ?? null) : null,
      steps: history.map(({ step, by, at, reason }) => ({ step, by, at, reason })),
      reviewRefusal: status === 'pending_review' ? reviewRefusal(history, actor.userId, c.createdBy) : null,
    };
  });
}

export async function listChanges(deps: Deps, ctx: Ctx, q: ListChangesInput): Promise<Page<DivisionChange>> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  const where = changesWhere(actor, q);
  const [{ n }] = await deps.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(divisionChanges)
    .where(where);
  const items = await selectChanges(deps, actor, where, q.pageSize, (q.page - 1) * q.pageSize);
  return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function exportChanges(deps: Deps, ctx: Ctx, q: Omit<ListChangesInput, 'page' | 'pageSize'>): Promise<Buffer> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  const items = await selectChanges(deps, actor, changesWhere(actor, q), 100_000, 0);
  await audit(deps.database.db, ctx, {
    action: 'division_change.export',
    objectType: 'division_change',
    details: { filter: redactFilter(q, []), count: items.length },
  });
  return writeXlsx<DivisionChange>(
    '区划变更',
    [
      { header: '生效日期', width: 12, value: (c) => c.effectiveDate },
      { header: '类别', width: 18, value: (c) => changeKinds[c.kind] },
      { header: '变更内容', width: 60, value: (c) => c.summary },
      { header: '批准文号', width: 24, value: (c) => c.documentNo },
      { header: '原因', width: 30, value: (c) => c.reason },
      { header: '状态', value: (c) => changeStatuses[c.status] },
      { header: '代码对照（条）', value: (c) => c.mapped },
      { header: '改码记录（行）', value: (c) => Object.values(c.counts).reduce((s, x) => s + x, 0) },
      { header: '登记人', value: (c) => c.recordedBy },
      { header: '复核人', value: (c) => c.reviewedBy },
      { header: '复核时间', width: 22, value: (c) => c.reviewedAt },
      { header: '作废原因', width: 30, value: (c) => c.cancelReason },
      { header: '生效时间', width: 22, value: (c) => c.appliedAt },
    ],
    items,
  );
}

/** The mapping table: every old → new code a change records, newest change first, searched by either code (a prefix). */
export async function codeMap(deps: Deps, ctx: Ctx, q: CodeMapInput): Promise<Page<CodeMapRow>> {
  const actor = requirePermission(ctx.actor, 'divisions.manage');
  const where = sql`(${withinDivision(sql`m.old_code`, actor.divisionCode)} or ${withinDivision(sql`m.new_code`, actor.divisionCode)})
    ${q.code ? sql`and (${withinDivision(sql`m.old_code`, q.code)} or ${withinDivision(sql`m.new_code`, q.code)})` : sql``}`;
  const db = deps.database.db;
  // A cancelled change's mapping never took effect: the table leaves it out.
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from division_code_map m join division_changes c on c.id = m.change_id and c.status <> 'cancelled'
        where ${where}`,
  );
  const found = await rows<{
    change_id: string | number;
    kind: CodeMapRow['kind'];
    effective_date: string;
    document_no: string;
    status: CodeMapRow['status'];
    old_code: string;
    old_name: string | null;
    new_code: string;
    new_name: string | null;
  }>(
    db,
    sql`select m.change_id, c.kind, c.effective_date::text as effective_date, c.document_no, c.status, m.old_code,
          (select full_name from divisions d where d.code = m.old_code) as old_name, m.new_code,
          coalesce((select full_name from divisions d where d.code = m.new_code),
            (select x->>'name' from jsonb_array_elements(c.spec->'plan'->'created') x where x->>'code' = m.new_code limit 1)) as new_name
        from division_code_map m join division_changes c on c.id = m.change_id and c.status <> 'cancelled'
        where ${where} order by c.effective_date desc, m.change_id desc, m.old_code
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: found.map((r) => ({
      changeId: Number(r.change_id),
      kind: r.kind,
      effectiveDate: r.effective_date,
      documentNo: r.document_no,
      status: r.status,
      oldCode: r.old_code,
      oldName: r.old_name,
      newCode: r.new_code,
      newName: r.new_name,
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
