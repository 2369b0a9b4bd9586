import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, gte, like, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { pageInput } from '../../platform/http/paging.js';
import { auditLog } from '../../platform/db/schema.js';
import { audit } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/chain.js';

const tags = ['审计'];
const day = z.iso.date('日期格式应为 YYYY-MM-DD');

export const auditQuery = pageInput.extend({
  action: z.string().max(64).optional(),
  userId: z.coerce.number().int().positive().optional(),
  username: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  from: day.optional(),
  to: day.optional(),
});

/** Only auditors read the log (U3); reading it is itself audited. */
export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  api.get('/api/audit', { config: { permission: 'audit.read' }, schema: { tags, summary: '审计日志', querystring: auditQuery } }, async (request) => {
    const q = request.query;
    const cond = and(
      q.action ? like(auditLog.action, `${q.action}%`) : undefined,
      q.userId ? eq(auditLog.userId, q.userId) : undefined,
      q.username ? eq(auditLog.username, q.username) : undefined,
      q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
      q.from ? gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
      q.to ? lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)) : undefined,
    );
    const [{ total }] = await db.select({ total: count() }).from(auditLog).where(cond);
    const items = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    await audit(db, ctxOf(request), { action: 'audit.search', objectType: 'audit', details: { count: total } });
    return { items: items.map((r) => ({ ...r, at: toShanghai(r.at) })), total, page: q.page, pageSize: q.pageSize };
  });
  api.get('/api/audit/verify', { config: { permission: 'audit.read' }, schema: { tags, summary: '校验审计哈希链' } }, async (request) => {
    const report = await verifyAuditChain(db);
    await audit(db, ctxOf(request), { action: 'audit.verify', objectType: 'audit', details: { ok: report.ok, checked: report.checked } });
    return report;
  });
}

/** ISO 8601 with +08:00 (U1: the time a bureau reads). */
export function toShanghai(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '');
  return `${local}+08:00`;
}
