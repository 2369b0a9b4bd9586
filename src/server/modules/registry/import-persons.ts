/**
 * Roster import (V4): every row is validated first; either all rows load, in one transaction with
 * its audit row, or none do and the user gets an .xlsx of the rows with their errors (and the first
 * of them in the job's result, for the page). The mode is the user's choice: `create` only adds new
 * persons, `update` only updates registered ones — never silently both. The roster is the
 * template's .xlsx, or a CSV (UTF-8) with the same columns.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { JobContext, JobOutcome } from '../../platform/jobs/runner.js';
import { requireActor, withinDivision } from '../../platform/access/scope.js';
import { rows, type RawTx } from '../../platform/db/index.js';
import { actorForJob } from '../../platform/jobs/actor.js';
import { files } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { auditInRaw } from '../../platform/audit/audit.js';
import { readTable, readXlsxRows, writeXlsx, XLSX_MIME, type Cell, type XlsxRow } from '../../platform/xlsx.js';
import { codeByName, disabilityTypes, hukouTypes } from '../../../shared/registry-codes.js';
import { checkPersonName } from '../../../shared/validation/person-name.js';
import { checkPerson, encryptPerson, type PersonColumns, type PersonInput } from './person-fields.js';
import { newPlatformId } from './persons.js';
import { disabilityGrades, rosterHeaders } from './roster.js';
import { ID_STORED_AS_NUMBER, idStoredAsNumber } from './id-as-number.js';
import type { ImportMode } from '../../../shared/registry/imports.js';
import { eq } from 'drizzle-orm';

export const IMPORT_PERSONS = 'registry.import_persons';

/** Stores the upload and queues the job; the same idempotency key returns the same job (F3). */
export async function submitPersonImport(
  deps: Deps,
  ctx: Ctx,
  upload: { name: string; content: Buffer },
  mode: ImportMode,
  idempotencyKey: string | null,
): Promise<{ jobId: number }> {
  const actor = requireActor(ctx.actor);
  if (upload.content.length === 0) throw AppError.field('file', '请选择要导入的文件');
  // A file that is not a workbook, or has the wrong columns, is a 400 at once, not a failed job.
  for await (const first of rosterRows(upload)) {
    void first;
    break;
  }
  const mime = isCsv(upload.name) ? 'text/csv' : XLSX_MIME;
  const [file] = await deps.database.db
    .insert(files)
    .values({ name: upload.name, mime, content: upload.content, createdBy: actor.userId })
    .returning({ id: files.id });
  const jobId = await deps.jobs.enqueue({
    kind: IMPORT_PERSONS,
    payload: { fileId: file.id, mode, ip: ctx.ip },
    createdBy: actor.userId,
    idempotencyKey,
  });
  return { jobId };
}

const isCsv = (name: string) => /\.csv$/i.test(name);

/** The roster's data rows, from the template's .xlsx (streamed) or a CSV (a CSV has no numeric cells). */
async function* rosterRows(file: { name: string; content: Buffer }): AsyncGenerator<XlsxRow> {
  if (!isCsv(file.name)) {
    yield* readXlsxRows(file.content, [...rosterHeaders]);
    return;
  }
  for (const r of await readTable(file, rosterHeaders)) {
    if (r.cells.every((c) => c === null)) continue;
    yield { rowNumber: r.rowNumber, cells: r.cells, numeric: r.cells.map(() => false) };
  }
}

/** How many row errors the job's result carries for the page (all of them are in the report). */
export const ROW_ERRORS_SHOWN = 100;

interface Parsed {
  rowNumber: number;
  cells: Cell[];
  errors: string[];
  input?: PersonInput;
  checked?: ReturnType<typeof checkPerson>;
}

const BATCH = 5000;

/** Thrown inside the load transaction so it rolls back: the rows with errors, for the report. */
class Rejected extends Error {
  constructor(
    readonly bad: Parsed[],
    readonly total: number,
  ) {
    super('rejected');
  }
}

/**
 * One pass, pipelined: rows are read and validated in batches; while no row has failed, each
 * batch is checked against the registry and COPYed inside one transaction (encrypted as COPY
 * consumes it), so PostgreSQL writes batch k while Node reads batch k+1. The first bad row stops
 * the writing; the rest is still validated for the report, and the transaction rolls back.
 */
