/**
 * The volunteers list (paging; filters: a name's start, a division, a service category, a status, the
 * registration dates, a team) and its xlsx export of every row of the same filter, both inside the
 * viewer's scope (rows.ts). The export is audited with the filter in words (never a name searched for
 * beyond its prefix, never an ID number).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requirePermission } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import { writeXlsx } from '../../platform/xlsx.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { serviceCategories, volunteerStatuses } from '../../../shared/volunteers/codes.js';
import type { ListVolunteersInput, VolunteerFilter, VolunteerRow } from '../../../shared/volunteers/volunteers.js';
import type { Page } from '../../../shared/paging.js';
import { filterWhere, listOrder, selectVolunteers, toVolunteerRow, viewOf, volunteerScope, type VolunteerDbRow } from './rows.js';

export async function listVolunteers(deps: Deps, ctx: Ctx, input: ListVolunteersInput): Promise<Page<VolunteerRow>> {
  const actor = requirePermission(ctx.actor, 'volunteers.read');
  const where = [volunteerScope(actor), ...filterWhere(input)];
  const db = deps.database.db;
  const [found, [count]] = await Promise.all([
    rows<VolunteerDbRow>(
      db,
      sql`${selectVolunteers(where)} ${listOrder} limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string }>(db, sql`select count(*) as n from volunteers where ${sql.join(where, sql` and `)}`),
  ]);
  const view = viewOf(deps, ctx);
  const today = shanghaiToday();
  return { items: found.map((r) => toVolunteerRow(view, r, today)), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

export async function exportVolunteers(deps: Deps, ctx: Ctx, input: VolunteerFilter): Promise<{ name: string; content: Buffer }> {
  const actor = requirePermission(ctx.actor, 'volunteers.export');
  const found = await rows<VolunteerDbRow>(
    deps.database.db,
    sql`${selectVolunteers([volunteerScope(actor), ...filterWhere(input)])} ${listOrder}`,
  );
  const view = viewOf(deps, ctx);
  const today = shanghaiToday();
  const items = found.map((r) => toVolunteerRow(view, r, today));
  const content = await writeXlsx(
    '志愿者名单',
    [
      { header: '志愿者编号', width: 16, value: (r: VolunteerRow) => r.volunteerNo },
      { header: '姓名', value: (r) => r.name },
      { header: '性别', value: (r) => (r.sex === 'male' ? '男' : r.sex === 'female' ? '女' : '') },
      { header: '年龄', value: (r) => r.age },
      { header: '公民身份号码', width: 22, value: (r) => r.idNumber },
      { header: '居住地', width: 36, value: (r) => r.divisionName },
      { header: '服务类别', width: 30, value: (r) => r.categoryNames.join('、') },
      { header: '技能特长', width: 24, value: (r) => r.skills.join('、') },
      { header: '可服务时间', width: 24, value: (r) => r.availableTimeNames.join('、') },
      { header: '志愿服务组织', width: 24, value: (r) => r.organisationName },
      { header: '登记渠道', width: 16, value: (r) => r.sourceName },
      { header: '注册日期', width: 12, value: (r) => r.registeredOn },
      { header: '状态', value: (r) => r.statusName },
      { header: '注销日期', width: 12, value: (r) => r.deregisteredOn },
      { header: '注销原因', width: 24, value: (r) => r.deregisterReason },
    ],
    items,
  );
  await deps.readAudit.record(ctx, {
    action: 'volunteer.export',
    details: {
      filter: {
        name: input.name,
        divisionCode: input.divisionCode,
        category: input.category ? serviceCategories[input.category] : undefined,
        status: input.status ? volunteerStatuses[input.status] : undefined,
        registeredFrom: input.registeredFrom,
        registeredTo: input.registeredTo,
        organisationId: input.organisationId,
      },
      count: items.length,
    },
  });
  return { name: `志愿者名单_${today}.xlsx`, content };
}
