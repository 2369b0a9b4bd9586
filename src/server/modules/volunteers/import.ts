/**
 * 花名册导入: staff register walk-ins from a roster (the template's .xlsx; docs/rules.md "Volunteers
 * (志愿服务)"). Each row names a registry person by ID number, found inside the user's registry scope, and
 * is held to the rules of a walk-in registration (age, death, hukou moved out, already 在册, the residence
 * a village or community of the user's jurisdiction); a minor of 14–18 is not imported, since the
 * guardian's consent is recorded by staff who saw it at a window. Every row is checked first: when any
 * fails, none is registered and the answer lists every bad row (第 N 行：…); else all are, in one
 * transaction, with source `import`, each record's history entry and one audit row for the import.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { inJurisdiction, requirePermission, withinDivision } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { readXlsxRows, writeXlsxTemplate, type Cell, type TemplateColumn } from '../../platform/xlsx.js';
import { personsView } from '../registry/read.js';
import { shanghaiToday, yearsOld } from '../../../shared/dates.js';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import {
  ageRuleOf,
  availableTimes,
  IMPORT_MAX_ROWS,
  importHeaders,
  serviceCategories,
  VOLUNTEER_ADULT_AGE,
  type AvailableTime,
  type ServiceCategory,
} from '../../../shared/volunteers/codes.js';
import type { ImportAnswer } from '../../../shared/volunteers/volunteers.js';
import { factsOf, refusalOf, registerInTx } from './register.js';
import { volunteers } from './schema.js';

const DIVISION_SHEET = '村（社区）代码';
/** Data rows of the template that carry the text format (the import itself takes up to IMPORT_MAX_ROWS). */
const TEMPLATE_ROWS = IMPORT_MAX_ROWS;
const SEPARATORS = /[、，,;；\s]+/;

export const NOT_IN_REGISTRY = '人口库中没有该身份证号的人员，请先在人口库登记';
export const MINOR_NOT_IMPORTED = `未满 ${VOLUNTEER_ADULT_AGE} 周岁须经监护人同意，不能通过花名册导入：请由监护人陪同到窗口登记`;

const templateColumns: TemplateColumn[] = importHeaders.map((header) => {
  switch (header) {
    case '身份证号':
      return { header, width: 22, text: true };
    case '居住村（社区）代码':
      return { header, width: 20, text: true };
    default:
      return { header, width: 24 };
  }
});

const help = [
  `请在“志愿者花名册”工作表第 2 行起填写，不要修改第 1 行表头；每次最多 ${IMPORT_MAX_ROWS} 行。`,
  '身份证号：必填，18 位，须为人口库中已登记、在您管辖范围内的人员。本列已设为“文本”格式，请勿改为“常规”或“数值”',
  `服务类别：必填，可填多项，用“、”分隔：${Object.values(serviceCategories).join('、')}`,
  `可服务时间：必填，可填多项，用“、”分隔：${Object.values(availableTimes).join('、')}`,
  '技能：可空，多项用“、”分隔，最多 10 项，每项最多 20 个字',
  `居住村（社区）代码：必填，12 位村（社区）统计代码，须在您的管辖范围内；可用的代码见“${DIVISION_SHEET}”工作表`,
  `未满 ${VOLUNTEER_ADULT_AGE} 周岁的人员须由监护人陪同到窗口登记，不能导入；已去世、户口已迁出本市或已是在册志愿者的人员不能导入。`,
  '任何一行有错误时，整个花名册都不会导入：请按提示修改后重新导入。',
];

/** GET /api/volunteers/import-template: the roster's header row, the villages and communities of the user's jurisdiction, the notes. */
export async function importTemplate(deps: Deps, ctx: Ctx): Promise<Buffer> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  const villages = await rows<{ code: string; full_name: string }>(
    deps.database.db,
    sql`select code, full_name from divisions where level = 5 and valid_to is null and ${withinDivision(sql`code`, actor.divisionCode)}
      order by code`,
  );
  type Village = (typeof villages)[number];
  return writeXlsxTemplate('志愿者花名册', templateColumns, {
    rows: TEMPLATE_ROWS,
    sheets: [
      {
        name: DIVISION_SHEET,
        columns: [
          { header: '区划代码', width: 16, value: (v: Village) => v.code },
          { header: '完整名称', width: 56, value: (v: Village) => v.full_name },
        ],
        rows: villages,
      },
    ],
    notes: { name: '填写说明', lines: help },
  });
}

