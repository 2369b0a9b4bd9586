/**
 * 部门比对名单, the upload and the match (docs/rules.md "Agency files"). The file is kept as uploaded;
 * a job reads it once, checks each line (the ID number by GB 11643, the dates, the 迁入地), COPYs the
 * lines with the ID number's lookup hash and only a masked copy of the number, then one statement
 * joins them to the registry on that hash inside the uploader's jurisdiction and says per line what
 * it found: 可登记, 有冲突 (and why), 已登记过, or 未匹配. Nothing is applied here.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/runner.js';
import { requirePermission } from '../../../platform/access/scope.js';
import { rows, type Db, type RawTx } from '../../../platform/db/index.js';
import { actorForJob } from '../../../platform/jobs/actor.js';
import { files } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { audit, auditInRaw } from '../../../platform/audit/audit.js';
import { readTable, readXlsxRows, XLSX_MIME, type XlsxRow } from '../../../platform/xlsx.js';
import { parseResidentId } from '../../../../shared/validation/resident-id.js';
import { checkPersonName } from '../../../../shared/validation/person-name.js';
import { maskIdNumber } from '../../../../shared/mask.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import {
  agencyFileHeaders,
  hukouDirections,
  type AgencyFileCounts,
  type AgencyFileKind,
  type SubmitAgencyFileInput,
} from '../../../../shared/registry/agency-files.js';
import { idStoredAsNumber, ID_STORED_AS_NUMBER } from '../id-as-number.js';
import { agencyFiles } from '../schema.js';

export const MATCH_AGENCY_FILE = 'registry.agency_file_match';

/** Stores the upload and its record, and queues the match; the same idempotency key returns the same job. */
export async function submitAgencyFile(
  deps: Deps,
  ctx: Ctx,
  upload: { name: string; content: Buffer },
  input: SubmitAgencyFileInput,
  idempotencyKey: string | null,
): Promise<{ jobId: number; agencyFileId: number }> {
  const actor = requirePermission(ctx.actor, 'registry.import');
  if (actor.organisationId !== null) throw AppError.forbidden('部门比对名单由民政部门工作人员导入');
  if (upload.content.length === 0) throw AppError.field('file', '请选择要导入的文件');
  // A file that is not a workbook, or has another kind's columns, is a 400 at once, not a failed job.
  for await (const first of lines(upload, input.kind)) {
    void first;
    break;
  }
  if (idempotencyKey) {
    const earlier = await deps.jobs.byIdempotencyKey(idempotencyKey, actor.userId);
    if (earlier) return { jobId: earlier.id, agencyFileId: Number(earlier.payload.agencyFileId) };
  }
  // The file, its record and the match job commit together: no file waits for a job that was never queued.
  return deps.database.db.transaction(async (tx) => {
    const [file] = await tx
      .insert(files)
      .values({ name: upload.name, mime: isCsv(upload.name) ? 'text/csv' : XLSX_MIME, content: upload.content, createdBy: actor.userId })
      .returning({ id: files.id });
    const [record] = await tx
      .insert(agencyFiles)
      .values({
        kind: input.kind,
        agency: input.agency,
        fileId: file.id,
        fileName: upload.name.slice(0, 200),
        divisionCode: actor.divisionCode,
        uploadedBy: actor.userId,
      })
      .returning({ id: agencyFiles.id });
    await audit(tx, ctx, {
      action: 'agency_file.upload',
      objectType: 'agency_file',
      objectId: record.id,
      details: { agencyFileKind: input.kind, sender: input.agency },
    });
    const jobId = await deps.jobs.enqueueInTx(tx, {
      kind: MATCH_AGENCY_FILE,
      payload: { agencyFileId: record.id, ip: ctx.ip },
      createdBy: actor.userId,
      idempotencyKey,
    });
    await tx.update(agencyFiles).set({ jobId }).where(eq(agencyFiles.id, record.id));
    return { jobId, agencyFileId: record.id };
  });
}

const isCsv = (name: string) => /\.csv$/i.test(name);

