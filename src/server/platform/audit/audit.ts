/**
 * Writing the audit log. A write is audited in its own transaction (pass the transaction as `db`);
 * a read costs one row: opening a record, unmasking, an export, or a list/search (who, filter,
 * result count), never a row per result. No personal data goes into `details`: filters holding an
 * ID number or phone are recorded as "given", not as the value.
 */
import type { Db, RawTx } from '../db/index.js';
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

/** The same row inside a raw transaction (bulk loads, rawTransaction), so it commits with the work. */
export async function auditInRaw(tx: RawTx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const r = auditRow(ctx, entry);
  await tx.query(
    `insert into audit_log (user_id, username, action, object_type, object_id, outcome, ip, details) values ($1, $2, $3, $4, $5, $6, $7,
      $8)`,
    [r.userId, r.username, r.action, r.objectType, r.objectId, r.outcome, r.ip, JSON.stringify(r.details)],
  );
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
