/**
 * Entitlements in force (救助对象, 动态管理): the list, one entitlement with its history (GET
 * /api/assistance/entitlements, …/:id), its changes (POST …/:id/change, …/review, …/stop-objection,
 * …/death) and the migration of an existing roster (POST /api/assistance/imports/entitlements, a job).
 * The contract both sides hold; the payee account and its correction are the platform's (src/shared/payees/accounts.ts).
 */
import { z } from 'zod';
import { payeeBankFields } from '../payees/accounts.js';
import { keysOf } from '../registry-codes.js';
import { assistanceCategories, entitlementStatuses, incomeKinds } from '../assistance-codes.js';
import { isMonth } from '../dates.js';
import { pageInput, pageSchema } from '../paging.js';
import { personNameTerm } from '../registry/persons.js';
import { entitlementInputs } from './cases.js';
import { supportModeState } from './support-mode.js';

export const entitlementStatus = z.enum(keysOf(entitlementStatuses));

export const listEntitlementsInput = pageInput.extend({
  category: z.enum(keysOf(assistanceCategories)).optional(),
  status: entitlementStatus.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  /** Only those whose re-review falls within the next 30 days or is overdue. */
  reviewDue: z.coerce.boolean().optional(),
  /** The payee's name prefix, normalised like a registry name (middle dots). */
  q: personNameTerm.optional(),
});
export type ListEntitlementsInput = z.infer<typeof listEntitlementsInput>;

export const entitlementRow = z.object({
  id: z.number(),
  category: z.enum(keysOf(assistanceCategories)),
  categoryName: z.string(),
  payeeName: z.string(),
  divisionName: z.string().nullable(),
  coveredCount: z.number(),
  monthlyFen: z.number(),
  breakdown: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  status: entitlementStatus,
  statusName: z.string(),
  nextReviewDate: z.string().nullable(),
  /** The last day of a 终止公示 under way. */
  stopNoticeEnds: z.string().nullable(),
});
export type EntitlementRow = z.infer<typeof entitlementRow>;
export const entitlementsPage = pageSchema(entitlementRow);

/** One change of amount or status (变更记录); `kind` is one of `changeKinds`. */
export const entitlementChange = z.object({
  id: z.number(),
  entitlementId: z.number(),
  kind: z.string(),
  effectiveMonth: z.string(),
  oldFen: z.number().nullable(),
  newFen: z.number().nullable(),
  breakdown: z.string().nullable(),
  reason: z.string().nullable(),
  actorUserId: z.number().nullable(),
  at: z.string(),
});
export type EntitlementChange = z.infer<typeof entitlementChange>;

/** The kinds of change an entitlement's history records, with their names. */
export const changeKinds: Record<string, string> = {
  account: '更正发放账户',
  granted: '审批通过',
  migrated: '存量迁移',
  reviewed: '复核（金额不变）',
  adjusted: '复核调整',
  taper: '渐退期',
  stopped: '停发',
  stop: '停发',
  stop_notice: '终止公示',
  stop_objection: '终止公示异议',
  suspend: '暂停发放',
  resume: '恢复发放',
  death_reported: '成员去世重新核算',
  death_stopped: '本人去世停发',
  death_suspended: '本人去世停止发放',
  death_revoked: '死亡登记已撤销',
  recomputed: '标准调整重算',
  facts_changed: '户籍信息变更重算',
  support_mode: '变更供养方式',
  support_mode_confirm: '确认供养方式',
  support_mode_set: '确定供养方式',
  payee_change: '变更领取人',
  payee_died: '领取人去世暂停发放',
};

/** GET /api/assistance/entitlements/:id: the entitlement, what it was computed from, its history. */
export const entitlementDetail = z.object({
  id: z.number(),
  payeeName: z.string(),
  caseId: z.number().nullable(),
  householdId: z.number(),
  category: z.enum(keysOf(assistanceCategories)),
  status: entitlementStatus,
  monthlyFen: z.number(),
  breakdown: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
  version: z.number(),
  inputs: entitlementInputs,
  /** The payee account the bank files use (masked): the platform's record (GET /api/payees/assistance/:id); 更正发放账户 changes it. */
  payeeAccountId: z.number().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  /** The payee's death as the registry has it: nothing is paid until 变更领取人 names another covered member. */
  payeeDiedOn: z.string().nullable(),
  /** Who may become the payee: the living covered members of 18 or over. */
  payeeCandidates: z.array(z.object({ personId: z.number(), name: z.string() })),
  /** 终止公示 under way: the stop it announces. */
  stopNotice: z.object({ ends: z.string(), effectiveMonth: z.string(), reason: z.string() }).nullable(),
  /** The earliest months a change may take effect from (a 特困 stop: after its 终止公示). */
  changeFrom: z.object({ month: z.string(), stopMonth: z.string(), stopNoticeEnds: z.string().nullable() }),
  /** 供养方式 of a 特困 entitlement (support-mode.ts); null for the other categories. */
  supportMode: supportModeState.nullable(),
  history: z.array(entitlementChange),
});
export type EntitlementDetail = z.infer<typeof entitlementDetail>;

