/**
 * Dated divisions (区划变更, docs/rules.md "Dated divisions (区划变更)"): the contract of
 * /api/divisions/changes and /api/divisions/code-map, both sides hold it (docs/api.md "Divisions").
 * A change renames, re-codes, splits or merges divisions from its effective date; the codes are the
 * statistical division codes (统计用区划代码) as the tree keeps them: 6 digits a county, 9 a township
 * or street, 12 a village or community.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';
import { isDate } from '../dates.js';

export const changeKinds = { rename: '更名', recode: '改码（含撤镇设街）', split: '拆分', merge: '合并' } as const;
export type ChangeKind = keyof typeof changeKinds;
/**
 * A change recorded by one administrator waits for a second one's 复核 (pending_review); 复核通过 makes
 * it planned (applied on its date), 退回 or 作废 cancelled. Changes recorded before the 复核 step keep
 * the status they had.
 */
export const changeStatuses = { pending_review: '待复核', planned: '待生效', applied: '已生效', cancelled: '已作废' } as const;
export type ChangeStatus = keyof typeof changeStatuses;
const status = z.enum(['pending_review', 'planned', 'applied', 'cancelled']);
/** The steps of a change as its history shows them (read from the audit log). */
export const changeSteps = { record: '登记', review: '复核通过', return: '复核退回', cancel: '作废', apply: '生效（改码）' } as const;
export type ChangeStep = keyof typeof changeSteps;

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$|^\d{9}$|^\d{12}$/, '区划代码应为 6 位（县级）、9 位（乡级）或 12 位（村级）数字');
const name = z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字');

const common = {
  effectiveDate: z.string().refine(isDate, '生效日期应为 YYYY-MM-DD 格式的日期'),
  documentNo: z.string().trim().min(2, '请填写批准文号').max(60, '文号最多 60 个字'),
  reason: z.string().trim().min(2, '请填写变更原因').max(500, '原因最多 500 个字'),
};

/** 更名: the code stays, the name changes (and every full name below it). */
export const renameSpec = z.object({ kind: z.literal('rename'), code, newName: name, ...common });
/** 改码: a division takes a new code (撤镇设街: a town's 1xx becomes a street's 0xx), optionally a new name; its subtree follows. */
export const recodeSpec = z.object({ kind: z.literal('recode'), code, newCode: code, newName: name.optional(), ...common });
/** 合并: divisions of one level and parent become one, `target` a new code or one of the sources (which then stays). */
export const mergeSpec = z.object({
  kind: z.literal('merge'),
  sources: z.array(code).min(2, '合并至少需要两个区划').max(20),
  target: code,
  targetName: name,
  ...common,
});
/** 拆分: a township gives whole villages to new townships (a village is never divided); the villages not named stay. */
export const splitSpec = z.object({
  kind: z.literal('split'),
  source: code,
  parts: z
    .array(z.object({ code, name, villages: z.array(code).min(1, '每个新设区划至少划入一个村（社区）') }))
    .min(1, '请填写拆分出的新区划')
    .max(10),
  ...common,
});

export const recordChangeInput = z.discriminatedUnion('kind', [renameSpec, recodeSpec, mergeSpec, splitSpec]);
export type RecordChangeInput = z.infer<typeof recordChangeInput>;

export const divisionChange = z.object({
  id: z.number(),
  kind: z.enum(['rename', 'recode', 'split', 'merge']),
  effectiveDate: z.string(),
  documentNo: z.string(),
  reason: z.string(),
  /** What changes, in words: 南旺镇（370830102）→ 南旺街道（370830004）. */
  summary: z.string(),
  status,
  /** The number of steps recorded for the change: sent back with the next step (409 when someone acted first). */
  version: z.number(),
  /** Rows re-coded per table (the live tables; frozen ones are never touched). */
  counts: z.record(z.string(), z.number()),
  /** Old codes mapped (the divisions of the moved subtrees). */
  mapped: z.number(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  /** Who reviewed it (复核通过 or 退回) and when; null until then. */
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Why it was returned or cancelled (退回, 作废). */
  cancelReason: z.string().nullable(),
  /** Every step, oldest first: who, when, the reason given. */
  steps: z.array(
    z.object({
      step: z.enum(['record', 'review', 'return', 'cancel', 'apply']),
      by: z.string().nullable(),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  /** Why the asking administrator may not 复核 this change (they recorded it), or null. */
  reviewRefusal: z.string().nullable(),
});
export type DivisionChange = z.infer<typeof divisionChange>;

export const listChangesInput = pageInput.extend({
  status: status.optional(),
  kind: z.enum(['rename', 'recode', 'split', 'merge']).optional(),
});
export type ListChangesInput = z.infer<typeof listChangesInput>;
export const changesPage = pageSchema(divisionChange);

export const changeRecorded = z.object({ id: z.number(), status, jobId: z.number().nullable() });

export const changeParams = z.object({ id: z.coerce.number().int().positive() });
/** 复核通过: the version the reviewer saw. */
export const reviewChangeInput = z.object({ version: z.number().int().min(0) });
/** 退回 (at 复核) and 作废: the version seen and the reason, kept with the change. */
export const closeChangeInput = z.object({
  version: z.number().int().min(0),
  reason: z.string().trim().min(2, '请填写原因').max(500, '原因最多 500 个字'),
});
export type CloseChangeInput = z.infer<typeof closeChangeInput>;

/** One row of the mapping table (old → new), searched by either code. */
export const codeMapRow = z.object({
  changeId: z.number(),
  kind: z.enum(['rename', 'recode', 'split', 'merge']),
  effectiveDate: z.string(),
  documentNo: z.string(),
  status,
  oldCode: z.string(),
  oldName: z.string().nullable(),
  newCode: z.string(),
  newName: z.string().nullable(),
});
export type CodeMapRow = z.infer<typeof codeMapRow>;
export const codeMapInput = pageInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, '区划代码应为数字')
    .optional(),
});
export type CodeMapInput = z.infer<typeof codeMapInput>;
export const codeMapPage = pageSchema(codeMapRow);
