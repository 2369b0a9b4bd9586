/**
 * Cases of social assistance (GET /api/assistance/cases, …/worklist, …/cases/:id, POST
 * …/cases/:id/actions/:action): the contract both sides hold (docs/api.md "Social assistance"). The
 * routes declare these schemas, the web takes its types from here.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';
import { assistanceCategories, caseStatuses, temporaryTypes } from '../assistance-codes.js';
import { pageInput, pageSchema } from '../paging.js';
import { personNameTerm } from '../registry/persons.js';
import { incomeItem, storedApplication } from './applications.js';

export const caseStatus = z.enum(keysOf(caseStatuses));

/** The list's filter, also the export's. */
export const caseFilter = z.object({
  status: caseStatus.optional(),
  category: z.enum(keysOf(assistanceCategories)).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/, '行政区划代码格式不正确')
    .optional(),
  // A case number or the applicant's name prefix: normalised like a registry name (middle dots).
  q: personNameTerm.optional(),
});
export type CaseFilter = z.infer<typeof caseFilter>;
export const listCasesInput = pageInput.extend(caseFilter.shape);
export type ListCasesInput = z.infer<typeof listCasesInput>;

/** A case in a list: its stage's deadline in working days (null once it is closed) and the whole case's. */
export const caseRow = z.object({
  id: z.number(),
  caseNo: z.string(),
  category: z.enum(keysOf(assistanceCategories)),
  categoryName: z.string(),
  status: caseStatus,
  statusName: z.string(),
  applicantName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  channel: z.enum(['window', 'online']),
  staffRelative: z.boolean(),
  dueDate: z.string().nullable(),
  daysLeft: z.number().nullable(),
  dueProvisional: z.boolean(),
  caseDueDate: z.string().nullable(),
  /** The whole-case limit runs into a year whose holidays are not entered. */
  caseDueProvisional: z.boolean(),
  createdAt: z.string(),
  /** 济时救: an 急难型 case not yet helped must be helped by this time (24 h, the most urgent 2 h). */
  urgentDueAt: z.string().nullable(),
});
export type CaseRow = z.infer<typeof caseRow>;
export const casesPage = pageSchema(caseRow);

/** GET /api/assistance/worklist: the cases waiting on the caller, with those near (≤ 1 working day) and past their deadline. */
export const worklistAnswer = casesPage.extend({ nearDue: z.number(), overdue: z.number() });
export type Worklist = z.infer<typeof worklistAnswer>;

/** What the economic computation found (stored at the township's opinion and at approval), with everything it used. */
export const entitlementInputs = z.object({
  category: z.enum(keysOf(assistanceCategories)),
  month: z.string(),
  countyCode: z.string(),
  hukouType: z.enum(['urban', 'rural']),
  members: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      covered: z.boolean(),
      incomes: z.array(incomeItem),
      rigidCostsFen: z.number().optional(),
    }),
  ),
  singleCoverage: z.boolean().optional(),
  selfCareUnable: z.array(z.string()).optional(),
  otherBenefits: z.array(z.object({ name: z.string(), monthlyFen: z.number() })).optional(),
  /** 临时救助: the one-off amount. */
  amountFen: z.number().optional(),
  standardFen: z.number().optional(),
  standardId: z.number().optional(),
  /** Imported from the old system's roster (存量迁移): no incomes recorded, not recomputed. */
  migrated: z.boolean().optional(),
});
export type EntitlementInputs = z.infer<typeof entitlementInputs>;

export const computation = z.object({
  eligible: z.boolean(),
  monthlyFen: z.number(),
  breakdown: z.string(),
  lines: z.array(z.string()),
  /** Why the household does not qualify, in Chinese (empty when it does). */
  failures: z.array(z.string()),
  inputs: entitlementInputs,
});
export type Computation = z.infer<typeof computation>;

/** One recorded action of a case (办理记录): what the action recorded is in `data`. */
export const historyEntry = z.object({
  id: z.number(),
  action: z.string(),
  label: z.string(),
  fromStatus: caseStatus.nullable(),
  toStatus: caseStatus,
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  fileIds: z.array(z.number()),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const allowedAction = z.object({
  code: z.string(),
  label: z.string(),
  reasonRequired: z.boolean(),
  /** Why it cannot be done yet (a required step, separation of duties); the button is disabled. */
  blockedReason: z.string().nullable(),
});
export type AllowedAction = z.infer<typeof allowedAction>;

/** A stage's deadline on one clock, with the rule it comes from. */
export const stageDeadline = z.union([
  z.object({ workingDays: z.number(), source: z.string() }),
  z.object({ calendarDays: z.number(), source: z.string() }),
  z.object({ civilDays: z.number(), source: z.string() }),
]);

/** GET /api/assistance/cases/:id: the case file. */
export const caseDetail = caseRow.extend({
  version: z.number(),
  temporaryType: z.enum(keysOf(temporaryTypes)).nullable(),
  /** Null while an online application's proposed household waits for the acceptance to register it. */
  householdId: z.number().nullable(),
  applicantPersonId: z.number(),
  noticeEnds: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  spotCheck: z.enum(['required', 'passed', 'failed']).nullable(),
  application: storedApplication,
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  members: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      relation: z.string().nullable(),
      birthDate: z.string().nullable(),
      hukouType: z.enum(['urban', 'rural']),
      idNumberMasked: z.string().nullable(),
    }),
  ),
  computation: computation.nullable(),
  entitlement: z
    .object({
      id: z.number(),
      monthlyFen: z.number(),
      breakdown: z.string(),
      startMonth: z.string(),
      endMonth: z.string().nullable(),
      status: z.enum(['active', 'suspended', 'stopped']),
    })
    .nullable(),
  deadline: stageDeadline.nullable(),
  history: z.array(historyEntry),
  allowedActions: z.array(allowedAction),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** One workflow action: the version the user saw (409 when someone acted first), a reason, the action's data, attachments. */
export const actInput = z.object({
  version: z.number().int().min(1, '缺少版本号'),
  reason: z.string().trim().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
  fileIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type ActInput = z.infer<typeof actInput>;

/** What an action (and a resident's resubmission) answers: the case's status and version after it. */
export const caseActed = z.object({ id: z.number(), status: caseStatus, version: z.number() });
export type CaseActed = z.infer<typeof caseActed>;
