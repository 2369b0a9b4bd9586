/** Reading the audit log (auditors only, U3): list, export, verify; each read is itself audited. */
import { and, count, desc, eq, gte, like, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { auditLog } from '../../platform/db/schema.js';
import { audit } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/chain.js';
import { pageInput } from '../../platform/http/paging.js';
import { writeXlsx } from '../../platform/xlsx.js';

const day = z.iso.date('日期格式应为 YYYY-MM-DD');

export const auditFilter = z.object({
  action: z.string().max(64).optional(),
  userId: z.coerce.number().int().positive().optional(),
  username: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  from: day.optional(),
  to: day.optional(),
});
export const auditQuery = pageInput.extend(auditFilter.shape);

function auditWhere(q: z.infer<typeof auditFilter>) {
  return and(
    q.action ? like(auditLog.action, `${q.action}%`) : undefined,
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

export async function listAudit(deps: Deps, ctx: Ctx, q: z.infer<typeof auditQuery>) {
  const db = deps.database.db;
  const cond = auditWhere(q);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(cond);
  const items = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  await deps.readAudit.record(ctx, { action: 'audit.search', objectType: 'audit', details: { count: total } });
  return { items: items.map((r) => ({ ...r, at: toShanghai(r.at) })), total, page: q.page, pageSize: q.pageSize };
}

export async function exportAudit(deps: Deps, ctx: Ctx, q: z.infer<typeof auditFilter>): Promise<Buffer> {
  const db = deps.database.db;
  const items = await db.select().from(auditLog).where(auditWhere(q)).orderBy(desc(auditLog.id)).limit(200_000);
  await audit(db, ctx, { action: 'audit.export', objectType: 'audit', details: { count: items.length } });
  return writeXlsx<typeof auditLog.$inferSelect>('审计日志', [
    { header: '编号', value: (r) => r.id },
    { header: '时间', width: 30, value: (r) => toShanghai(r.at) },
    { header: '用户', value: (r) => r.username },
    { header: '操作', width: 24, value: (r) => r.action },
    { header: '对象类型', value: (r) => r.objectType },
    { header: '对象编号', value: (r) => r.objectId },
    { header: '结果', value: (r) => r.outcome },
    { header: '地址', value: (r) => r.ip },
    { header: '详情', width: 60, value: (r) => JSON.stringify(r.details) },
  ], items);
}

export async function verifyAudit(deps: Deps, ctx: Ctx) {
  const report = await verifyAuditChain(deps.database.db);
  await audit(deps.database.db, ctx, { action: 'audit.verify', objectType: 'audit', details: { ok: report.ok, checked: report.checked } });
  return report;
}
