/** The filtered case list as .xlsx (every list exports). */
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { writeXlsx } from '../../../platform/xlsx.js';
import { audit } from '../../../platform/audit/audit.js';
import type { CaseFilter } from '../../../../shared/assistance/cases.js';
import { listCases, type CaseListRow } from './cases.js';
import { shanghaiToday } from '../../../../shared/dates.js';

export async function exportCases(deps: Deps, ctx: Ctx, filter: CaseFilter): Promise<Buffer> {
  const all: CaseListRow[] = [];
  for (let page = 1; ; page++) {
    const r = await listCases(deps, ctx, { ...filter, page, pageSize: 200 });
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0 || page >= 500) break;
  }
  await audit(deps.database.db, ctx, {
    action: 'assistance_case.export',
    details: { filter: { ...filter, q: filter.q ? '(已提供)' : undefined }, rows: all.length },
  });
  return writeXlsx(
    '救助案件',
    [
      { header: '申请编号', width: 16, value: (r) => r.caseNo },
      { header: '救助类别', value: (r) => r.categoryName },
      { header: '申请人', value: (r) => r.applicantName },
      { header: '所在村（社区）', width: 40, value: (r) => r.divisionName },
      { header: '状态', width: 16, value: (r) => r.statusName },
      { header: '本环节期限', width: 12, value: (r) => r.dueDate },
      { header: '剩余工作日', value: (r) => r.daysLeft },
      {
        header: '办结期限',
        width: 12,
        value: (r) => (r.caseDueDate && r.caseDueProvisional ? `${r.caseDueDate}（暂按工作日推算）` : r.caseDueDate),
      },
      { header: '申请渠道', value: (r) => (r.channel === 'online' ? '网上申请' : '窗口受理') },
      { header: '申请日期', width: 14, value: (r) => shanghaiToday(new Date(r.createdAt)) },
    ],
    all,
  );
}