async function* lines(file: { name: string; content: Buffer }, kind: AgencyFileKind): AsyncGenerator<XlsxRow> {
  const headers = [...agencyFileHeaders[kind]];
  if (!isCsv(file.name)) {
    yield* readXlsxRows(file.content, headers);
    return;
  }
  for (const r of await readTable(file, headers)) {
    if (r.cells.every((c) => c === null)) continue;
    yield { rowNumber: r.rowNumber, cells: r.cells, numeric: r.cells.map(() => false) };
  }
}

/** A line as stored: outcome `pending` until the match, or `invalid` with the problems. */
interface Line {
  rowNumber: number;
  name: string;
  idNumberMasked: string;
  idNumberHash: string | null;
  data: Record<string, string | null>;
  outcome: 'pending' | 'invalid';
  problem: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | null, what: string, birthDate: string | null, today: string, problems: string[]): string | null {
  if (!value) {
    problems.push(`${what}为必填项`);
    return null;
  }
  const v = value
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '');
  const d = /^\d{4}-\d{1,2}-\d{1,2}$/.test(v) ? v.replace(/-(\d)(?=-|$)/g, '-0$1') : v;
  if (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
    problems.push(`${what}「${value}」不是有效日期（应为 YYYY-MM-DD）`);
    return null;
  }
  if (d > today) problems.push(`${what}不能晚于今天`);
  else if (birthDate && d < birthDate) problems.push(`${what}不能早于出生日期（${birthDate}）`);
  return d;
}

function checkLine(deps: Deps, kind: AgencyFileKind, row: XlsxRow, ctx: { today: string; allowed: Set<string>; known: Set<string> }): Line {
  const [rawName, rawId, ...rest] = row.cells;
  const problems: string[] = [];
  const checkedName = rawName ? checkPersonName(rawName) : null;
  if (!rawName) problems.push('姓名为必填项');
  else if (!checkedName!.ok) problems.push(checkedName!.message);
  let idNumber: string | null = null;
  let birthDate: string | null = null;
  if (!rawId) problems.push('公民身份号码为必填项');
  else if (idStoredAsNumber(rawId, row.numeric[1])) problems.push(ID_STORED_AS_NUMBER);
  else {
    const parsed = parseResidentId(rawId, { today: ctx.today });
    if (!parsed.ok) problems.push(`公民身份号码：${parsed.message}`);
    else {
      idNumber = parsed.idNumber;
      birthDate = parsed.birthDate;
    }
  }
  const data: Record<string, string | null> = {};
  if (kind === 'deaths') {
    const [diedOn, place, certificateNo, cremationNo] = rest;
    data.diedOn = checkDate(diedOn, '死亡日期', birthDate, ctx.today, problems);
    data.place = place?.slice(0, 200) ?? null;
    data.certificateNo = certificateNo?.slice(0, 50) ?? null;
    data.cremationNo = cremationNo?.slice(0, 50) ?? null;
  } else {
    const [direction, movedOn, toDivisionCode, place] = rest;
    const dir = direction === hukouDirections.in ? 'in' : direction === hukouDirections.out ? 'out' : null;
    if (!dir) problems.push(`变动类型应为“${hukouDirections.in}”或“${hukouDirections.out}”`);
    data.direction = dir;
    data.movedOn = checkDate(movedOn, '变动日期', birthDate, ctx.today, problems);
    data.place = place?.slice(0, 200) ?? null;
    if (!place) problems.push(dir === 'out' ? '请填写迁出去向' : '请填写迁入来源');
    if (dir === 'in') {
      if (!toDivisionCode) problems.push('迁入的，请填写迁入地区划代码（12 位村、社区代码）');
      else if (!ctx.known.has(toDivisionCode)) problems.push(`迁入地区划代码 ${toDivisionCode} 不存在（应为 12 位村、社区代码）`);
      else if (!ctx.allowed.has(toDivisionCode)) problems.push(`迁入地 ${toDivisionCode} 不在您的管辖范围内`);
      data.toDivisionCode = toDivisionCode;
    }
  }
  return {
    rowNumber: row.rowNumber,
    name: (checkedName?.ok ? checkedName.name : (rawName ?? '')).slice(0, 50),
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : rawId ? maskIdNumber(rawId) : '',
    idNumberHash: idNumber ? deps.cipher.lookupHash(idNumber) : null,
    data,
    outcome: problems.length ? 'invalid' : 'pending',
    problem: problems.length ? problems.join('；') : null,
  };
}