interface Parsed {
  row: number;
  errors: string[];
  idNumber?: string;
  personId?: number;
  categories: ServiceCategory[];
  availableTimes: AvailableTime[];
  skills: string[];
  divisionCode: string | null;
}

const listOf = (cell: Cell): string[] => (cell ?? '').split(SEPARATORS).filter(Boolean);

function codesOf<T extends string>(names: Record<T, string>, cell: Cell, what: string, errors: string[]): T[] {
  const given = listOf(cell);
  const byName = new Map(Object.entries(names).map(([code, name]) => [name as string, code as T]));
  if (!given.length) {
    errors.push(`${what}为必填项`);
    return [];
  }
  const unknown = given.filter((n) => !byName.has(n));
  if (unknown.length) errors.push(`${what}「${unknown.join('、')}」不存在，应为：${Object.values(names).join('、')}`);
  const codes = given.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
  if (new Set(codes).size !== codes.length) errors.push(`${what}不能重复`);
  return codes;
}

/** A row's own checks (the cells alone). */
function parseRow(row: number, cells: Cell[], numeric: boolean[]): Parsed {
  const [idCell, categoryCell, timeCell, skillCell, divisionCell] = cells;
  const errors: string[] = [];
  let idNumber: string | undefined;
  if (!idCell) errors.push('身份证号为必填项');
  else if (numeric[0] && Math.abs(Number(idCell)) >= 1e15) errors.push('身份证号被保存为数字，末几位已丢失，请将该列设为文本后重新填写');
  else {
    const parsed = parseResidentId(idCell);
    if (parsed.ok) idNumber = parsed.idNumber;
    else errors.push(`身份证号${parsed.message}`);
  }
  const categories = codesOf(serviceCategories, categoryCell, '服务类别', errors);
  const times = codesOf(availableTimes, timeCell, '可服务时间', errors);
  const skills = listOf(skillCell);
  if (skills.length > 10) errors.push('技能最多填写 10 项');
  if (skills.some((s) => s.length > 20)) errors.push('每项技能最多 20 个字');
  const divisionCode = divisionCell && /^\d{12}$/.test(divisionCell) ? divisionCell : null;
  if (!divisionCell) errors.push('居住村（社区）代码为必填项');
  else if (!divisionCode) errors.push(`居住村（社区）代码 ${divisionCell} 应为 12 位数字`);
  return { row, errors, idNumber, categories, availableTimes: times, skills, divisionCode };
}

/** Thrown inside the transaction so it rolls back: the rows that failed while registering. */
class Rejected extends Error {
  constructor(readonly bad: Parsed[]) {
    super('rejected');
  }
}

const answerOf = (total: number, bad: Parsed[]): ImportAnswer => ({
  total,
  registered: 0,
  errors: bad.map((p) => ({ row: p.row, message: `第 ${p.row} 行：${p.errors.join('；')}` })),
});

