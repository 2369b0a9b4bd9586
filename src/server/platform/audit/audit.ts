/**
 * Writing the audit log. A write is audited in its own transaction (pass the transaction as `db`);
 * a read costs one row: opening a record, unmasking, an export, or a list/search (who, filter,
 * result count), never a row per result. No personal data goes into `details`: filters holding an
 * ID number or phone are recorded as "given", not as the value.
 */
import type { Db } from '../db/index.js';
import type { Ctx } from '../context.js';
import { auditLog } from '../db/schema.js';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string | number | null;
  outcome?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  /** For events without a logged-in actor (a failed login names the account tried). */
  username?: string;
}

export async function audit(db: Db, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(ctx, entry));
}

export function auditRow(ctx: Ctx, entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    userId: ctx.actor?.userId ?? null,
    username: entry.username ?? ctx.actor?.username ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    outcome: entry.outcome ?? 'ok',
    ip: ctx.ip,
    details: entry.details ?? {},
  };
}

/** A search filter as it may be logged: sensitive values replaced by the fact they were given. */
export function redactFilter(filter: Record<string, unknown>, sensitive: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = sensitive.includes(k) ? '(已提供)' : v;
  }
  return out;
}
