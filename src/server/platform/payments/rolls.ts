/**
 * The monthly payment roll (发放名册) of a programme, one per county and month: a durable job copies
 * the programme's payee-months in force into roll lines, freezing each line's amount, inputs,
 * explanation and bank. It works township by township, each in its own transaction that first clears
 * that township's lines and then writes them with one INSERT … SELECT over the programme's fragment
 * (docs/decisions.md 17), so a job killed half-way and run again gives the same roll with no payment
 * twice (F5); the primary key (roll, record) makes a duplicate impossible anyway. An approved roll is
 * final. Who built a roll does not approve it where the programme separates the duties (docs/rules.md
 * "Separation of duties"). Every act is audited by the programme (programmes.ts).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Deps } from '../deps.js';
import type { Actor, Ctx } from '../context.js';
import { requireActor, scopeWhere, withinDivision } from '../access/scope.js';
import { rows, type Db } from '../db/index.js';
import { jobs } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { JobHandler } from '../jobs/runner.js';
import { FieldView } from '../crypto/field-view.js';
import { accountRef, maskAccountPrinted } from '../payees/payees.js';
import { paymentRollPdf, type PaymentRollVillage } from '../pdf/payment-roll.js';
import { formatDateZh } from '../pdf/format.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { isCountyOrAbove } from '../../../shared/divisions.js';
import type { Page } from '../../../shared/paging.js';
import type {
  ListRollsInput,
  PaymentStatus,
  Roll,
  RollLines,
  RollLinesInput,
  RollStarted,
  RollStatus,
  StartRollInput,
} from '../../../shared/payments/rolls.js';
import type { PaymentProgramme } from './programmes.js';
import { paymentRollLines, paymentRolls } from './schema.js';

/** The roll job of every programme (payload: the roll's id). */
export const BUILD_ROLL = 'payments.roll';

/** Rolls of a county are the county's (and the city's) business; a township reads its own lines. */
function rollVisible(actor: Actor) {
  return sql`(${withinDivision(paymentRolls.countyCode, actor.divisionCode)} or ${actor.divisionCode} like
    ${paymentRolls.countyCode} || '%')`;
}

/**
 * Whether the actor sees every line of the county's roll, so that the figures stored on the roll
 * (`lines`, `totalFen`) are theirs: the county's or the city's own staff. A township, a village or
 * an organisation sees only some lines; its figures are computed from those lines (Z2).
 */
export function seesWholeRoll(actor: Actor, countyCode: string): boolean {
  return actor.kind === 'staff' && actor.organisationId === null && countyCode.startsWith(actor.divisionCode);
}

const l = alias(paymentRollLines, 'l');

/**
 * The roll lines (`payment_roll_lines l`) the actor may see: the division prefix, narrowed for
 * organisation staff and residents as every jurisdictional table is. Lines, their totals and a
 * programme's statistics of payments all use it.
 */
export function rollLineScope(actor: Actor): SQL {
  return scopeWhere(actor, { division: l.divisionCode, person: l.payeePersonId, household: l.householdId });
}

export type RollRow = typeof paymentRolls.$inferSelect;

export async function loadRoll(db: Db, actor: Actor, programme: string, id: number): Promise<RollRow> {
  const [roll] = await db
    .select()
    .from(paymentRolls)
    .where(and(eq(paymentRolls.id, id), eq(paymentRolls.programme, programme), rollVisible(actor)));
  if (!roll) throw AppError.notFound('发放名册');
  return roll;
}

export async function startRoll(deps: Deps, ctx: Ctx, p: PaymentProgramme, input: StartRollInput): Promise<RollStarted> {
  const actor = requireActor(ctx.actor);
  if (!input.countyCode.startsWith(actor.divisionCode)) throw AppError.notFound('县（市、区）');
  // The job's result carries the whole county's figures: only those who see the whole roll build it.
  if (!seesWholeRoll(actor, input.countyCode)) throw AppError.forbidden('名册由县级民政部门编制');
  const db = deps.database.db;
  const roll = await db.transaction(async (tx) => {
    await tx
      .insert(paymentRolls)
      .values({ programme: p.programme, countyCode: input.countyCode, month: input.month, createdBy: actor.userId })
      .onConflictDoNothing();
    const [roll] = await tx
      .select()
      .from(paymentRolls)
      .where(
        and(eq(paymentRolls.programme, p.programme), eq(paymentRolls.countyCode, input.countyCode), eq(paymentRolls.month, input.month)),
      )
      .for('update');
    if (roll.status === 'approved') throw AppError.conflict('该月名册已审核，不能重新编制');
    await tx.update(paymentRolls).set({ status: 'building' }).where(eq(paymentRolls.id, roll.id));
    await p.audit(tx, ctx, { action: 'build', rollId: roll.id, details: { countyCode: input.countyCode, month: input.month } });
    return roll;
  });
  // Enqueued after the commit (PGlite has one connection: no second statement inside a transaction).
  const jobId = await deps.jobs.enqueue({ kind: BUILD_ROLL, payload: { rollId: roll.id }, createdBy: actor.userId });
  await db.update(paymentRolls).set({ jobId }).where(eq(paymentRolls.id, roll.id));
  return { id: roll.id, jobId };
}

