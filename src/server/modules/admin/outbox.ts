import { count, desc } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { outbox } from '../../platform/db/schema.js';
import { audit } from '../../platform/audit/audit.js';
import { maskPhone } from '../../../shared/mask.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import type { OutboxMessage } from '../../../shared/admin/outbox.js';
import type { Page } from '../../../shared/paging.js';

/** The notifier's outbox (development and tests): codes readable, recipients masked. */
export async function listOutbox(deps: Deps, ctx: Ctx, page: number, pageSize: number): Promise<Page<OutboxMessage>> {
  const db = deps.database.db;
  const [{ total }] = await db.select({ total: count() }).from(outbox);
  const found = await db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  await audit(db, ctx, { action: 'outbox.read', objectType: 'outbox', details: { count: found.length } });
  const view = new FieldView(deps, ctx);
  return {
    items: found.map((m) => ({
      id: m.id,
      channel: m.channel,
      recipientMasked: view.show(m.recipientEnc, { objectType: 'outbox', objectId: m.id, field: 'recipient' }, maskPhone),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
