/**
 * The monthly payment roll (发放名册), one per county and month: a durable job copies the
 * entitlements in force into roll lines, freezing each line's amount, inputs and explanation. It
 * works township by township, each in its own transaction that first clears that township's lines,
 * so a job killed half-way and run again gives the same roll with no payment twice (F5); the
 * primary key (roll, entitlement) makes a duplicate impossible anyway. An approved roll is final.
 * Who built a roll does not approve it where the county's `separation_of_duties` is on (docs/rules.md "Separation of duties").
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor, scopeWhere, withinDivision } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { jobs } from '../../../platform/db/schema.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { JobHandler } from '../../../platform/jobs/runner.js';
import { pageInput } from '../../../platform/http/paging.js';
import { isMonth, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { assistanceCategories, paymentStatuses } from '../../../../shared/assistance-codes.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { isCountyOrAbove } from '../../../../shared/divisions.js';
import { assistanceRollLines, assistanceRolls } from '../schema.js';
import { PolicyBook } from '../policy/policy.js';
import { maskAccount } from '../cases/cases.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { paymentRollPdf, type PaymentRollVillage } from '../../../platform/pdf/payment-roll.js';
import { formatDateZh } from '../../../platform/pdf/format.js';

export const BUILD_ROLL = 'assistance.roll';

export const startRollInput = z.object({
  countyCode: z.string().regex(/^\d{6}$/, '请选择县（市、区）'),
  month: z.string().refine(isMonth, '月份格式应为 YYYY-MM'),
});

/** Rolls of a county are the county's (and the city's) business; a township reads its own lines. */
function rollVisible(actor: Actor) {
  return sql`(${withinDivision(assistanceRolls.countyCode, actor.divisionCode)} or ${actor.divisionCode} like
    ${assistanceRolls.countyCode} || '%')`;
}

/**
 * Whether the actor sees every line of the county's roll, so that the figures stored on the roll
 * (`lines`, `totalFen`) are theirs: the county's or the city's own staff. A township, a village or
 * an organisation sees only some lines; its figures are computed from those lines (Z2).
 */
export function seesWholeRoll(actor: Actor, countyCode: string): boolean {
  return actor.kind === 'staff' && actor.organisationId === null && countyCode.startsWith(actor.divisionCode);
}

const l = alias(assistanceRollLines, 'l');

/**
 * The roll lines (`assistance_roll_lines l`) the actor may see: the division prefix, narrowed for
 * organisation staff and residents as every jurisdictional table is. Lines, their totals and the
 * statistics of payments all use it.
 */
export function rollLineScope(actor: Actor): SQL {
  return scopeWhere(actor, { division: l.divisionCode, person: l.payeePersonId, household: l.householdId });
}

export async function loadRoll(db: Db, actor: Actor, id: number) {
  const [roll] = await db
    .select()
    .from(assistanceRolls)
    .where(and(eq(assistanceRolls.id, id), rollVisible(actor)));
  if (!roll) throw AppError.notFound('发放名册');
  return roll;
}

export async function startRoll(deps: Deps, ctx: Ctx, input: z.infer<typeof startRollInput>) {
  const actor = requireActor(ctx.actor);
  if (!input.countyCode.startsWith(actor.divisionCode)) throw AppError.notFound('县（市、区）');
  // The job's result carries the whole county's figures: only those who see the whole roll build it.
  if (!seesWholeRoll(actor, input.countyCode)) throw AppError.forbidden('名册由县级民政部门编制');
  const db = deps.database.db;
  const roll = await db.transaction(async (tx) => {
    await tx
      .insert(assistanceRolls)
      .values({ countyCode: input.countyCode, month: input.month, createdBy: actor.userId })
      .onConflictDoNothing();
    const [roll] = await tx
      .select()
      .from(assistanceRolls)
      .where(and(eq(assistanceRolls.countyCode, input.countyCode), eq(assistanceRolls.month, input.month)))
      .for('update');
    if (roll.status === 'approved') throw AppError.conflict('该月名册已审核，不能重新编制');
    await tx.update(assistanceRolls).set({ status: 'building' }).where(eq(assistanceRolls.id, roll.id));
    await audit(tx, ctx, {
      action: 'assistance.roll.build',
      objectType: 'assistance_roll',
      objectId: roll.id,
      details: { countyCode: input.countyCode, month: input.month },
    });
    return roll;
  });
  // Enqueued after the commit (PGlite has one connection: no second statement inside a transaction).
  const jobId = await deps.jobs.enqueue({ kind: BUILD_ROLL, payload: { rollId: roll.id }, createdBy: actor.userId });
  await db.update(assistanceRolls).set({ jobId }).where(eq(assistanceRolls.id, roll.id));
  return { id: roll.id, jobId };
}

