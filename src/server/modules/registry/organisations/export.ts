/** The list as an .xlsx, under the list's filter, in the import template's columns (so it can be filled in again). */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { rows } from '../../../platform/db/index.js';
import { writeXlsx, type XlsxColumn } from '../../../platform/xlsx.js';
import type { OrganisationFilter, OrganisationRow } from '../../../../shared/registry/organisations.js';
import { organisationColumns, toOrganisationRow, type OrganisationDbRow } from './rows.js';
import { organisationFilterWhere } from './list.js';

const MAX_ROWS = 100_000;

const columns: XlsxColumn<OrganisationRow>[] = [
  { header: '名称', width: 32, value: (o) => o.name },
  { header: '统一社会信用代码', width: 22, value: (o) => o.creditCode },
  { header: '平台编号', width: 14, value: (o) => o.platformNo },
  { header: '法人类型', width: 20, value: (o) => o.legalTypeName },
  { header: '登记管理机关', width: 20, value: (o) => o.registrationAuthority },
  { header: '法定代表人', width: 12, value: (o) => o.legalRepName },
  { header: '地址', width: 30, value: (o) => o.address },
  { header: '所在区划代码', width: 14, value: (o) => o.divisionCode },
  { header: '所在区划', width: 28, value: (o) => o.divisionName },
  { header: '上级组织', width: 28, value: (o) => o.parentName },
  { header: '状态', width: 8, value: (o) => o.statusName },
  { header: '状态日期', width: 12, value: (o) => o.statusOn },
  { header: '当前平台角色', width: 30, value: (o) => o.currentRoles.join('、') },
];

export async function exportOrganisations(deps: Deps, ctx: Ctx, filter: OrganisationFilter): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const found = await rows<OrganisationDbRow>(
    db,
    sql`select ${organisationColumns()} from organisations where ${organisationFilterWhere(actor, filter)} order by organisations.id
      limit ${MAX_ROWS}`,
  );
  await audit(db, ctx, { action: 'organisation.export', objectType: 'organisation', details: { filter, count: found.length } });
  return writeXlsx('组织名单', columns, found.map(toOrganisationRow));
}