const month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');

/** 变更领取人 (POST /api/assistance/entitlements/:id/payee): another covered member, their bank account, why. */
export const changePayeeInput = z.object({
  payeePersonId: z.number({ error: '请选择新的领取人' }).int(),
  ...payeeBankFields,
  reason: z.string().trim().min(2, '请填写变更原因').max(1000),
  version: z.number().int(),
});
export type ChangePayeeInput = z.infer<typeof changePayeeInput>;
export const payeeChanged = z.object({ id: z.number(), version: z.number() });

/** 暂停、恢复或停发 from a month (from next month on; a 特困 stop is announced first). */
export const changeInput = z.object({
  kind: z.enum(['suspend', 'resume', 'stop']),
  effectiveMonth: month,
  reason: z.string().trim().min(2, '请填写理由').max(1000),
  version: z.number().int(),
});
export type ChangeInput = z.infer<typeof changeInput>;
/** The status after a change; a stop that starts a 终止公示 also answers the notice's last day and the month it stops from. */
export const entitlementChanged = z.object({
  id: z.number(),
  status: entitlementStatus,
  stopNoticeEnds: z.string().optional(),
  effectiveMonth: z.string().optional(),
});
export type EntitlementChanged = z.infer<typeof entitlementChanged>;

/** 复核: each member's monthly incomes as found now (replacing the earlier ones), 渐退期 where the rise comes from work. */
export const reviewInput = z.object({
  members: z
    .array(
      z.object({
        personId: z.number().int().positive(),
        incomes: z.array(z.object({ kind: z.enum(keysOf(incomeKinds)), monthlyFen: z.number().int().min(0).max(100_000_000) })).max(20),
      }),
    )
    .max(30),
  /** The rise comes from a member who found work: 渐退期 applies. */
  foundWork: z.boolean().default(false),
  irregularIncome: z.boolean().default(false),
  reason: z.string().trim().min(2, '请填写复核情况').max(2000),
  version: z.number().int(),
});
export type ReviewInput = z.infer<typeof reviewInput>;
/**
 * What a review answers: how it ended (reviewed: amount unchanged; adjusted; taper: 渐退期; stopped;
 * stop_notice: a 特困 recipient no longer eligible, announced first, with the notice's last day).
 */
export const reviewAnswer = z.object({
  id: z.number(),
  kind: z.enum(['reviewed', 'adjusted', 'taper', 'stopped', 'stop_notice']),
  monthlyFen: z.number(),
  breakdown: z.string(),
  endMonth: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
  stopNoticeEnds: z.string().optional(),
});
export type ReviewAnswer = z.infer<typeof reviewAnswer>;

/** An objection during the 终止公示: the stop withdrawn, the household due for re-review today. */
export const stopObjectionInput = z.object({ reason: z.string().trim().min(2, '请填写异议情况').max(2000), version: z.number().int() });
export type StopObjectionInput = z.infer<typeof stopObjectionInput>;
export const stopObjected = z.object({ id: z.number(), status: entitlementStatus, nextReviewDate: z.string() });

/**
 * The migration job's `result` (GET /api/jobs/:id, kind assistance.import_recipients): the rows and
 * those imported, or the rows in error and the address of the error report.
 */
export const entitlementImportResult = z.object({
  created: z.number().optional(),
  total: z.number().optional(),
  errorCount: z.number().optional(),
  errorFile: z.string().nullable(),
});
export type EntitlementImportResult = z.infer<typeof entitlementImportResult>;

/**
 * 死亡后已发放 (GET /api/assistance/after-death): months paid on an entitlement after a covered member's
 * death, to be recovered. A line that covered only the deceased is recovered in full; otherwise the
 * deceased's share (the line ÷ persons covered) is an estimate the clerk confirms (`estimated`).
 */
export const afterDeathInput = pageInput.extend({
  divisionCode: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
});
export type AfterDeathInput = z.infer<typeof afterDeathInput>;
export const afterDeathRow = z.object({
  entitlementId: z.number(),
  rollId: z.number(),
  month: z.string(),
  divisionName: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  deceasedName: z.string(),
  diedOn: z.string(),
  coveredCount: z.number(),
  paidFen: z.number(),
  recoverFen: z.number(),
  estimated: z.boolean(),
  paymentStatus: z.string(),
});
export type AfterDeathRow = z.infer<typeof afterDeathRow>;
export const afterDeathPage = pageSchema(afterDeathRow).extend({ recoverFen: z.number() });
export type AfterDeathPage = z.infer<typeof afterDeathPage>;