const BATCH = 5000;

/**
 * The match job: every line checked and COPYed in batches in one transaction, then classified by
 * one statement over the registry (the persons' ID hash index), the rest 未匹配, the counts kept.
 */
export function agencyFileMatchHandler(deps: Deps) {
  return async (job: JobContext): Promise<JobOutcome> => {
    const db = deps.database.db;
    const agencyFileId = Number(job.payload.agencyFileId);
    const actor = await actorForJob(deps, job.createdBy);
    const [record] = await db.select().from(agencyFiles).where(eq(agencyFiles.id, agencyFileId));
    if (!record) throw new AppError('NOT_FOUND', '比对名单已不存在');
    const [file] = await db.select().from(files).where(eq(files.id, record.fileId));
    const kind = record.kind as AgencyFileKind;
    const villages = await rows<{ code: string; inside: boolean }>(
      db,
      sql`select code, code like ${actor.divisionCode + '%'} as inside from divisions where level = 5 and valid_to is null`,
    );
    const checks = {
      today: shanghaiToday(),
      known: new Set(villages.map((v) => v.code)),
      allowed: new Set(villages.filter((v) => v.inside).map((v) => v.code)),
    };
    try {
      const counts = await deps.database.rawTransaction(async (tx) => {
        // A job run again after a crash starts the file over.
        await tx.query(`delete from agency_file_lines where agency_file_id = $1`, [agencyFileId]);
        // The lines as read, before the match writes each of them once into agency_file_lines.
        await tx.query(`create temp table agency_file_staging (row_number integer, name text, id_number_masked text, id_number_hash text,
          data jsonb, outcome text, problem text) on commit drop`);
        const seen = new Map<string, number>();
        let batch: Line[] = [];
        let total = 0;
        for await (const row of lines(file, kind)) {
          const line = checkLine(deps, kind, row, checks);
          if (line.idNumberHash) {
            const first = seen.get(line.idNumberHash);
            if (first) Object.assign(line, { outcome: 'invalid', problem: `公民身份号码与第 ${first} 行重复` });
            else seen.set(line.idNumberHash, line.rowNumber);
          }
          batch.push(line);
          total++;
          if (batch.length === BATCH) {
            await copyLines(tx, batch);
            batch = [];
            void job.progress(total, 0);
          }
        }
        await copyLines(tx, batch);
        if (total === 0) throw AppError.field('file', '表格中没有数据行');
        await classify(tx, agencyFileId, kind, actor.divisionCode);
        const counted = await countLines(tx, agencyFileId);
        await tx.query(`update agency_files set status = 'ready', counts = $2, error = null where id = $1`, [
          agencyFileId,
          JSON.stringify(counted),
        ]);
        await auditInRaw(
          tx,
          { actor, ip: String(job.payload.ip ?? '') },
          { action: 'agency_file.match', objectType: 'agency_file', objectId: agencyFileId, details: counted },
        );
        return counted;
      });
      await job.progress(counts.total, counts.total);
      return { status: 'succeeded', result: { agencyFileId, counts } };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await db.update(agencyFiles).set({ status: 'failed', error: err.message }).where(eq(agencyFiles.id, agencyFileId));
      return { status: 'failed', result: { agencyFileId }, error: err.message };
    }
  };
}

function copyLines(tx: RawTx, batch: Line[]): Promise<void> {
  if (!batch.length) return Promise.resolve();
  return tx.copyRows(
    'agency_file_staging',
    ['row_number', 'name', 'id_number_masked', 'id_number_hash', 'data', 'outcome', 'problem'],
    batch.map((l) => [l.rowNumber, l.name, l.idNumberMasked, l.idNumberHash, JSON.stringify(l.data), l.outcome, l.problem]),
  );
}

