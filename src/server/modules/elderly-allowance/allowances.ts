/**
 * 高龄津贴's list (paging; filters: division, this month's band, status, a name's start or an ID
 * number), its export, the township's worklist (待确认) and a record with its history. Every read is
 * inside the viewer's jurisdiction (allowanceScope): a record outside answers 404 like a missing one.
 * ID numbers are shown masked; the export is audited.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { rows } from '../../platform/db/index.js';
import { requirePermission, withinDivision } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { writeXlsx } from '../../platform/xlsx.js';
import { monthOf, shanghaiToday } from '../../../shared/dates.js';
import { maskIdNumber } from '../../../shared/mask.js';
import { yuan } from '../../../shared/money.js';
import { allowanceActions, allowanceBands, allowanceStatuses, type AllowanceBand } from '../../../shared/elderly-allowance/codes.js';
import type { AllowanceDetail, AllowanceRow, ListAllowancesInput } from '../../../shared/elderly-allowance/allowances.js';
import { allowanceScope, allowancesIn, paidIn } from './payable.js';
import { elderlyAllowances } from './schema.js';
import { allowanceWorkflow, historyOf, lastStopOf } from './workflow.js';
import { ELDERLY_PROGRAMME } from './programme.js';
import { maskAccount } from '../../platform/payees/payees.js';

interface RawRow {
  id: number | string;
  person_id: number | string;
  name: string;
  id_number_enc: string | null;
  birth_date: string | null;
  age: number | null;
  band: AllowanceBand | null;
  division_code: string;
  division_name: string | null;
  status: keyof typeof allowanceStatuses;
  start_month: string;
  end_month: string | null;
  died_on: string | null;
  paid_fen: number | string;
  version: number;
}

const looksLikeIdNumber = (q: string) => /^\d{15}$|^\d{17}[\dXx]$/.test(q);

/** The filters of the list and the export, over the scoped records. */
function filtersOf(deps: Deps, ctx: Ctx, input: Omit<ListAllowancesInput, 'page' | 'pageSize'>): { inner: SQL; outer: SQL } {
  const actor = requirePermission(ctx.actor, 'elderly_allowance.read');
  const inner: SQL[] = [allowanceScope(actor)];
  if (input.divisionCode) inner.push(withinDivision(elderlyAllowances.divisionCode, input.divisionCode));
  if (input.status) inner.push(sql`${elderlyAllowances.status} = ${input.status}`);
  const outer: SQL[] = [sql`true`];
  if (input.band) outer.push(sql`x.band = ${input.band}`);
  const q = input.q?.trim();
  if (q) {
    if (looksLikeIdNumber(q)) outer.push(sql`x.id_number_hash = ${deps.cipher.lookupHash(q.toUpperCase())}`);
    else outer.push(sql`x.name like ${q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  }
  return { inner: sql.join(inner, sql` and `), outer: sql.join(outer, sql` and `) };
}

function select(month: string, inner: SQL, outer: SQL): SQL {
  return sql`select x.id, x.person_id, x.name, x.id_number_enc, x.birth_date::text as birth_date, x.age, x.band, x.division_code,
      (select d.full_name from divisions d where d.code = x.division_code) as division_name, x.status, x.start_month, x.end_month,
      x.died_on::text as died_on, case when ${paidIn(month)} then x.amount_fen else 0 end as paid_fen, x.version
    from ${allowancesIn(month, inner)} x where ${outer}`;
}

function toRow(view: FieldView, r: RawRow): AllowanceRow {
  const id = Number(r.id);
  return {
    id,
    personId: Number(r.person_id),
    name: r.name,
    idNumber: view.show(r.id_number_enc, { objectType: 'person', objectId: Number(r.person_id), field: 'idNumber' }, maskIdNumber),
    birthDate: r.birth_date,
    age: r.age === null ? null : Number(r.age),
    band: r.band,
    bandName: r.band ? allowanceBands[r.band] : null,
    divisionCode: r.division_code,
    divisionName: r.division_name ?? r.division_code,
    status: r.status,
    statusName: allowanceStatuses[r.status],
    startMonth: r.start_month,
    endMonth: r.end_month,
    diedOn: r.died_on,
    monthlyFen: Number(r.paid_fen),
  };
}

export async function listAllowances(deps: Deps, ctx: Ctx, input: ListAllowancesInput & { page: number; pageSize: number }) {
  const month = monthOf(shanghaiToday());
  const { inner, outer } = filtersOf(deps, ctx, input);
  const db = deps.database.db;
  const [found, [count]] = await Promise.all([
    rows<RawRow>(
      db,
      sql`${select(month, inner, outer)} order by x.division_code, x.id
        limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string }>(db, sql`select count(*) as n from ${allowancesIn(month, inner)} x where ${outer}`),
  ]);
  const view = new FieldView(deps, ctx);
  return { items: found.map((r) => toRow(view, r)), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

/** The township's worklist: the records waiting for the first payment's confirmation (待确认), oldest first. */
export async function worklist(deps: Deps, ctx: Ctx, input: { page: number; pageSize: number; divisionCode?: string }) {
  requirePermission(ctx.actor, 'elderly_allowance.confirm');
  return listAllowances(deps, ctx, { ...input, status: 'pending' });
}

export async function exportAllowances(deps: Deps, ctx: Ctx, input: Omit<ListAllowancesInput, 'page' | 'pageSize'>) {
  const month = monthOf(shanghaiToday());
  const { inner, outer } = filtersOf(deps, ctx, input);
  const found = await rows<RawRow>(deps.database.db, sql`${select(month, inner, outer)} order by x.division_code, x.id`);
  const view = new FieldView(deps, ctx);
  const items = found.map((r) => toRow(view, r));
  const content = await writeXlsx(
    '高龄津贴名单',
    [
      { header: '姓名', value: (r: AllowanceRow) => r.name },
      { header: '公民身份号码', width: 22, value: (r) => r.idNumber },
      { header: '出生日期', width: 12, value: (r) => r.birthDate },
      { header: '年龄', value: (r) => r.age },
      { header: '年龄段', width: 16, value: (r) => r.bandName },
      { header: '户籍地', width: 36, value: (r) => r.divisionName },
      { header: '状态', value: (r) => r.statusName },
      { header: '起始月份', width: 12, value: (r) => r.startMonth },
      { header: '截止月份', width: 12, value: (r) => r.endMonth },
      { header: '死亡日期', width: 12, value: (r) => r.diedOn },
      { header: `${month} 月金额（元）`, width: 16, value: (r) => yuan(r.monthlyFen) },
    ],
    items,
  );
  await deps.readAudit.record(ctx, {
    action: 'elderly_allowance.export',
    // The filter as words; an ID number searched for is not written into the audit row.
    details: {
      filter: {
        divisionCode: input.divisionCode,
        band: input.band,
        status: input.status ? allowanceStatuses[input.status] : undefined,
        q: input.q && looksLikeIdNumber(input.q.trim()) ? '（身份证号）' : input.q,
      },
      count: items.length,
    },
  });
  return { name: `高龄津贴名单_${month}.xlsx`, content };
}

/** One record with its history and the buttons this user has; 404 outside the jurisdiction. */
export async function openAllowance(deps: Deps, ctx: Ctx, id: number): Promise<AllowanceDetail> {
  const actor = requirePermission(ctx.actor, 'elderly_allowance.read');
  const month = monthOf(shanghaiToday());
  const db = deps.database.db;
  const [r] = await rows<RawRow>(db, select(month, sql`${elderlyAllowances.id} = ${id} and ${allowanceScope(actor)}`, sql`true`));
  if (!r) throw AppError.notFound('高龄津贴记录');
  const view = new FieldView(deps, ctx);
  const history = await historyOf(db, id);
  const account = await deps.payees.accountOf(db, ELDERLY_PROGRAMME, Number(r.person_id));
  return {
    ...toRow(view, r),
    version: r.version,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actionName: allowanceActions[h.action],
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actorName: h.actorName,
      reason: h.reason,
      at: h.at.toISOString(),
    })),
    // 恢复发放 only of a record the township stopped: the death's and the move-out's are the registry's to undo.
    allowedActions: allowanceWorkflow
      .allowedActions('allowance', r.status, actor.permissions)
      .filter((code) => code !== 'resume' || lastStopOf(history)?.action === 'stop'),
    payee: account
      ? {
          id: account.id,
          bankName: account.bankName,
          account: view.show(
            account.bankAccountEnc,
            { objectType: 'payee_account', objectId: account.id, field: 'bankAccount' },
            maskAccount,
          ),
        }
      : null,
  };
}
