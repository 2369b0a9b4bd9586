/**
 * GET /api/stats/registry, the contract both sides hold (docs/api.md): the route declares this as its
 * response, and the web takes its type from here.
 */
import { z } from 'zod';

export const registryStatsResponse = z.object({
  /** What the rows are: the level below the user's division (县（市、区）, 乡镇（街道）, 村（社区）). */
  level: z.string(),
  byDivision: z.array(z.object({ code: z.string(), name: z.string(), persons: z.number().int(), households: z.number().int() })),
  totals: z.object({ persons: z.number().int(), households: z.number().int() }),
});
export type RegistryStats = z.infer<typeof registryStatsResponse>;
