/**
 * 死亡后已发放待追回: the months a roll paid on an entitlement after a covered member's death (the
 * registry's death record; docs/rules.md "A recipient's death"), inside the actor's jurisdiction, with
 * what is to be recovered. The list and its xlsx are the same query.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor, withinDivision } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { rows } from '../../../platform/db/index.js';
import { writeXlsx } from '../../../platform/xlsx.js';
import { assistanceCategories, type AssistanceCategory } from '../../../../shared/assistance-codes.js';
import { paymentStatuses } from '../../../../shared/payments/rolls.js';
import type { AfterDeathInput, AfterDeathRow } from '../../../../shared/assistance/entitlements.js';
import { yuan } from '../../../../shared/money.js';
import { personsView } from '../../registry/read.js';
import { entitlementScope } from '../entitlements/scope.js';
import { ASSISTANCE_PROGRAMME } from '../entitlements/account.js';

interface Row {
  entitlement_id: number | string;
  roll_id: number | string;
  month: string;
  division_name: string | null;
  category: AssistanceCategory;
  deceased_name: string;
  died_on: string;
  covered_count: number;
  amount_fen: number;
  payment_status: string;
}

function paidAfterDeath(where: SQL): SQL {
  return sql`from assistance_entitlements
    cross join lateral (
      select x::bigint as pid from jsonb_array_elements_text(assistance_entitlements.covered_person_ids) x
      union select (m->>'personId')::bigint from jsonb_array_elements(coalesce(assistance_entitlements.inputs->'deceased', '[]'::jsonb)) m
    ) c
    join ${personsView} d on d.id = c.pid and d.died_on is not null
    join payment_roll_lines l on l.record_id = assistance_entitlements.id
    join payment_rolls r on r.id = l.roll_id and r.programme = ${ASSISTANCE_PROGRAMME} and r.status <> 'building'
      and r.month > to_char(d.died_on, 'YYYY-MM')
    where ${where} and l.payment_status <> 'failed'`;
}

const recover = (r: Pick<Row, 'covered_count' | 'amount_fen'>) =>
  r.covered_count <= 1 ? r.amount_fen : Math.floor(r.amount_fen / r.covered_count);

function whereOf(ctx: Ctx, input: Pick<AfterDeathInput, 'divisionCode'>): SQL {
  const actor = requireActor(ctx.actor);
  const parts = [entitlementScope(actor)];
  if (input.divisionCode) parts.push(withinDivision(sql`assistance_entitlements.division_code`, input.divisionCode));
  return sql.join(parts, sql` and `);
}

async function found(deps: Deps, where: SQL, page?: { page: number; pageSize: number }): Promise<Row[]> {
  return rows<Row>(
    deps.database.db,
    sql`select assistance_entitlements.id as entitlement_id, r.id as roll_id, r.month,
          (select full_name from divisions dv where dv.code = l.division_code) as division_name, assistance_entitlements.category,
          d.name as deceased_name, d.died_on::text as died_on, l.covered_count, l.amount_fen, l.payment_status
        ${paidAfterDeath(where)}
        order by d.died_on, assistance_entitlements.id, r.month
        ${page ? sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}` : sql``}`,
  );
}

function toRow(r: Row): AfterDeathRow {
  return {
    entitlementId: Number(r.entitlement_id),
    rollId: Number(r.roll_id),
    month: r.month,
    divisionName: r.division_name,
    category: r.category,
    categoryName: assistanceCategories[r.category] ?? r.category,
    deceasedName: r.deceased_name,
    diedOn: r.died_on,
    coveredCount: r.covered_count,
    paidFen: r.amount_fen,
    recoverFen: recover(r),
    estimated: r.covered_count > 1,
    paymentStatus: r.payment_status,
  };
}

export async function listPaidAfterDeath(deps: Deps, ctx: Ctx, input: AfterDeathInput) {
  const where = whereOf(ctx, input);
  const [items, [agg]] = await Promise.all([
    found(deps, where, input),
    rows<{ n: number | string; recover: number | string | null }>(
      deps.database.db,
      sql`select count(*) as n, sum(case when l.covered_count <= 1 then l.amount_fen else l.amount_fen / l.covered_count end) as recover
          ${paidAfterDeath(where)}`,
    ),
  ]);
  return {
    items: items.map(toRow),
    total: Number(agg.n),
    recoverFen: Number(agg.recover ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function exportPaidAfterDeath(deps: Deps, ctx: Ctx, input: Pick<AfterDeathInput, 'divisionCode'>): Promise<Buffer> {
  const list = (await found(deps, whereOf(ctx, input))).map(toRow);
  await audit(deps.database.db, ctx, {
    action: 'assistance.after_death.export',
    objectType: 'assistance_entitlement',
    details: { count: list.length },
  });
  return writeXlsx<AfterDeathRow>(
    '死亡后已发放待追回',
    [
      { header: '待遇编号', value: (r) => r.entitlementId },
      { header: '发放月份', value: (r) => r.month },
      { header: '所属区划', value: (r) => r.divisionName ?? '' },
      { header: '救助类别', value: (r) => r.categoryName },
      { header: '去世人员', value: (r) => r.deceasedName },
      { header: '死亡日期', value: (r) => r.diedOn },
      { header: '保障人数', value: (r) => r.coveredCount },
      { header: '当月发放（元）', value: (r) => yuan(r.paidFen) },
      { header: '应追回（元）', value: (r) => yuan(r.recoverFen) },
      { header: '说明', value: (r) => (r.estimated ? '按人均份额估算，以核定为准' : '全额追回') },
      { header: '发放状态', value: (r) => paymentStatuses[r.paymentStatus as keyof typeof paymentStatuses] ?? r.paymentStatus },
    ],
    list,
  );
}