export function personImportHandler(deps: Deps) {
  return async (job: JobContext): Promise<JobOutcome> => {
    const db = deps.database.db;
    const mode = job.payload.mode as ImportMode;
    const actor = await actorForJob(deps, job.createdBy);
    const [file] = await db
      .select()
      .from(files)
      .where(eq(files.id, Number(job.payload.fileId)));
    if (!file) throw new AppError('NOT_FOUND', '导入文件已不存在');
    const allowed = new Set(
      (
        await rows<{ code: string }>(
          db,
          sql`select code from divisions where level = 5 and valid_to is null and ${withinDivision(sql`code`, actor.divisionCode)}`,
        )
      ).map((r) => r.code),
    );
    const known = new Set(
      (await rows<{ code: string }>(db, sql`select code from divisions where level = 5 and valid_to is null`)).map((r) => r.code),
    );

    try {
      const total = await deps.database.rawTransaction(async (tx) => {
        if (mode === 'update') {
          await tx.query(`create temp table import_update (id_number_hash text, name text, phone_enc text, phone_hash text,
            hukou_division_code text,
            residence_division_code text, hukou_type text, disability_type text, disability_grade smallint, health_notes_enc text) on
              commit drop`);
        }
        const bad: Parsed[] = [];
        const seen = new Map<string, number>();
        let batch: Parsed[] = [];
        let writing: Promise<void> = Promise.resolve();
        let count = 0;

        // Each full batch is encrypted, then checked against the registry and COPYed in order on
        // `writing`, while the next batch is read (PostgreSQL works on the other core).
        const flush = () => {
          const current = batch;
          batch = [];
          const valid = current.filter((p) => !p.errors.length);
          const columns = valid.map((p) => encryptPerson(deps.cipher, p.input!, p.checked!));
          writing = writing.then(async () => {
            const existing = await existingByHash(
              tx,
              actor,
              columns.map((c) => c.idNumberHash).filter((h): h is string => h !== null),
            );
            valid.forEach((p, i) => {
              const h = columns[i].idNumberHash;
              const found = h ? existing.get(h) : undefined;
              if (mode === 'create' && found) p.errors.push('该身份证号已在人口库中登记；如需修改已登记人员，请选择“更新”模式');
              if (mode === 'update' && h && !found)
                p.errors.push('人口库中没有该身份证号的人员（或不在您的管辖范围内）；新增人员请选择“新增”模式');
              if (mode === 'update' && found && !found.inScope) p.errors.push('该人员不在您的管辖范围内');
            });
            bad.push(...current.filter((p) => p.errors.length));
            // After the first bad row nothing more is written: the transaction will roll back.
            if (!bad.length) await writeBatch(tx, mode, columns);
          });
          writing.catch(() => {}); // awaited after the last batch; not an unhandled rejection meanwhile
          void job.progress(count, 0);
        };

        for await (const { rowNumber, cells, numeric } of rosterRows(file)) {
          const p = validateRow(rowNumber, cells, numeric, allowed, known);
          if (p.checked?.idNumber) {
            const first = seen.get(p.checked.idNumber);
            if (first) p.errors.push(`身份证号与第 ${first} 行重复`);
            else seen.set(p.checked.idNumber, rowNumber);
          }
          batch.push(p);
          count++;
          if (batch.length === BATCH) flush();
        }
        flush();
        await writing;
        if (count === 0) throw AppError.field('file', '表格中没有数据行');
        if (bad.length) throw new Rejected(bad, count);
        if (mode === 'update') {
          await tx.query(`update persons p set name = u.name, phone_enc = u.phone_enc, phone_hash = u.phone_hash,
              hukou_division_code = u.hukou_division_code, residence_division_code = u.residence_division_code, hukou_type = u.hukou_type,
              disability_type = u.disability_type, disability_grade = u.disability_grade,
              health_notes_enc = coalesce(u.health_notes_enc, p.health_notes_enc), version = p.version + 1, updated_at = now()
            from import_update u where p.id_number_hash = u.id_number_hash`);
        }
        await auditInRaw(
          tx,
          { actor, ip: String(job.payload.ip ?? '') },
          {
            action: mode === 'create' ? 'person.import_create' : 'person.import_update',
            objectType: 'person',
            details: { jobId: job.id, rows: count },
          },
        );
        return count;
      });
      await job.progress(total, total);
      return {
        status: 'succeeded',
        result: { created: mode === 'create' ? total : 0, updated: mode === 'update' ? total : 0, total, errorCount: 0, errorFileId: null },
      };
    } catch (err) {
      if (!(err instanceof Rejected)) throw err;
      const report = await writeXlsx(
        '错误报告',
        [
          { header: '行号', value: (p: Parsed) => p.rowNumber },
          ...rosterHeaders.map((h, i) => ({ header: h, value: (p: Parsed) => p.cells[i] })),
          { header: '错误', width: 60, value: (p: Parsed) => p.errors.join('；') },
        ],
        err.bad,
      );
      const [ef] = await db
        .insert(files)
        .values({ name: `导入错误报告-${job.id}.xlsx`, mime: XLSX_MIME, content: report, createdBy: job.createdBy })
        .returning({ id: files.id });
      return {
        status: 'failed',
        result: {
          created: 0,
          updated: 0,
          total: err.total,
          errorCount: err.bad.length,
          errorFileId: ef.id,
          rowErrors: err.bad.slice(0, ROW_ERRORS_SHOWN).map((p) => ({ row: p.rowNumber, message: p.errors.join('；') })),
        },
        error: `共 ${err.total} 行，其中 ${err.bad.length} 行有错误，未导入任何数据。请下载错误报告修改后重新导入。`,
      };
    }
  };
}

