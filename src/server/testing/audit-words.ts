/**
 * The audit page's promise, checked on every audit row an integration test file made (harness.ts
 * `close`): each action has its Chinese label, and each detail is shown under a Chinese label with a
 * value in words — never a raw code such as `payee_died` (src/shared/audit-actions.ts).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db/index.js';
import { auditActionLabel, auditDetailItems, type AuditRowLike } from '../../shared/audit-actions.js';

/** A lower-case code (payee_died, death_revoked), as a value the page would print as it is. */
const rawCode = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^[a-z]{3,}$/;

/** One line per distinct problem: the action, the key and the raw value or label. */
export async function auditRowsNotInWords(db: Db): Promise<string[]> {
  const found = await rows<{
    action: string;
    object_type: string | null;
    object_id: string | null;
    details: Record<string, unknown> | null;
  }>(db, sql`select action, object_type, object_id, details from audit_log`);
  const problems = new Set<string>();
  for (const r of found) {
    // A test's own made-up actions (casework_test.accept, test.batch_0) are not the platform's.
    if (/^(test|\w+_test)\./.test(r.action)) continue;
    const row: AuditRowLike = { action: r.action, objectType: r.object_type, objectId: r.object_id, details: r.details };
    if (auditActionLabel(r.action).startsWith('未登记')) problems.add(`${r.action}: no label for the action`);
    for (const item of auditDetailItems(row)) {
      if (item.label === item.key) problems.add(`${r.action}: no label for the detail \`${item.key}\``);
      if (rawCode.test(item.text)) problems.add(`${r.action}: \`${item.key}\` shows the code \`${item.text}\``);
    }
  }
  return [...problems].sort();
}