/** The job: township by township, then the totals. */
export function buildRollHandler(deps: Deps): JobHandler {
  return async (job) => {
    const rollId = Number(job.payload.rollId);
    const result = await buildRoll(deps, rollId, (done, total) => job.progress(done, total));
    return { status: 'succeeded', result };
  };
}

export async function buildRoll(deps: Deps, rollId: number, progress: (done: number, total: number) => Promise<void> = async () => {}) {
  const db = deps.database.db;
  const [roll] = await db.select().from(paymentRolls).where(eq(paymentRolls.id, rollId));
  if (!roll || roll.status === 'approved') return { lines: roll?.lines ?? 0 };
  const p = deps.payments.get(roll.programme);
  const eligible = (within: string) => p.eligible({ countyCode: roll.countyCode, month: roll.month, within });
  // The townships with payee-months now, and those whose lines a run before this one wrote.
  const townships = (
    await rows<{ t: string }>(
      db,
      sql`select distinct left(x.division_code, 9) as t from (${eligible(roll.countyCode)}) x
        union select distinct left(division_code, 9) from payment_roll_lines where roll_id = ${rollId} order by 1`,
    )
  ).map((r) => r.t);
  for (const [i, township] of townships.entries()) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from payment_roll_lines where roll_id = ${rollId} and ${withinDivision(sql`division_code`, township)}`);
      await tx.execute(sql`insert into payment_roll_lines
          (roll_id, record_id, household_id, division_code, benefit_type, payee_person_id, covered_count, amount_fen, breakdown, inputs,
            bank_name, bank_account_enc)
        select ${rollId}, x.record_id, x.household_id, x.division_code, x.benefit_type, x.payee_person_id,
          jsonb_array_length(x.covered_person_ids), x.amount_fen, x.breakdown, x.inputs, a.bank_name, a.bank_account_enc
        from (${eligible(township)}) x left join payee_accounts a on a.programme = ${roll.programme} and a.person_id = x.payee_person_id`);
    });
    await progress(i + 1, townships.length);
  }
  const [totals] = await rows<{ lines: number | string; total: number | string | null }>(
    db,
    sql`select count(*) as lines, sum(amount_fen) as total from payment_roll_lines where roll_id = ${rollId}`,
  );
  await db
    .update(paymentRolls)
    .set({ status: 'built', lines: Number(totals.lines), totalFen: Number(totals.total ?? 0), builtAt: new Date() })
    .where(eq(paymentRolls.id, rollId));
  return { lines: Number(totals.lines), totalFen: Number(totals.total ?? 0) };
}

/**
 * Separation of duties (不相容岗位分离) for the roll: who built it (created the roll, or started the
 * build whose lines it now holds) does not approve it, while the programme separates the duties in
 * the county. The reason, or null; the roll page shows it beside the approve button.
 */
export async function rollDutyConflict(db: Db, p: PaymentProgramme, roll: RollRow, actorUserId: number): Promise<string | null> {
  if (!(await p.separatesDuties(db, roll.countyCode))) return null;
  const builders = new Set<number | null>([roll.createdBy]);
  if (roll.jobId !== null) {
    const [job] = await db.select({ createdBy: jobs.createdBy }).from(jobs).where(eq(jobs.id, roll.jobId));
    builders.add(job?.createdBy ?? null);
  }
  return builders.has(actorUserId) ? '您编制了本名册，按不相容岗位分离的规定，名册须由其他工作人员审核' : null;
}

export async function approveRoll(deps: Deps, ctx: Ctx, p: PaymentProgramme, id: number) {
  const actor = requireActor(ctx.actor);
  return deps.database.db.transaction(async (tx) => {
    const roll = await loadRoll(tx, actor, p.programme, id);
    if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('名册由县级民政部门审核');
    if (roll.status !== 'built') throw AppError.conflict(roll.status === 'approved' ? '名册已审核' : '名册尚未编制完成');
    const duty = await rollDutyConflict(tx, p, roll, actor.userId);
    if (duty) throw AppError.forbidden(duty);
    await tx
      .update(paymentRolls)
      .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
      .where(eq(paymentRolls.id, id));
    await p.audit(tx, ctx, { action: 'approve', rollId: id, details: { lines: roll.lines, totalFen: roll.totalFen } });
    return { id, status: 'approved' as const };
  });
}

export async function listRolls(deps: Deps, ctx: Ctx, p: PaymentProgramme, input: ListRollsInput): Promise<Page<Roll>> {
  const actor = requireActor(ctx.actor);
  const where = and(
    eq(paymentRolls.programme, p.programme),
    rollVisible(actor),
    input.month ? eq(paymentRolls.month, input.month) : undefined,
  );
  const db = deps.database.db;
  // Every roll a county (or city) user lists is a whole county's: the stored figures are theirs. A
  // township's, village's or organisation's figures are those of its own lines, a range of the
  // (roll, division) index per roll listed.
  const whole = actor.kind === 'staff' && actor.organisationId === null && isCountyOrAbove(actor.divisionCode);
  const figures = whole
    ? sql`select payment_rolls.lines, payment_rolls.total_fen`
    : sql`select count(*) as lines, coalesce(sum(l.amount_fen), 0) as total_fen from payment_roll_lines l where l.roll_id =
      payment_rolls.id and ${rollLineScope(actor)}`;
  const [items, [{ n }]] = await Promise.all([
    rows<{
      id: number;
      county_code: string;
      county_name: string | null;
      month: string;
      status: RollStatus;
      lines: number | string;
      total_fen: number | string;
      built_at: Date | null;
      approved_at: Date | null;
      job_id: number | null;
    }>(
      db,
      sql`select id, county_code, (select name from divisions d where d.code = payment_rolls.county_code) as county_name, month,
        status, f.lines, f.total_fen, built_at, approved_at, job_id
          from ${paymentRolls} cross join lateral (${figures}) f
          where ${where} order by month desc, county_code limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string }>(db, sql`select count(*) as n from ${paymentRolls} where ${where}`),
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