/** POST /api/volunteers/import. */
export async function importVolunteers(deps: Deps, ctx: Ctx, upload: { name: string; content: Buffer }): Promise<ImportAnswer> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  if (upload.content.length === 0) throw AppError.field('file', '请选择要导入的文件');
  const parsed: Parsed[] = [];
  for await (const { rowNumber, cells, numeric } of readXlsxRows(upload.content, [...importHeaders])) {
    if (parsed.length === IMPORT_MAX_ROWS) throw AppError.field('file', `每次最多导入 ${IMPORT_MAX_ROWS} 行，请分批导入`);
    parsed.push(parseRow(rowNumber, cells, numeric));
  }
  if (!parsed.length) throw AppError.field('file', '表格中没有数据行');
  const db = deps.database.db;
  await checkAgainstRecords(deps, db, actor, parsed);
  const bad = parsed.filter((p) => p.errors.length);
  if (bad.length) return answerOf(parsed.length, bad);
  try {
    return await db.transaction(async (tx) => {
      const failed: Parsed[] = [];
      for (const p of parsed) {
        try {
          await registerInTx(
            tx,
            ctx,
            actor,
            {
              personId: p.personId!,
              skills: p.skills,
              categories: p.categories,
              availableTimes: p.availableTimes,
              divisionCode: p.divisionCode!,
              source: 'import',
            },
            { audited: false },
          );
        } catch (err) {
          // A row changed since it was checked (registered meanwhile): reported as any bad row.
          if (!(err instanceof AppError)) throw err;
          p.errors.push(err.message);
          failed.push(p);
        }
      }
      if (failed.length) throw new Rejected(failed);
      await audit(tx, ctx, {
        action: 'volunteer.import',
        objectType: 'volunteer',
        details: { rows: parsed.length },
      });
      return { total: parsed.length, registered: parsed.length, errors: [] };
    });
  } catch (err) {
    if (err instanceof Rejected) return answerOf(parsed.length, err.bad);
    throw err;
  }
}

/** The checks against the registry and the records: the person in scope, the walk-in rules, duplicates, the residence. */
async function checkAgainstRecords(deps: Deps, db: Db, actor: Actor, parsed: Parsed[]): Promise<void> {
  const today = shanghaiToday();
  const seen = new Map<string, number>();
  for (const p of parsed) {
    if (!p.idNumber) continue;
    const first = seen.get(p.idNumber);
    if (first) p.errors.push(`身份证号与第 ${first} 行重复`);
    else seen.set(p.idNumber, p.row);
  }
  const hashes = [...seen.keys()].map((id) => deps.cipher.lookupHash(id));
  const found = hashes.length
    ? await rows<{ id: number | string; h: string }>(
        db,
        sql`select p.id, p.id_number_hash as h from ${personsView} p
          where p.id_number_hash in (select jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb))`,
      )
    : [];
  const byHash = new Map(found.map((f) => [f.h, Number(f.id)]));
  const codes = [...new Set(parsed.flatMap((p) => (p.divisionCode ? [p.divisionCode] : [])))];
  const villages = new Set(
    codes.length
      ? (
          await rows<{ code: string }>(
            db,
            sql`select code from divisions where level = 5 and valid_to is null
              and code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
          )
        ).map((d) => d.code)
      : [],
  );
  const personIds = [...byHash.values()];
  const existing = new Map(
    personIds.length
      ? (
          await rows<{ person_id: number | string; volunteer_no: string; status: string }>(
            db,
            sql`select person_id, volunteer_no, status from ${volunteers}
              where person_id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::bigint)`,
          )
        ).map((v) => [Number(v.person_id), v])
      : [],
  );
  for (const p of parsed) {
    if (p.divisionCode && !villages.has(p.divisionCode))
      p.errors.push(`居住村（社区）代码 ${p.divisionCode} 不存在（应为 12 位村、社区代码）`);
    else if (p.divisionCode && !inJurisdiction(actor, p.divisionCode)) p.errors.push(`居住村（社区）${p.divisionCode} 不在您的管辖范围内`);
    if (!p.idNumber || p.errors.some((e) => e.startsWith('身份证号与第'))) continue;
    const personId = byHash.get(deps.cipher.lookupHash(p.idNumber));
    // Outside the user's registry scope is the same answer as missing (the person is not disclosed).
    const facts = personId ? await factsOf(db, actor, personId).catch((e) => (e instanceof AppError ? null : Promise.reject(e))) : null;
    if (!personId || !facts) {
      p.errors.push(NOT_IN_REGISTRY);
      continue;
    }
    p.personId = personId;
    const refusal = refusalOf(facts, today);
    if (refusal) p.errors.push(refusal);
    else if (ageRuleOf(yearsOld(facts.birth_date!, today)) === 'guardian_consent') p.errors.push(MINOR_NOT_IMPORTED);
    const v = existing.get(personId);
    if (v?.status === 'registered') p.errors.push(`该人员已是在册志愿者（志愿者编号 ${v.volunteer_no}），请勿重复注册`);
  }
}
