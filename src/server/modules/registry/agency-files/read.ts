/**
 * Reading 部门比对名单: the files of the actor's jurisdiction (a file is seen by its uploader's level
 * and above, never by a lower level: its lines cover the whole jurisdiction; 404 otherwise), one
 * file's lines by outcome, their xlsx (the 未匹配 lines to send back to the agency …) and the templates.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor, withinDivision } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { writeXlsx, writeXlsxTemplate } from '../../../platform/xlsx.js';
import type { Page } from '../../../../shared/paging.js';
import {
  agencies,
  agencyFileHeaders,
  agencyFileKinds,
  hukouDirections,
  rowOutcomes,
  type AgencyFileCounts,
  type AgencyFileKind,
  type AgencyFileRow,
  type AgencyLine,
  type ListAgencyFilesInput,
  type ListAgencyLinesInput,
  type RowOutcome,
} from '../../../../shared/registry/agency-files.js';
import { agencyFiles } from '../schema.js';

type FileRecord = typeof agencyFiles.$inferSelect;

/** A file of the actor's jurisdiction (uploaded at their level or below), else 404. */
export async function openAgencyFileRecord(db: Db, actor: Actor, id: number, lock = false): Promise<FileRecord> {
  const q = db
    .select()
    .from(agencyFiles)
    .where(and(eq(agencyFiles.id, id), withinDivision(agencyFiles.divisionCode, actor.divisionCode)));
  const [f] = lock ? await q.for('update') : await q;
  if (!f) throw AppError.notFound('比对名单');
  return f;
}

const statusNames = { matching: '比对中', ready: '比对完成', failed: '比对失败' } as const;

const fileColumns = sql`f.*, (select full_name from divisions d where d.code = f.division_code) as division_name,
  (select coalesce(u.display_name, u.username) from users u where u.id = f.uploaded_by) as uploaded_by_name`;

interface FileDbRow {
  id: number | string;
  kind: AgencyFileKind;
  agency: keyof typeof agencies;
  file_name: string;
  division_name: string | null;
  status: keyof typeof statusNames;
  error: string | null;
  counts: Partial<AgencyFileCounts>;
  uploaded_by_name: string | null;
  created_at: Date | string;
  job_id: number | string | null;
}

const EMPTY: AgencyFileCounts = { total: 0, matched: 0, conflict: 0, unmatched: 0, duplicate: 0, invalid: 0, applied: 0, dismissed: 0 };

function toFileRow(r: FileDbRow): AgencyFileRow {
  return {
    id: Number(r.id),
    kind: r.kind,
    kindName: agencyFileKinds[r.kind],
    agency: r.agency,
    agencyName: agencies[r.agency] ?? r.agency,
    fileName: r.file_name,
    divisionName: r.division_name,
    status: r.status,
    statusName: statusNames[r.status],
    error: r.error,
    counts: { ...EMPTY, ...r.counts },
    uploadedBy: r.uploaded_by_name,
    uploadedAt: new Date(r.created_at).toISOString(),
    jobId: r.job_id === null ? null : Number(r.job_id),
  };
}

export async function listAgencyFiles(deps: Deps, ctx: Ctx, input: ListAgencyFilesInput): Promise<Page<AgencyFileRow>> {
  const actor = requireActor(ctx.actor);
  const where = and(withinDivision(sql`f.division_code`, actor.divisionCode), input.kind ? sql`f.kind = ${input.kind}` : undefined)!;
  const db = deps.database.db;
  const [found, [{ n }]] = await Promise.all([
    rows<FileDbRow>(
      db,
      sql`select ${fileColumns} from agency_files f where ${where} order by f.id desc
          limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from agency_files f where ${where}`),
  ]);
  return { items: found.map(toFileRow), total: n, page: input.page, pageSize: input.pageSize };
}

export async function openAgencyFile(deps: Deps, ctx: Ctx, id: number): Promise<AgencyFileRow> {
  const actor = requireActor(ctx.actor);
  await openAgencyFileRecord(deps.database.db, actor, id);
  const [r] = await rows<FileDbRow>(deps.database.db, sql`select ${fileColumns} from agency_files f where f.id = ${id}`);
  return toFileRow(r);
}