const typeName = (p: PaymentProgramme, type: string) => p.benefitTypes[type] ?? type;

/**
 * The lines of a roll inside the actor's jurisdiction (a township sees its own). The header's
 * `lines` and `totalFen` are those of every line the actor may see (the whole roll for the county);
 * `total` and `totalFen` beside the items are those of the filtered lines.
 */
export async function rollLines(deps: Deps, ctx: Ctx, p: PaymentProgramme, id: number, input: RollLinesInput): Promise<RollLines> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, p.programme, id);
  const visible = [sql`l.roll_id = ${id}`, rollLineScope(actor)];
  const parts = [...visible];
  if (input.paymentStatus) parts.push(sql`l.payment_status = ${input.paymentStatus}`);
  if (input.benefitType) parts.push(sql`l.benefit_type = ${input.benefitType}`);
  if (input.divisionCode) parts.push(withinDivision(sql`l.division_code`, input.divisionCode));
  const where = sql.join(parts, sql` and `);
  const [items, [agg]] = await Promise.all([
    rows<{
      record_id: number | string;
      payee_name: string | null;
      division_name: string | null;
      benefit_type: string;
      covered_count: number;
      amount_fen: number;
      breakdown: string;
      bank_name: string | null;
      payment_status: PaymentStatus;
      failure_reason: string | null;
    }>(
      db,
      sql`select l.record_id, ${p.payeeName(sql`l.payee_person_id`)} as payee_name,
            (select full_name from divisions d where d.code = l.division_code) as division_name, l.benefit_type,
            l.covered_count, l.amount_fen, l.breakdown, l.bank_name, l.payment_status, l.failure_reason
          from payment_roll_lines l where ${where}
          order by l.division_code, l.record_id limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    ),
    rows<{ n: number | string; total: number | string | null }>(
      db,
      sql`select count(*) as n, sum(l.amount_fen) as total from payment_roll_lines l where ${where}`,
    ),
  ]);
  const whole = seesWholeRoll(actor, roll.countyCode);
  const filtered = parts.length > visible.length;
  const [head] = whole
    ? [{ n: roll.lines, total: roll.totalFen }]
    : filtered
      ? await rows<{ n: number | string; total: number | string | null }>(
          db,
          sql`select count(*) as n, sum(l.amount_fen) as total from payment_roll_lines l where ${sql.join(visible, sql` and `)}`,
        )
      : [agg];
  // Why this user's approval would be refused (separation of duties), for a roll they could approve.
  const approveBlockedReason =
    roll.status === 'built' && whole && actor.permissions.has(p.manage) ? await rollDutyConflict(db, p, roll, actor.userId) : null;
  await p.auditLines(ctx, { rollId: id, total: Number(agg.n) });
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
    items: items.map((r) => ({
      recordId: Number(r.record_id),
      lineNo: `${id}-${r.record_id}`,
      payeeName: r.payee_name ?? '',
      divisionName: r.division_name,
      benefitType: r.benefit_type,
      benefitTypeName: typeName(p, r.benefit_type),
      coveredCount: r.covered_count,
      amountFen: r.amount_fen,
      breakdown: r.breakdown,
      bankName: r.bank_name,
      paymentStatus: r.payment_status,
      failureReason: r.failure_reason,
    })),
    total: Number(agg.n),
    totalFen: Number(agg.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * The roll on paper (<programme>资金发放名册, PDF): the lines the actor may see (rollLineScope: a
 * township its villages, a village its own), by village with subtotals, the total of those lines,
 * and the signature blocks. The account is printed as the bank file prints it (in full) for who may
 * export the bank file (the programme's manage permission over the whole roll), masked for everyone
 * else. A roll still building has no final lines: 409. Audited like an export.
 */
export async function rollPdf(deps: Deps, ctx: Ctx, p: PaymentProgramme, id: number): Promise<{ name: string; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, p.programme, id);
  if (roll.status === 'building') throw AppError.conflict('名册正在编制，完成后才能打印');
  const whole = seesWholeRoll(actor, roll.countyCode);
  const fullAccounts = whole && actor.permissions.has(p.manage);
  const found = await rows<{
    record_id: number | string;
    division_code: string;
    village: string | null;
    name: string | null;
    benefit_type: string;
    covered_count: number;
    amount_fen: number | string;
    bank_name: string | null;
    bank_account_enc: string | null;
    payee_account_id: number | string | null;
  }>(
    db,
    sql`select l.record_id, l.division_code, (select full_name from divisions d where d.code = l.division_code) as village,
          ${p.payeeName(sql`l.payee_person_id`)} as name, l.benefit_type, l.covered_count, l.amount_fen,
          coalesce(a.bank_name, l.bank_name) as bank_name, coalesce(a.bank_account_enc, l.bank_account_enc) as bank_account_enc,
          a.id as payee_account_id
        from payment_roll_lines l left join payee_accounts a on a.programme = ${p.programme} and a.person_id = l.payee_person_id
        where l.roll_id = ${id} and ${rollLineScope(actor)}
        order by l.division_code, l.record_id`,
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
    village.lines.push({
      lineNo: `${id}-${r.record_id}`,
      payeeName: r.name ?? '',
      category: typeName(p, r.benefit_type),
      coveredCount: Number(r.covered_count),
      bankName: r.bank_name ?? '',
      account: view.show(r.bank_account_enc, accountRef(Number(r.payee_account_id)), fullAccounts ? undefined : maskAccountPrinted) ?? '',
      amountFen: Number(r.amount_fen),
    });
  }
  const own = (names.own ?? actor.divisionCode).replace(county, '') || actor.divisionCode;
  const scope = whole ? '全县' : actor.organisationId !== null ? '本机构服务对象' : `${own}（本辖区）`;
  const approved = roll.status === 'approved' && roll.approvedAt ? `已审核（${formatDateZh(shanghaiToday(roll.approvedAt))}）` : '待审核';
  const content = await paymentRollPdf({
    programme: p.name,
    typeLabel: p.typeLabel,
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
  await p.audit(db, ctx, {
    action: 'pdf',
    rollId: id,
    details: { lines: found.length, totalFen, fullAccounts, ...(whole ? {} : { scope: actor.divisionCode }) },
  });
  return { name: `${roll.month}${p.name}发放名册_${roll.countyCode}${whole ? '' : `_${actor.divisionCode}`}.pdf`, content };
}