/** The job: township by township, then the totals. */
export function buildRollHandler(deps: Deps): JobHandler {
  return async (job) => {
    const rollId = Number(job.payload.rollId);
    const result = await buildRoll(deps.database.db, rollId, (done, total) => job.progress(done, total));
    return { status: 'succeeded', result };
  };
}

export async function buildRoll(db: Db, rollId: number, progress: (done: number, total: number) => Promise<void> = async () => {}) {
  const [roll] = await db.select().from(assistanceRolls).where(eq(assistanceRolls.id, rollId));
  if (!roll || roll.status === 'approved') return { lines: roll?.lines ?? 0 };
  const townships = (
    await rows<{ t: string }>(
      db,
      sql`select distinct left(division_code, 9) as t from assistance_entitlements where county_code = ${roll.countyCode} order by 1`,
    )
  ).map((r) => r.t);
  for (const [i, township] of townships.entries()) {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`delete from assistance_roll_lines where roll_id = ${rollId} and ${withinDivision(sql`division_code`, township)}`,
      );
      await tx.execute(sql`insert into assistance_roll_lines
          (roll_id, entitlement_id, household_id, division_code, category, payee_person_id, covered_count, amount_fen, breakdown, inputs,
            bank_name, bank_account_enc)
        select ${rollId}, e.id, e.household_id, e.division_code, e.category, e.payee_person_id, jsonb_array_length(e.covered_person_ids),
          e.monthly_fen,
               e.breakdown, e.inputs, e.bank_name, e.bank_account_enc
        from assistance_entitlements e
        where e.county_code = ${roll.countyCode} and ${withinDivision(sql`e.division_code`, township)} and e.status = 'active' and
          e.monthly_fen > 0
          and e.start_month <= ${roll.month} and (e.end_month is null or e.end_month >= ${roll.month})`);
    });
    await progress(i + 1, townships.length);
  }
  const [totals] = await rows<{ lines: number | string; total: number | string | null }>(
    db,
    sql`select count(*) as lines, sum(amount_fen) as total from assistance_roll_lines where roll_id = ${rollId}`,
  );
  await db
    .update(assistanceRolls)
    .set({ status: 'built', lines: Number(totals.lines), totalFen: Number(totals.total ?? 0), builtAt: new Date() })
    .where(eq(assistanceRolls.id, rollId));
  return { lines: Number(totals.lines), totalFen: Number(totals.total ?? 0) };
}

type Roll = typeof assistanceRolls.$inferSelect;

/**
 * Separation of duties (不相容岗位分离) for the roll: who built it (created the roll, or started the
 * build whose lines it now holds) does not approve it, while the county's `separation_of_duties` is
 * on. The reason, or null; the roll page shows it beside the approve button.
 */
export async function rollDutyConflict(db: Db, roll: Roll, actorUserId: number): Promise<string | null> {
  const book = await PolicyBook.load(db);
  if (!book.param('separation_of_duties', roll.countyCode, monthOf(shanghaiToday()))) return null;
  const builders = new Set<number | null>([roll.createdBy]);
  if (roll.jobId !== null) {
    const [job] = await db.select({ createdBy: jobs.createdBy }).from(jobs).where(eq(jobs.id, roll.jobId));
    builders.add(job?.createdBy ?? null);
  }
  return builders.has(actorUserId) ? '您编制了本名册，按不相容岗位分离的规定，名册须由其他工作人员审核' : null;
}

export async function approveRoll(deps: Deps, ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  return deps.database.db.transaction(async (tx) => {
    const roll = await loadRoll(tx, actor, id);
    if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('名册由县级民政部门审核');
    if (roll.status !== 'built') throw AppError.conflict(roll.status === 'approved' ? '名册已审核' : '名册尚未编制完成');
    const duty = await rollDutyConflict(tx, roll, actor.userId);
    if (duty) throw AppError.forbidden(duty);
    await tx
      .update(assistanceRolls)
      .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
      .where(eq(assistanceRolls.id, id));
    await audit(tx, ctx, {
      action: 'assistance.roll.approve',
      objectType: 'assistance_roll',
      objectId: id,
      details: { lines: roll.lines, totalFen: roll.totalFen },
    });
    return { id, status: 'approved' as const };
  });
}

export const listRollsInput = pageInput.extend({ month: z.string().refine(isMonth, '月份格式应为 YYYY-MM').optional() });