/** What a line says, in words. */
function summary(kind: AgencyFileKind, d: Record<string, string | null>): string {
  const parts =
    kind === 'deaths'
      ? [
          ['死亡日期', d.diedOn],
          ['死亡地点', d.place],
          ['死亡证明编号', d.certificateNo],
          ['火化证号', d.cremationNo],
        ]
      : [
          ['变动类型', d.direction ? hukouDirections[d.direction as 'in' | 'out'] : null],
          ['变动日期', d.movedOn],
          ['迁入地', d.toDivisionCode],
          [d.direction === 'out' ? '迁出去向' : '迁入来源', d.place],
        ];
  return parts
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}：${v}`)
    .join('；');
}

interface LineDbRow {
  id: number | string;
  row_number: number;
  name: string;
  id_number_masked: string;
  data: Record<string, string | null>;
  outcome: RowOutcome;
  problem: string | null;
  conflict: string | null;
  person_id: number | string | null;
  decided_by_name: string | null;
  decision_note: string | null;
}

const toLine =
  (kind: AgencyFileKind) =>
  (r: LineDbRow): AgencyLine => ({
    id: Number(r.id),
    rowNumber: r.row_number,
    name: r.name,
    idNumberMasked: r.id_number_masked,
    summary: summary(kind, r.data),
    outcome: r.outcome,
    outcomeName: rowOutcomes[r.outcome],
    problem: r.problem,
    applicableWithNote: r.outcome === 'conflict' && r.conflict === 'name_differs',
    personId: r.person_id === null ? null : Number(r.person_id),
    decidedBy: r.decided_by_name,
    decisionNote: r.decision_note,
  });

function linesWhere(id: number, input: { outcome?: RowOutcome; q?: string }): SQL {
  return and(
    sql`l.agency_file_id = ${id}`,
    input.outcome ? sql`l.outcome = ${input.outcome}` : undefined,
    input.q ? sql`l.name like ${`${input.q.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
  )!;
}

const lineColumns = sql`l.id, l.row_number, l.name, l.id_number_masked, l.data, l.outcome, l.problem, l.conflict, l.person_id,
  l.decision_note, (select coalesce(u.display_name, u.username) from users u where u.id = l.decided_by) as decided_by_name`;

export async function listAgencyLines(deps: Deps, ctx: Ctx, id: number, input: ListAgencyLinesInput): Promise<Page<AgencyLine>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const file = await openAgencyFileRecord(db, actor, id);
  const where = linesWhere(id, input);
  const [found, [{ n }]] = await Promise.all([
    rows<LineDbRow>(
      db,
      sql`select ${lineColumns} from agency_file_lines l where ${where} order by l.row_number
          limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from agency_file_lines l where ${where}`),
  ]);
  return { items: found.map(toLine(file.kind as AgencyFileKind)), total: n, page: input.page, pageSize: input.pageSize };
}

const EXPORT_LIMIT = 200_000;

/** The lines (of one outcome, or all) as xlsx, masked as on screen, with one audit row. */
export async function exportAgencyLines(deps: Deps, ctx: Ctx, id: number, input: { outcome?: RowOutcome }): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const file = await openAgencyFileRecord(db, actor, id);
  const found = await rows<LineDbRow>(
    db,
    sql`select ${lineColumns} from agency_file_lines l where ${linesWhere(id, input)} order by l.row_number limit ${EXPORT_LIMIT}`,
  );
  await audit(db, ctx, {
    action: 'agency_file.export',
    objectType: 'agency_file',
    objectId: id,
    details: { outcome: input.outcome ?? null, count: found.length },
  });
  return writeXlsx<AgencyLine>(
    input.outcome ? rowOutcomes[input.outcome] : '比对结果',
    [
      { header: '行号', value: (l) => l.rowNumber },
      { header: '姓名', value: (l) => l.name },
      { header: '公民身份号码', width: 22, value: (l) => l.idNumberMasked },
      { header: '名单内容', width: 50, value: (l) => l.summary },
      { header: '比对结果', value: (l) => l.outcomeName },
      { header: '说明', width: 50, value: (l) => l.problem },
      { header: '处理人', value: (l) => l.decidedBy },
      { header: '处理说明', width: 40, value: (l) => l.decisionNote },
    ],
    found.map(toLine(file.kind as AgencyFileKind)),
  );
}

const notes: Record<AgencyFileKind, string[]> = {
  deaths: [
    '请在第 2 行起每人一行填写，不要修改第 1 行表头；公民身份号码列为文本格式，请勿改为数值。',
    '死亡日期按 YYYY-MM-DD 填写；死亡地点、死亡证明编号、火化证号有则填写。',
    '导入后系统按公民身份号码与人口库比对：可登记、有冲突、已登记过、未匹配的行分别列出，由工作人员核对后登记，不会自动登记。',
  ],
  hukou: [
    '请在第 2 行起每人一行填写，不要修改第 1 行表头；公民身份号码列为文本格式，请勿改为数值。',
    `变动类型填写“${hukouDirections.in}”或“${hukouDirections.out}”；变动日期按 YYYY-MM-DD 填写。`,
    '迁入的，填写迁入地 12 位村（社区）区划代码和迁入来源；迁出的，填写迁出去向。',
    '导入后系统按公民身份号码与人口库比对，由工作人员核对后登记，不会自动登记。',
  ],
};

export async function agencyFileTemplate(kind: AgencyFileKind): Promise<Buffer> {
  const headers = agencyFileHeaders[kind];
  return writeXlsxTemplate(
    agencyFileKinds[kind],
    headers.map((h) => ({
      header: h,
      width: h === '公民身份号码' ? 22 : 16,
      text: h === '公民身份号码' || h.endsWith('日期') || h.endsWith('代码'),
      list: h === '变动类型' ? Object.values(hukouDirections) : undefined,
    })),
    { rows: 1000, notes: { name: '填写说明', lines: notes[kind] } },
  );
}
