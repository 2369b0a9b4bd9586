/** Reading the audit log (auditors only, U3): list, export, verify; each read is itself audited. */
import { and, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { auditLog, divisions } from '../../platform/db/schema.js';
import { likePrefix, type Db } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/chain.js';
import { writeXlsx } from '../../platform/xlsx.js';
import {
  auditActionLabel,
  auditActionsOf,
  auditDetailsText,
  auditDivisionCodes,
  auditObjectText,
  isAuditAction,
} from '../../../shared/audit-actions.js';
import type { AuditFilter, AuditPage, AuditQuery, ChainReport } from '../../../shared/audit/log.js';

function auditWhere(q: AuditFilter) {
  return and(
    q.action ? (isAuditAction(q.action) ? eq(auditLog.action, q.action) : likePrefix(auditLog.action, q.action)) : undefined,
    q.module ? inArray(auditLog.action, auditActionsOf(q.module)) : undefined,
    q.userId ? eq(auditLog.userId, q.userId) : undefined,
    q.username ? eq(auditLog.username, q.username) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.from ? gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
    q.to ? lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)) : undefined,
  );
}

/** ISO 8601 with +08:00 (U1: the time a bureau reads). */
export function toShanghai(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '')}+08:00`;
}

export async function listAudit(deps: Deps, ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
  const db = deps.database.db;
  const cond = auditWhere(q);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(cond);
  const items = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  await deps.readAudit.record(ctx, { action: 'audit.search', objectType: 'audit', details: { count: total } });
  return {
    items: items.map((r) => ({ ...r, at: toShanghai(r.at) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    divisions: await divisionNames(db, items),
  };
}

type Row = typeof auditLog.$inferSelect;
const asRow = (r: Row) => ({ ...r, details: (r.details ?? null) as Record<string, unknown> | null });

/** The full names of the division codes the rows' details name (the details show names, not codes). */
async function divisionNames(db: Db, items: Row[]): Promise<Record<string, string>> {
  const codes = [...new Set(items.flatMap((r) => auditDivisionCodes(asRow(r))))];
  if (!codes.length) return {};
  const found = await db
    .select({ code: divisions.code, fullName: divisions.fullName })
    .from(divisions)
    .where(inArray(divisions.code, codes));
  return Object.fromEntries(found.map((d) => [d.code, d.fullName]));
}

const outcomeNames = { ok: '成功', denied: '拒绝', failed: '失败' } as const;

export async function exportAudit(deps: Deps, ctx: Ctx, q: AuditFilter): Promise<Buffer> {
  const db = deps.database.db;
  const items = await db.select().from(auditLog).where(auditWhere(q)).orderBy(desc(auditLog.id)).limit(200_000);
  await audit(db, ctx, { action: 'audit.export', objectType: 'audit', details: { count: items.length } });
  const names = await divisionNames(db, items);
  const division = (code: string) => names[code];
  return writeXlsx<Row>(
    '审计日志',
    [
      { header: '编号', value: (r) => r.id },
      { header: '时间', width: 30, value: (r) => toShanghai(r.at) },
      { header: '用户', value: (r) => r.username },
      { header: '操作', width: 24, value: (r) => auditActionLabel(r.action) },
      { header: '操作代码', width: 24, value: (r) => r.action },
      { header: '对象', width: 28, value: (r) => auditObjectText(asRow(r)) },
      { header: '结果', value: (r) => outcomeNames[r.outcome as keyof typeof outcomeNames] ?? r.outcome },
      { header: '地址', value: (r) => r.ip },
      { header: '详情', width: 60, value: (r) => auditDetailsText(asRow(r), { division }) },
    ],
    items,
  );
}

export async function verifyAudit(deps: Deps, ctx: Ctx): Promise<ChainReport> {
  const report = await verifyAuditChain(deps.database.db);
  await audit(deps.database.db, ctx, { action: 'audit.verify', objectType: 'audit', details: { ok: report.ok, checked: report.checked } });
  return report;
}