export async function listRolls(deps: Deps, ctx: Ctx, input: z.infer<typeof listRollsInput>) {
  const actor = requireActor(ctx.actor);
  const where = and(rollVisible(actor), input.month ? eq(assistanceRolls.month, input.month) : undefined);
  const db = deps.database.db;
  // Every roll a county (or city) user lists is a whole county's: the stored figures are theirs. A
  // township's, village's or organisation's figures are those of its own lines, a range of the
  // (roll, division) index per roll listed.
  const whole = actor.kind === 'staff' && actor.organisationId === null && isCountyOrAbove(actor.divisionCode);
  const figures = whole
    ? sql`select assistance_rolls.lines, assistance_rolls.total_fen`
    : sql`select count(*) as lines, coalesce(sum(l.amount_fen), 0) as total_fen from assistance_roll_lines l where l.roll_id =
      assistance_rolls.id and ${rollLineScope(actor)}`;
  const [items, [{ n }]] = await Promise.all([
    rows<{
      id: number;
      county_code: string;
      county_name: string | null;
      month: string;
      status: string;
      lines: number | string;
      total_fen: number | string;
      built_at: Date | null;
      approved_at: Date | null;
      job_id: number | null;
    }>(
      db,
      sql`select id, county_code, (select name from divisions d where d.code = assistance_rolls.county_code) as county_name, month,
        status, f.lines, f.total_fen, built_at, approved_at, job_id
          from ${assistanceRolls} cross join lateral (${figures}) f
          where ${where} order by month desc, county_code limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string }>(db, sql`select count(*) as n from ${assistanceRolls} where ${where}`),
  ]);
  return {
    items: items.map((r) => ({
      id: Number(r.id),
      countyCode: r.county_code,
      countyName: r.county_name,
      month: r.month,
      status: r.status,
      lines: Number(r.lines),
      totalFen: Number(r.total_fen),
      wholeRoll: whole,
      builtAt: r.built_at ? new Date(r.built_at).toISOString() : null,
      approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
      jobId: r.job_id === null ? null : Number(r.job_id),
    })),
    total: Number(n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export const rollLinesInput = pageInput.extend({
  paymentStatus: z.enum(keysOf(paymentStatuses)).optional(),
  category: z.enum(keysOf(assistanceCategories)).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
});

/**
 * The lines of a roll inside the actor's jurisdiction (a township sees its own). The header's
 * `lines` and `totalFen` are those of every line the actor may see (the whole roll for the county);
 * `total` and `totalFen` beside the items are those of the filtered lines.
 */
export async function rollLines(deps: Deps, ctx: Ctx, id: number, input: z.infer<typeof rollLinesInput>) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, id);
  const visible = [sql`l.roll_id = ${id}`, rollLineScope(actor)];
  const parts = [...visible];
  if (input.paymentStatus) parts.push(sql`l.payment_status = ${input.paymentStatus}`);
  if (input.category) parts.push(sql`l.category = ${input.category}`);
  if (input.divisionCode) parts.push(withinDivision(sql`l.division_code`, input.divisionCode));
  const where = sql.join(parts, sql` and `);
  const [items, [agg]] = await Promise.all([
    rows<{
      entitlement_id: number | string;
      payee_name: string;
      division_name: string | null;
      category: string;
      covered_count: number;
      amount_fen: number;
      breakdown: string;
      bank_name: string | null;
      payment_status: string;
      failure_reason: string | null;
    }>(
      db,
      sql`select l.entitlement_id, p.name as payee_name, (select full_name from divisions d where d.code = l.division_code) as
        division_name, l.category,
            l.covered_count, l.amount_fen, l.breakdown, l.bank_name, l.payment_status, l.failure_reason
          from assistance_roll_lines l join persons p on p.id = l.payee_person_id where ${where}
          order by l.division_code, l.entitlement_id limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string; total: number | string | null }>(
      db,
      sql`select count(*) as n, sum(l.amount_fen) as total from assistance_roll_lines l where ${where}`,
    ),
  ]);
  const whole = seesWholeRoll(actor, roll.countyCode);
  const filtered = parts.length > visible.length;
  const [head] = whole
    ? [{ n: roll.lines, total: roll.totalFen }]
    : filtered
      ? await rows<{ n: number | string; total: number | string | null }>(
          db,
          sql`select count(*) as n, sum(l.amount_fen) as total from assistance_roll_lines l where ${sql.join(visible, sql` and `)}`,
        )
      : [agg];
  // Why this user's approval would be refused (separation of duties), for a roll they could approve.
  const approveBlockedReason =
    roll.status === 'built' && whole && actor.permissions.has('assistance.roll') ? await rollDutyConflict(db, roll, actor.userId) : null;
  await deps.readAudit.record(ctx, {
    action: 'assistance.roll.lines',
    objectType: 'assistance_roll',
    objectId: id,
    details: { total: Number(agg.n) },
  });
  return {
    roll: {
      id: roll.id,
      countyCode: roll.countyCode,
      month: roll.month,
      status: roll.status,
      lines: Number(head.n),
      totalFen: Number(head.total ?? 0),
      wholeRoll: whole,
      approveBlockedReason,
    },
    items: items.map((l) => ({
      entitlementId: Number(l.entitlement_id),
      lineNo: `${id}-${l.entitlement_id}`,
      payeeName: l.payee_name,
      divisionName: l.division_name,
      category: l.category,
      categoryName: assistanceCategories[l.category as keyof typeof assistanceCategories] ?? l.category,
      coveredCount: l.covered_count,
      amountFen: l.amount_fen,
      breakdown: l.breakdown,
      bankName: l.bank_name,
      paymentStatus: l.payment_status,
      failureReason: l.failure_reason,
    })),
    total: Number(agg.n),
    totalFen: Number(agg.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * The roll on paper (社会救助资金发放名册, PDF): the lines the actor may see (rollLineScope: a
 * township its villages, a village its own), by village with subtotals, the total of those lines,
 * and the signature blocks. The account is printed as the bank file prints it (in full) for who may
 * export the bank file (the roll permission over the whole roll), masked for everyone else. A roll
 * still building has no final lines: 409. Audited like an export.
 */
export async function rollPdf(deps: Deps, ctx: Ctx, id: number): Promise<{ name: string; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, id);
  if (roll.status === 'building') throw AppError.conflict('名册正在编制，完成后才能打印');
  const whole = seesWholeRoll(actor, roll.countyCode);
  const fullAccounts = whole && actor.permissions.has('assistance.roll');
  const found = await rows<{
    entitlement_id: number | string;
    division_code: string;
    village: string | null;
    name: string;
    category: string;
    covered_count: number;
    amount_fen: number | string;
    bank_name: string | null;
    bank_account_enc: string | null;
  }>(
    db,
    sql`select l.entitlement_id, l.division_code, (select full_name from divisions d where d.code = l.division_code) as village, p.name,
      l.category, l.covered_count, l.amount_fen,
          coalesce(e.bank_name, l.bank_name) as bank_name, coalesce(e.bank_account_enc, l.bank_account_enc) as bank_account_enc
        from assistance_roll_lines l join persons p on p.id = l.payee_person_id join assistance_entitlements e on e.id = l.entitlement_id
        where l.roll_id = ${id} and ${rollLineScope(actor)}
        order by l.division_code, l.entitlement_id`,
  );
  const [names] = await rows<{ county: string | null; own: string | null }>(
    db,
    sql`select (select full_name from divisions where code = ${roll.countyCode}) as county, (select full_name from divisions where code =
      ${actor.divisionCode}) as own`,
  );
  const county = names.county ?? roll.countyCode;
  // A damaged account reads 数据校验失败 on paper (D7), audited by the view; the bank file refuses instead.
  const view = new FieldView(deps, ctx);
  const villages = new Map<string, PaymentRollVillage>();
  for (const r of found) {
    const village = villages.get(r.division_code) ?? {
      name: (r.village ?? r.division_code).replace(county, '') || r.division_code,
      lines: [],
    };
    villages.set(r.division_code, village);
    const ref = { objectType: 'assistance_entitlement', objectId: Number(r.entitlement_id), field: 'bankAccount' };
    village.lines.push({
      lineNo: `${id}-${r.entitlement_id}`,
      payeeName: r.name,
      category: assistanceCategories[r.category as keyof typeof assistanceCategories] ?? r.category,
      coveredCount: Number(r.covered_count),
      bankName: r.bank_name ?? '',
      account: view.show(r.bank_account_enc, ref, fullAccounts ? undefined : maskAccount) ?? '',
      amountFen: Number(r.amount_fen),
    });
  }
  const own = (names.own ?? actor.divisionCode).replace(county, '') || actor.divisionCode;
  const scope = whole ? '全县' : actor.organisationId !== null ? '本机构服务对象' : `${own}（本辖区）`;
  const approved = roll.status === 'approved' && roll.approvedAt ? `已审核（${formatDateZh(shanghaiToday(roll.approvedAt))}）` : '待审核';
  const content = await paymentRollPdf({
    rollId: id,
    county,
    month: roll.month,
    status: approved,
    scope,
    printedOn: shanghaiToday(),
    villages: [...villages.values()],
    accountNote: fullAccounts ? '银行账号与银行代发文件一致，为完整账号，请妥善保管。' : '银行账号按规定脱敏打印。',
  });
  const totalFen = found.reduce((s, r) => s + Number(r.amount_fen), 0);
  await audit(db, ctx, {
    action: 'assistance.roll.pdf',
    objectType: 'assistance_roll',
    objectId: id,
    details: { lines: found.length, totalFen, fullAccounts, ...(whole ? {} : { scope: actor.divisionCode }) },
  });
  return { name: `${roll.month}社会救助发放名册_${roll.countyCode}${whole ? '' : `_${actor.divisionCode}`}.pdf`, content };
}
