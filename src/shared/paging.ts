/**
 * Paged lists, the contract both sides hold (docs/api.md "Conventions"): the query every list takes
 * and the page it answers.
 */
import { z } from 'zod';

/** Every list pages; a page is at most 200 rows (V2: a page size of 10⁹ is a 400, not a full scan). */
export const pageInput = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The answer of a list: `{ items, total, page, pageSize }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** `{ ok: true }`: what a write answers when it has nothing else to say. */
export const okAnswer = z.object({ ok: z.literal(true) });
