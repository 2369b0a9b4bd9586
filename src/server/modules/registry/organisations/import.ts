/**
 * Importing organisations from the .xlsx template: every row is checked first and the errors listed by
 * row in Chinese; only a file without errors is written, all of it in one transaction (nothing
 * half-written). A parent is named by its credit code or platform number: registered already, or a
 * row above in the same file.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { inJurisdiction, requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { divisions, organisations } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { readXlsxRows, writeXlsxTemplate } from '../../../platform/xlsx.js';
import { codeByName } from '../../../../shared/registry-codes.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import {
  organisationLegalTypes,
  organisationRoleKinds,
  platformNumberOf,
  reportingPartnerKinds,
} from '../../../../shared/registry/organisation-codes.js';
import {
  addOrganisationRoleInput,
  organisationImportHeaders,
  organisationInput,
  type OrganisationImportAnswer,
} from '../../../../shared/registry/organisations.js';
import { organisationRoles } from './schema.js';
import { CREDIT_CODE_TAKEN, organisationScope, recordOrganisationEvents, refuseVillageCommittee } from './rows.js';

const MAX_ROWS = 2000;

export async function organisationTemplate(): Promise<Buffer> {
  return writeXlsxTemplate(
    '组织名单',
    [
      { header: organisationImportHeaders[0], width: 32 },
      { header: organisationImportHeaders[1], width: 22, text: true },
      { header: organisationImportHeaders[2], width: 24, list: Object.values(organisationLegalTypes) },
      { header: organisationImportHeaders[3], width: 20 },
      { header: organisationImportHeaders[4], width: 12 },
      { header: organisationImportHeaders[5], width: 30 },
      { header: organisationImportHeaders[6], width: 14, text: true },
      { header: organisationImportHeaders[7], width: 28, text: true },
      { header: organisationImportHeaders[8], width: 20, list: Object.values(organisationRoleKinds) },
      { header: organisationImportHeaders[9], width: 14, list: Object.values(reportingPartnerKinds) },
    ],
    {
      rows: 500,
      notes: {
        name: '填写说明',
        lines: [
          '每行一个组织；第 1 行表头不要修改。',
          '已登记的法人填写 18 位统一社会信用代码（GB 32100-2015）并选择法人类型；平台中已有的信用代码不能重复导入。',
          '未登记的团队（如志愿服务队）不填信用代码和法人类型，但必须填写上级组织；导入后由平台编号（JM 开头）。',
          '上级组织填写其统一社会信用代码或平台编号：可以是平台中已有的组织，也可以是本表中位于上方的行。',
          '所在区划代码填写 4–12 位行政区划代码，须在您的管辖范围内。村（居）民委员会就是其区划，不要作为组织导入。',
          '平台角色可选一个，自导入之日起；更多角色请在组织页面中增加。强制报告责任单位须选择单位类别。',
          '任何一行有错误时整个文件都不会导入；请按错误清单改正后重新上传。',
        ],
      },
    },
  );
}

interface Parsed {
  row: number;
  values: ReturnType<typeof organisationInput.parse>;
  /** The parent named by a row above (its credit code), resolved when that row is written. */
  parentRow: string | null;
  role: { role: keyof typeof organisationRoleKinds; partnerKind: keyof typeof reportingPartnerKinds | null } | null;
}

