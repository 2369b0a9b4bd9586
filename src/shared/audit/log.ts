/**
 * Reading the audit log (GET /api/audit, /api/audit/export, /api/audit/verify; auditors only): the
 * contract both sides hold (docs/api.md "Audit"). The routes declare these schemas, the web takes
 * its types from here.
 */
import { z } from 'zod';
import { auditActions, auditModules, type AuditModule } from '../audit-actions.js';
import { pageInput, pageSchema } from '../paging.js';

const day = z.iso.date('日期格式应为 YYYY-MM-DD');

const actionCodes = Object.keys(auditActions);
const modules = Object.keys(auditModules) as [AuditModule, ...AuditModule[]];

export const auditFilter = z.object({
  /** One action (shared/audit-actions.ts), or the start of codes (`person.`) as older links have it. */
  action: z
    .string()
    .max(64)
    .refine((a) => actionCodes.some((c) => c.startsWith(a)), '没有这种操作')
    .optional(),
  /** Every action of a group of the action filter. */
  module: z.enum(modules, { error: '没有这类操作' }).optional(),
  userId: z.coerce.number().int().positive().optional(),
  username: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;
export const auditQuery = pageInput.extend(auditFilter.shape);
export type AuditQuery = z.infer<typeof auditQuery>;

/** One audit row; `at` is ISO 8601 with +08:00 (U1). */
export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  ip: z.string().nullable(),
  /** What the action recorded, as shared/audit-actions.ts reads it. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** A page of the log, with the full names of the division codes its details name. */
export const auditPage = pageSchema(auditEntry).extend({ divisions: z.record(z.string(), z.string()) });
export type AuditPage = z.infer<typeof auditPage>;

/** The hash chain's check: the first link that does not hold, if any. */
export const chainReport = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** The audit id of the first link that does not hold. */
  firstBrokenId: z.number().nullable(),
  reason: z.string().nullable(),
  unsealed: z.number(),
});
export type ChainReport = z.infer<typeof chainReport>;
