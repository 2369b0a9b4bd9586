/** The notifier's outbox (GET /api/outbox, development and tests): the contract both sides hold. */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';

export const outboxInput = pageInput;

export const outboxMessage = z.object({
  id: z.number(),
  channel: z.string(),
  /** Masked, or 数据校验失败 where the ciphertext fails its check. */
  recipientMasked: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
export const outboxPage = pageSchema(outboxMessage);