/** COPYs one encrypted batch. */
function writeBatch(tx: RawTx, mode: ImportMode, columns: PersonColumns[]): Promise<void> {
  if (mode === 'create') {
    return tx.copyRows(
      'persons',
      [
        'platform_id',
        'name',
        'sex',
        'birth_date',
        'id_number_enc',
        'id_number_hash',
        'phone_enc',
        'phone_hash',
        'hukou_division_code',
        'residence_division_code',
        'hukou_type',
        'disability_type',
        'disability_grade',
        'health_notes_enc',
      ],
      columns.map((c) => [
        newPlatformId('P'),
        c.name,
        c.sex,
        c.birthDate,
        c.idNumberEnc,
        c.idNumberHash,
        c.phoneEnc,
        c.phoneHash,
        c.hukouDivisionCode,
        c.residenceDivisionCode,
        c.hukouType,
        c.disabilityType,
        c.disabilityGrade,
        c.healthNotesEnc,
      ]),
    );
  }
  return tx.copyRows(
    'import_update',
    [
      'id_number_hash',
      'name',
      'phone_enc',
      'phone_hash',
      'hukou_division_code',
      'residence_division_code',
      'hukou_type',
      'disability_type',
      'disability_grade',
      'health_notes_enc',
    ],
    columns.map((c) => [
      c.idNumberHash,
      c.name,
      c.phoneEnc,
      c.phoneHash,
      c.hukouDivisionCode,
      c.residenceDivisionCode,
      c.hukouType,
      c.disabilityType,
      c.disabilityGrade,
      c.healthNotesEnc,
    ]),
  );
}

function validateRow(rowNumber: number, cells: Cell[], numeric: boolean[], allowed: Set<string>, known: Set<string>): Parsed {
  const [rawName, idNumber, phone, hukou, hukouTypeName, disabilityName, grade, residence, health] = cells;
  const errors: string[] = [];
  // The registry's one name rule (invisible characters refused, middle dots unified), as in the form.
  const checkedName = rawName ? checkPersonName(rawName) : null;
  const name = checkedName?.ok ? checkedName.name : null;
  if (!rawName) errors.push('姓名为必填项');
  else if (!checkedName!.ok) errors.push(checkedName!.message);
  else if (name!.length > 50) errors.push('姓名最多 50 个字');
  if (!idNumber) errors.push('身份证号为必填项');
  else if (idStoredAsNumber(idNumber, numeric[1])) errors.push(ID_STORED_AS_NUMBER);
  const hukouType = hukouTypeName ? codeByName(hukouTypes, hukouTypeName) : undefined;
  if (!hukouTypeName) errors.push('城乡类别为必填项，请填写“城镇”或“农村”');
  else if (!hukouType) errors.push('城乡类别应为“城镇”或“农村”');
  if (!hukou) errors.push('户籍区划代码为必填项');
  else if (!known.has(hukou)) errors.push(`户籍区划代码 ${hukou} 不存在（应为 12 位村、社区代码）`);
  else if (!allowed.has(hukou)) errors.push(`户籍区划 ${hukou} 不在您的管辖范围内`);
  if (residence && !known.has(residence)) errors.push(`现居住区划代码 ${residence} 不存在`);
  const disabilityType = disabilityName ? codeByName(disabilityTypes, disabilityName) : undefined;
  if (disabilityName && !disabilityType) errors.push(`残疾类别应为：${Object.values(disabilityTypes).join('、')}`);
  const disabilityGrade = grade ? Number(grade) : null;
  if (grade && !(Number.isInteger(disabilityGrade) && disabilityGrade! >= 1 && disabilityGrade! <= 4))
    errors.push(`残疾等级应为 ${disabilityGrades.join('、')} 之一`);
  if (disabilityName && !grade) errors.push('填写了残疾类别，请同时填写残疾等级（1–4）；无残疾则两列都留空');
  if (grade && !disabilityName) errors.push('填写了残疾等级，请同时填写残疾类别；无残疾则两列都留空');
  if (health && health.length > 2000) errors.push('健康状况最多 2000 字');
  if (errors.length || !name || !hukou || !hukouType) return { rowNumber, cells, errors };
  const input: PersonInput = {
    name,
    idNumber,
    phone,
    hukouDivisionCode: hukou,
    residenceDivisionCode: residence,
    hukouType: hukouType as 'urban' | 'rural',
    disabilityType: (disabilityType as PersonInput['disabilityType']) ?? null,
    disabilityGrade,
    healthNotes: health,
  };
  const checked = checkPerson(input);
  errors.push(...checked.errors.map((e) => e.message));
  return { rowNumber, cells, errors, input, checked };
}

async function existingByHash(tx: RawTx, actor: Actor, hashes: string[]): Promise<Map<string, { inScope: boolean }>> {
  const out = new Map<string, { inScope: boolean }>();
  if (!hashes.length) return out;
  const found = await tx.query<{ h: string; in_scope: boolean }>(
    `select id_number_hash as h, hukou_division_code like $1 as in_scope from persons where id_number_hash = any($2::text[])`,
    [actor.divisionCode + '%', hashes],
  );
  for (const f of found) out.set(f.h, { inScope: f.in_scope });
  return out;
}