/**
 * One statement per file: the lines joined to the persons inside the jurisdiction on the ID hash,
 * each written once with what the registry says against it; a line nobody matched is 未匹配 (a person
 * outside the jurisdiction is not told apart from one the registry does not have).
 */
async function classify(tx: RawTx, agencyFileId: number, kind: AgencyFileKind, within: string): Promise<void> {
  const nameDiffers = `p.name <> l.name`;
  const matchedOutcome =
    kind === 'deaths'
      ? `case when p.died_on = (l.data->>'diedOn')::date then 'duplicate' when p.died_on is not null or ${nameDiffers} then 'conflict'
           else 'matched' end`
      : `case when p.died_on is not null then 'conflict'
           when l.data->>'direction' = 'out' and p.moved_out_on is not null then 'duplicate'
           when l.data->>'direction' = 'in' and p.moved_out_on is null and p.hukou_division_code = l.data->>'toDivisionCode'
             then 'duplicate'
           when ${nameDiffers} then 'conflict' else 'matched' end`;
  const matchedProblem =
    kind === 'deaths'
      ? `case when p.died_on = (l.data->>'diedOn')::date then '人口库已于 ' || p.died_on || ' 登记死亡'
           when p.died_on is not null then '人口库登记的死亡日期为 ' || p.died_on || '，与名单不一致；如人口库登记有误，请先在人员页撤销原死亡登记'
           when ${nameDiffers} then '姓名不一致：人口库为「' || p.name || '」' end`
      : `case when p.died_on is not null then '该人员已于 ' || p.died_on || ' 登记死亡'
           when l.data->>'direction' = 'out' and p.moved_out_on is not null then '人口库已登记于 ' || p.moved_out_on || ' 迁出'
           when l.data->>'direction' = 'in' and p.moved_out_on is null and p.hukou_division_code = l.data->>'toDivisionCode'
             then '户籍已在迁入地'
           when ${nameDiffers} then '姓名不一致：人口库为「' || p.name || '」' end`;
  await tx.query(
    `insert into agency_file_lines (agency_file_id, row_number, name, id_number_masked, id_number_hash, data, person_id, outcome, problem,
        conflict)
      select $1, l.row_number, l.name, l.id_number_masked, l.id_number_hash, l.data, p.id,
        case when l.outcome = 'invalid' then 'invalid' when p.id is null then 'unmatched' else ${matchedOutcome} end,
        case when l.outcome = 'invalid' then l.problem when p.id is null then '人口库中没有该公民身份号码的人员（或不在您的管辖范围内）'
          else ${matchedProblem} end,
        case when p.id is not null and p.died_on is null and ${nameDiffers}
          and (${matchedOutcome}) = 'conflict' then 'name_differs' end
      from agency_file_staging l
      left join persons p on l.outcome = 'pending' and p.id_number_hash = l.id_number_hash and p.hukou_division_code like $2
      order by l.row_number`,
    [agencyFileId, `${within}%`],
  );
}

const ZERO: AgencyFileCounts = { total: 0, matched: 0, conflict: 0, unmatched: 0, duplicate: 0, invalid: 0, applied: 0, dismissed: 0 };

export async function countLines(tx: RawTx | Db, agencyFileId: number): Promise<AgencyFileCounts> {
  const found =
    'copyRows' in tx
      ? await tx.query<{ outcome: string; n: number }>(
          `select outcome, count(*)::int as n from agency_file_lines where agency_file_id = $1 group by outcome`,
          [agencyFileId],
        )
      : await rows<{ outcome: string; n: number }>(
          tx,
          sql`select outcome, count(*)::int as n from agency_file_lines where agency_file_id = ${agencyFileId} group by outcome`,
        );
  const counts = { ...ZERO };
  for (const f of found) {
    (counts as Record<string, number>)[f.outcome] = f.n;
    counts.total += f.n;
  }
  return counts;
}
