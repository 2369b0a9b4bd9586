/**
 * 部门比对名单 (docs/rules.md "Agency files"): the lists of deaths (公安 / 卫健 / 殡葬) and of hukou
 * changes (公安) another agency sends, matched against the registry by ID number. Nothing in a file is
 * applied by itself: the rows are listed by what the match found, and a clerk applies the matched
 * ones (and a conflicting one, with a note, where only the name differs) or dismisses them. The
 * contract of /api/agency-files…, both sides hold it.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';
import { keysOf } from '../registry-codes.js';

export const agencyFileKinds = {
  deaths: '死亡名单',
  hukou: '户籍迁移名单',
} as const;
export type AgencyFileKind = keyof typeof agencyFileKinds;

/** Who sent the file. */
export const agencies = {
  police: '公安机关',
  health: '卫生健康部门',
  funeral: '殡葬服务机构',
} as const;

/** What the match found for a row, and what became of it. */
export const rowOutcomes = {
  matched: '可登记',
  conflict: '有冲突',
  unmatched: '未匹配',
  duplicate: '已登记过',
  invalid: '数据有误',
  applied: '已登记',
  dismissed: '已忽略',
} as const;
export type RowOutcome = keyof typeof rowOutcomes;

/** Columns of each kind's template, in order. */
export const agencyFileHeaders = {
  deaths: ['姓名', '公民身份号码', '死亡日期', '死亡地点', '死亡证明编号', '火化证号'],
  hukou: ['姓名', '公民身份号码', '变动类型', '变动日期', '迁入地区划代码', '迁入来源或迁出去向'],
} as const satisfies Record<AgencyFileKind, readonly string[]>;

/** 变动类型 as the file writes it. */
export const hukouDirections = { in: '迁入', out: '迁出' } as const;

/** POST /api/agency-files?kind=…&agency=… (multipart: file). */
export const submitAgencyFileInput = z.object({
  kind: z.enum(keysOf(agencyFileKinds), { error: '请选择名单类别' }),
  agency: z.enum(keysOf(agencies), { error: '请选择来源部门' }),
});
export type SubmitAgencyFileInput = z.infer<typeof submitAgencyFileInput>;

export const agencyFileCounts = z.object({
  total: z.number(),
  matched: z.number(),
  conflict: z.number(),
  unmatched: z.number(),
  duplicate: z.number(),
  invalid: z.number(),
  applied: z.number(),
  dismissed: z.number(),
});
export type AgencyFileCounts = z.infer<typeof agencyFileCounts>;

export const agencyFileRow = z.object({
  id: z.number(),
  kind: z.enum(keysOf(agencyFileKinds)),
  kindName: z.string(),
  agency: z.string(),
  agencyName: z.string(),
  fileName: z.string(),
  divisionName: z.string().nullable(),
  status: z.enum(['matching', 'ready', 'failed']),
  statusName: z.string(),
  error: z.string().nullable(),
  counts: agencyFileCounts,
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  jobId: z.number().nullable(),
});
export type AgencyFileRow = z.infer<typeof agencyFileRow>;
export const agencyFilesPage = pageSchema(agencyFileRow);

export const listAgencyFilesInput = pageInput.extend({ kind: z.enum(keysOf(agencyFileKinds)).optional() });
export type ListAgencyFilesInput = z.infer<typeof listAgencyFilesInput>;

/** One line of a file, as the clerk reviews it. */
export const agencyLine = z.object({
  id: z.number(),
  rowNumber: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  /** What the line says, in words (死亡日期：…；死亡地点：…). */
  summary: z.string(),
  outcome: z.enum(keysOf(rowOutcomes)),
  outcomeName: z.string(),
  /** Why it is not simply applicable, in Chinese. */
  problem: z.string().nullable(),
  /** A conflict the clerk may apply with a note (only the name differs). */
  applicableWithNote: z.boolean(),
  personId: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type AgencyLine = z.infer<typeof agencyLine>;
export const agencyLinesPage = pageSchema(agencyLine);

export const listAgencyLinesInput = pageInput.extend({
  outcome: z.enum(keysOf(rowOutcomes)).optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListAgencyLinesInput = z.infer<typeof listAgencyLinesInput>;

export const exportAgencyLinesInput = z.object({ outcome: z.enum(keysOf(rowOutcomes)).optional() });

/**
 * POST /api/agency-files/:id/apply: the lines to record (none named: every 可登记 line). A 有冲突 line
 * whose only problem is the name is applied when named here with a note saying why it is the same person.
 */
export const applyAgencyLinesInput = z.object({
  lineIds: z.array(z.number().int()).max(10000).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ApplyAgencyLinesInput = z.infer<typeof applyAgencyLinesInput>;

/** POST /api/agency-files/:id/dismiss: lines the clerk will not apply, with the reason. */
export const dismissAgencyLinesInput = z.object({
  lineIds: z.array(z.number().int()).min(1, '请选择要忽略的行').max(10000),
  reason: z.string().trim().min(2, '请填写忽略原因').max(500),
});
export type DismissAgencyLinesInput = z.infer<typeof dismissAgencyLinesInput>;

export const dismissAnswer = z.object({ dismissed: z.number() });

/** The match job's and the apply job's `result` (GET /api/jobs/:id). */
export const agencyJobResult = z.object({
  agencyFileId: z.number(),
  counts: agencyFileCounts.optional(),
  applied: z.number().optional(),
  failed: z.number().optional(),
  errorFile: z.string().nullable(),
});
export type AgencyJobResult = z.infer<typeof agencyJobResult>;