export async function importOrganisations(deps: Deps, ctx: Ctx, content: Buffer): Promise<OrganisationImportAnswer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const today = shanghaiToday();
  const errors: { row: number; message: string }[] = [];
  const raw: { row: number; cells: (string | null)[] }[] = [];
  for await (const r of readXlsxRows(content, [...organisationImportHeaders])) {
    raw.push({ row: r.rowNumber, cells: r.cells });
    if (raw.length > MAX_ROWS) throw AppError.field('file', `一次最多导入 ${MAX_ROWS} 个组织，请分批导入`);
  }
  if (!raw.length) throw AppError.field('file', '表格中没有组织：请在模板第 2 行起填写');

  // What the file names that the database holds: parents, codes already registered, divisions.
  const refs = [...new Set(raw.flatMap((r) => [r.cells[1], r.cells[7]].filter((c): c is string => !!c).map((c) => c.toUpperCase())))];
  const known = refs.length
    ? await db
        .select({
          id: organisations.id,
          creditCode: organisations.creditCode,
          platformNo: organisations.platformNo,
          inScope: sql<boolean>`${organisationScope(actor)}`,
        })
        .from(organisations)
        .where(or(inArray(organisations.creditCode, refs), inArray(organisations.platformNo, refs)))
    : [];
  const codes = [...new Set(raw.map((r) => r.cells[6]).filter((c): c is string => !!c))];
  const divisionsFound = new Set(
    codes.length
      ? (await db.select({ code: divisions.code }).from(divisions).where(inArray(divisions.code, codes))).map((d) => d.code)
      : [],
  );

  const parsed: Parsed[] = [];
  const fileCodes = new Map<string, number>();
  for (const { row, cells } of raw) {
    const fail = (message: string) => errors.push({ row, message });
    const [name, credit, legalName, authority, rep, address, divisionCode, parentRef, roleName, partnerName] = cells;
    const legalType = legalName ? codeByName(organisationLegalTypes, legalName) : null;
    if (legalName && !legalType) fail(`法人类型“${legalName}”不在列表中：请从下拉列表中选择`);
    const role = roleName ? codeByName(organisationRoleKinds, roleName) : null;
    if (roleName && !role) fail(`平台角色“${roleName}”不在列表中：请从下拉列表中选择`);
    const partnerKind = partnerName ? codeByName(reportingPartnerKinds, partnerName) : null;
    if (partnerName && !partnerKind) fail(`强制报告单位类别“${partnerName}”不在列表中：请选择学校、医院或派出所`);
    let parentId: number | null = null;
    let parentRow: string | null = null;
    if (parentRef) {
      const ref = parentRef.toUpperCase();
      const inDb = known.find((k) => k.creditCode === ref || k.platformNo === ref);
      if (inDb && inDb.inScope) parentId = inDb.id;
      else if (fileCodes.has(ref)) parentRow = ref;
      else fail(`上级组织“${parentRef}”未找到：须为平台中您管辖范围内的组织，或本表上方的行`);
    }
    const checked = organisationInput.safeParse({
      name: name ?? '',
      creditCode: credit,
      legalType,
      registrationAuthority: authority,
      legalRepName: rep,
      address,
      divisionCode: divisionCode ?? '',
      // A parent in the file is checked as present; its id is known once its row is written.
      parentId: parentId ?? (parentRow || (parentRef && !parentId) ? Number.MAX_SAFE_INTEGER : null),
    });
    if (!checked.success) {
      for (const issue of checked.error.issues) fail(issue.message);
      continue;
    }
    const v = checked.data;
    try {
      refuseVillageCommittee(v.name);
    } catch (e) {
      fail((e as Error).message);
    }
    if (!inJurisdiction(actor, v.divisionCode)) fail(`所在区划 ${v.divisionCode} 不在您的管辖范围内`);
    else if (!divisionsFound.has(v.divisionCode)) fail(`所在区划代码 ${v.divisionCode} 不存在`);
    if (v.creditCode) {
      if (known.some((k) => k.creditCode === v.creditCode)) fail(CREDIT_CODE_TAKEN);
      else if (fileCodes.has(v.creditCode)) fail(`统一社会信用代码与第 ${fileCodes.get(v.creditCode)} 行重复`);
      else fileCodes.set(v.creditCode, row);
    }
    let roleValue: Parsed['role'] = null;
    if (role) {
      const r = addOrganisationRoleInput.safeParse({ role, partnerKind, fromDate: today });
      if (!r.success) for (const issue of r.error.issues) fail(issue.message);
      else roleValue = { role: r.data.role, partnerKind: r.data.partnerKind };
    } else if (partnerKind) fail('只有强制报告责任单位需要选择单位类别');
    parsed.push({ row, values: { ...v, parentId }, parentRow, role: roleValue });
  }
  if (errors.length) return { imported: 0, errors: errors.map((e) => ({ row: e.row, message: `第 ${e.row} 行：${e.message}` })) };

  await db.transaction(async (tx) => {
    const written = new Map<string, number>();
    for (const p of parsed) {
      const parentId = p.parentRow ? written.get(p.parentRow)! : p.values.parentId;
      const [row] = await tx
        .insert(organisations)
        .values({ ...p.values, parentId })
        .returning({ id: organisations.id });
      if (p.values.creditCode) written.set(p.values.creditCode, row.id);
      else
        await tx
          .update(organisations)
          .set({ platformNo: platformNumberOf(row.id) })
          .where(eq(organisations.id, row.id));
      await recordOrganisationEvents(tx, ctx, row.id, [{ what: 'imported', newValue: p.values.name }]);
      if (p.role) {
        await tx
          .insert(organisationRoles)
          .values({ organisationId: row.id, role: p.role.role, partnerKind: p.role.partnerKind, fromDate: today });
        await recordOrganisationEvents(tx, ctx, row.id, [
          { what: 'role_add', newValue: `${organisationRoleKinds[p.role.role]}，自 ${today} 起` },
        ]);
      }
    }
    await audit(tx, ctx, { action: 'organisation.import', objectType: 'organisation', details: { rows: parsed.length } });
  });
  return { imported: parsed.length, errors: [] };
}
