/**
 * 家庭经济状况核对 (the household economic check) and the batch re-check of recipients: the request
 * file and the agencies' replies (GET /api/assistance/checks/request-file, …/reply-template, POST
 * …/replies), a case's check and its findings (GET /api/assistance/cases/:id/check, POST
 * …/check/decisions) and the re-checks (POST/GET /api/assistance/rechecks). The contract both sides
 * hold; the reply formats are in docs/economic-check.md and src/shared/assistance-codes.ts.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';
import { checkAgencies } from '../assistance-codes.js';
import { pageSchema } from '../paging.js';
import { incomeItem } from './applications.js';

export const agencyCode = z.enum(keysOf(checkAgencies), { error: '请选择回复部门' });

/** GET /api/assistance/checks/reply-template: the agency's format, with the batch in the file name where given. */
export const replyTemplateInput = z.object({ agency: agencyCode, batch: z.coerce.number().int().positive().optional() });
/** POST /api/assistance/checks/replies (multipart: file): the agency that replied. */
export const replyInput = z.object({ agency: agencyCode });

/** What importing a reply answers: its rows, and the members and checks they matched in the caller's jurisdiction. */
export const replyImported = z.object({
  agency: z.string(),
  agencyName: z.string(),
  /** The batch the reply answered (批次号), or null for one matched by ID number alone. */
  batch: z.number().nullable(),
  rows: z.number(),
  matchedPersons: z.number(),
  matchedChecks: z.number(),
});
export type ReplyImported = z.infer<typeof replyImported>;

/** An agency's figure above what was declared, or an asset against its limit. */
export const finding = z.object({
  key: z.string(),
  label: z.string(),
  declared: z.string(),
  found: z.string(),
  /** What accepting changes in the application; null where it changes nothing (a registered business). */
  apply: z
    .object({
      personId: z.number().optional(),
      incomeKind: z.enum(['wage', 'pension']).optional(),
      monthlyFen: z.number().optional(),
      depositsFen: z.number().optional(),
      vehicles: z.number().optional(),
      extraHouses: z.number().optional(),
    })
    .nullable(),
  overLimit: z.string().nullable(),
  sources: z.array(z.string()),
});
export type Finding = z.infer<typeof finding>;

/** The worker's decision on a finding: the agency's figure accepted, or the declared one kept with a reason. */
export const findingDecision = z.object({
  decision: z.enum(['accept', 'override']),
  reason: z.string().nullable(),
  by: z.number(),
  at: z.string(),
});

/** A finding on a case's check, with the decision taken on it (null while undecided). */
export const checkFinding = finding.extend({ decision: findingDecision.nullable() });
export type CheckFinding = z.infer<typeof checkFinding>;

const agency = z.object({ code: z.string(), name: z.string() });

/** GET /api/assistance/cases/:id/check: the case's check (null before one is requested). */
export const caseCheck = z.object({
  id: z.number(),
  status: z.enum(['requested', 'replied', 'reviewed']),
  repliedAgencies: z.array(agency),
  /** The agencies asked, each with whether it replied; the ones still missing. */
  agencies: z.array(agency.extend({ replied: z.boolean() })),
  missingAgencies: z.array(agency),
  /** The request-file batches that listed this check (核对批次号). */
  batches: z.array(z.number()),
  findings: z.array(checkFinding),
  undecided: z.number(),
});
export type CaseCheck = z.infer<typeof caseCheck>;
export const caseCheckAnswer = caseCheck.nullable();

/** 采用 or 不采用 a finding; not accepting needs a reason. */
export const decideInput = z.object({
  key: z.string().min(1).max(200),
  decision: z.enum(['accept', 'override']),
  reason: z.string().trim().max(500).optional(),
});
export type DecideInput = z.infer<typeof decideInput>;

/** POST /api/assistance/rechecks: the recipients due for review within 30 days (or all in force). */
export const startRecheckInput = z.object({ only: z.enum(['due', 'all']).default('due') });
export type StartRecheckInput = z.infer<typeof startRecheckInput>;
export const recheckStarted = z.object({ created: z.number() });
export type RecheckStarted = z.infer<typeof recheckStarted>;

/** A household whose re-check has replies: what the agencies found and the amount that would follow. */
export const recheckRow = z.object({
  entitlementId: z.number(),
  version: z.number(),
  payeeName: z.string(),
  monthlyFen: z.number(),
  breakdown: z.string(),
  findings: z.array(finding),
  /** The amount if every income finding were accepted (0 when no longer eligible). */
  proposedFen: z.number(),
  proposedBreakdown: z.string(),
  stillEligible: z.boolean(),
  /** Each member's incomes with the findings accepted: what the re-review starts from. */
  foundIncomes: z.array(z.object({ personId: z.number(), incomes: z.array(incomeItem) })),
});
export type RecheckRow = z.infer<typeof recheckRow>;
export const rechecksPage = pageSchema(recheckRow);
