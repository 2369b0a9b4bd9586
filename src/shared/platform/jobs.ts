/**
 * Background jobs (GET /api/jobs/:id, and what a route answers that starts one): the contract both
 * sides hold (docs/api.md "Registry"). A job is visible to the account that submitted it only.
 */
import { z } from 'zod';

/** What a route answers that queued a job (an import, a roll): the id to follow. */
export const jobAccepted = z.object({ jobId: z.number() });
export type JobAccepted = z.infer<typeof jobAccepted>;

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof jobStatus>;

export const jobAnswer = z.object({
  id: z.number(),
  kind: z.string(),
  status: jobStatus,
  progress: z.number(),
  total: z.number(),
  error: z.string().nullable(),
  /**
   * What the job's kind records (an import's counts and row errors …), with `errorFile`: the address
   * of its error report (/api/jobs/:id/errors.xlsx), or null.
   */
  result: z.object({ errorFile: z.string().nullable() }).catchall(z.unknown()),
});
export type JobAnswer = z.infer<typeof jobAnswer>;
