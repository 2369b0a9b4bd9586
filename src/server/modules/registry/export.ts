/** Exports of filtered lists (the same filter as the list on screen), masked, one audit row each. */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withinDivision } from '../../platform/access/scope.js';
import { audit, redactFilter } from '../../platform/audit/audit.js';
import { rows } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { writeXlsx, writeXlsxTemplate } from '../../platform/xlsx.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { disabilityTypes, hukouTypes, relations, sexes } from '../../../shared/registry-codes.js';
import { personColumns, toPersonRow, type PersonDbRow, type PersonRow } from './person-row.js';
import { personFilterWhere } from './search-persons.js';
import type { PersonFilter } from '../../../shared/registry/persons.js';
import { householdColumns, householdFilterWhere, toHouseholdRow } from './households.js';
import { DIVISION_SHEET, rosterHelp, rosterTemplateColumns, TEMPLATE_ROWS } from './roster.js';
import { villageKind, villageKindNames } from '../../../shared/divisions.js';

const EXPORT_LIMIT = 200_000;

export async function exportPersons(deps: Deps, ctx: Ctx, filter: PersonFilter): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const found = await rows<PersonDbRow>(
    db,
    sql`select ${personColumns} from persons where ${personFilterWhere(deps, actor, filter)} order by persons.hukou_division_code,
      persons.id limit ${EXPORT_LIMIT + 1}`,
  );
  if (found.length > EXPORT_LIMIT) throw AppError.field('filter', `一次最多导出 ${EXPORT_LIMIT} 条，请缩小筛选范围`);
  await audit(db, ctx, {
    action: 'person.export',
    objectType: 'person',
    details: { filter: redactFilter(filter, ['idNumber']), count: found.length },
  });
  const view = new FieldView(deps, ctx);
  const people = found.map((r) => toPersonRow(view, r));
  return writeXlsx<PersonRow>(
    '人员名单',
    [
      { header: '平台编号', value: (p) => p.platformId },
      { header: '姓名', value: (p) => p.name },
      { header: '性别', value: (p) => (p.sex ? sexes[p.sex] : null) },
      { header: '出生日期', value: (p) => p.birthDate },
      { header: '身份证号', width: 22, value: (p) => p.idNumberMasked ?? (p.noIdReason ? `无（${p.noIdReason}）` : null) },
      { header: '联系电话', value: (p) => p.phoneMasked },
      { header: '户籍区划代码', width: 16, value: (p) => p.hukouDivisionCode },
      { header: '户籍地', width: 36, value: (p) => p.hukouDivisionName },
      { header: '城乡类别', value: (p) => hukouTypes[p.hukouType] },
      {
        header: '残疾类别',
        value: (p) => (p.disabilityType ? (disabilityTypes[p.disabilityType as keyof typeof disabilityTypes] ?? p.disabilityType) : null),
      },
      { header: '残疾等级', value: (p) => p.disabilityGrade },
      { header: '与户主关系', value: (p) => (p.relation ? (relations[p.relation as keyof typeof relations] ?? p.relation) : null) },
    ],
    people,
  );
}

export async function exportHouseholds(deps: Deps, ctx: Ctx, filter: Parameters<typeof householdFilterWhere>[2]): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const found = await rows<Parameters<typeof toHouseholdRow>[0]>(
    db,
    sql`select ${householdColumns} from households where ${householdFilterWhere(deps, actor, filter)} order by households.division_code,
      households.id limit ${EXPORT_LIMIT + 1}`,
  );
  if (found.length > EXPORT_LIMIT) throw AppError.field('filter', `一次最多导出 ${EXPORT_LIMIT} 条，请缩小筛选范围`);
  await audit(db, ctx, {
    action: 'household.export',
    objectType: 'household',
    details: { filter: redactFilter(filter, ['idNumber']), count: found.length },
  });
  return writeXlsx(
    '家庭名单',
    [
      { header: '户编号', value: (h: ReturnType<typeof toHouseholdRow>) => h.householdNo },
      { header: '户主', value: (h) => h.headName },
      { header: '人数', value: (h) => h.memberCount },
      { header: '区划代码', width: 16, value: (h) => h.divisionCode },
      { header: '所在地', width: 36, value: (h) => h.divisionName },
      { header: '住址', width: 40, value: (h) => h.address },
    ],
    found.map(toHouseholdRow),
  );
}

/**
 * The import template: the header row only (the import reads row 1 as headers) with the ID column
 * as text and dropdowns for the code lists, a sheet of the villages and communities the user may
 * register in (their jurisdiction only), and a notes sheet.
 */
export async function rosterTemplate(deps: Deps, ctx: Ctx): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const villages = await rows<{ code: string; name: string; full_name: string }>(
    deps.database.db,
    sql`select code, name, full_name from divisions
      where level = 5 and valid_to is null and ${withinDivision(sql`code`, actor.divisionCode)}
      order by code`,
  );
  type Village = (typeof villages)[number];
  return writeXlsxTemplate('人员花名册', rosterTemplateColumns, {
    rows: TEMPLATE_ROWS,
    sheets: [
      {
        name: DIVISION_SHEET,
        columns: [
          { header: '区划代码', width: 16, value: (v: Village) => v.code },
          { header: '名称', width: 30, value: (v: Village) => v.name },
          {
            header: '类型',
            width: 14,
            value: (v: Village) => {
              const k = villageKind(v.code, v.name);
              return k ? villageKindNames[k] : null;
            },
          },
          { header: '完整名称', width: 56, value: (v: Village) => v.full_name },
        ],
        rows: villages,
      },
    ],
    notes: {
      name: '填写说明',
      lines: ['请在“人员花名册”工作表第 2 行起填写，不要修改第 1 行表头。', ...rosterHelp],
    },
  });
}
