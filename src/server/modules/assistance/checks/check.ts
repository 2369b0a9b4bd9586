/**
 * 家庭经济状况核对 (household economic check). The request file lists the members of every case
 * whose check was requested; each agency answers with a reply file (formats below, documented in
 * docs/economic-check.md); replies are matched to members by the keyed hash of the ID number in one
 * set-based statement. Findings compare what the agencies found with what the household declared
 * and with the asset limits; the worker accepts the agency's figure or keeps the declared one with
 * a reason, and the check can only complete when every finding is decided.
 */
import { and, eq, sql } from 'drizzle-orm';
import { householdMembersOf, PERSONS_VIEW, personsView } from '../../registry/read.js';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor, scopeWhere } from '../../../platform/access/scope.js';
import type { Actor } from '../../../platform/context.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { audit, auditInRaw } from '../../../platform/audit/audit.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { readTableIn, writeXlsx } from '../../../platform/xlsx.js';
import { parseYuan, yuanShort } from '../../../../shared/money.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { checkAgencies, checkReplyColumns, incomeKinds, type CheckAgency } from '../../../../shared/assistance-codes.js';
import { keysOf, relations } from '../../../../shared/registry-codes.js';
import { agencyCode, type CaseCheck, type DecideInput, type Finding, type ReplyImported } from '../../../../shared/assistance/checks.js';
import { countyOf } from '../../../../shared/divisions.js';
import { assistanceCases, assistanceCheckBatches, assistanceCheckReplies, assistanceChecks, type CheckRecord } from '../schema.js';
import { caseScope, lockCaseInTx, recordActionInTx } from '../cases/case-store.js';
import { actorName } from '../cases/apply.js';
import { registeredHouseholdId, type StoredApplication } from '../cases/application.js';
import { PolicyBook } from '../policy/policy.js';
import { FieldView } from '../../../platform/crypto/field-view.js';

type RecordOut = {
  kind: 'deposit' | 'house' | 'vehicle' | 'wage' | 'pension' | 'business_entity';
  amountFen: number;
  detail: string | null;
};

interface Agency {
  name: string;
  /** Columns after 身份证号 and 姓名. */
  columns: readonly string[];
  records(cells: string[], money: (i: number) => number): RecordOut[];
}

/** What each agency's reply row says, by the columns of `checkReplyColumns` (src/shared/assistance-codes.ts). */
const replyRecords: Record<CheckAgency, Agency['records']> = {
  bank: (c, m) => [{ kind: 'deposit', amountFen: m(1), detail: c[0] }],
  real_estate: (c) => [{ kind: 'house', amountFen: 0, detail: `${c[0]} ${c[1]}㎡` }],
  vehicle: (c) => [{ kind: 'vehicle', amountFen: 0, detail: `${c[0]} ${c[1]}` }],
  tax: (_c, m) => [{ kind: 'wage', amountFen: Math.round(m(0) / 12), detail: '税务：年度收入额 ÷ 12' }],
  social_insurance: (_c, m) => [
    ...(m(0) > 0 ? [{ kind: 'wage' as const, amountFen: m(0), detail: '社保：月缴费基数' }] : []),
    ...(m(1) > 0 ? [{ kind: 'pension' as const, amountFen: m(1), detail: '社保：月养老金' }] : []),
  ],
  business: (c, m) => [{ kind: 'business_entity', amountFen: m(1) * 10_000, detail: c[0] }],
  housing_fund: (_c, m) => [{ kind: 'wage', amountFen: m(0), detail: '公积金：月缴存基数' }],
};

/** Reply formats per agency (xlsx or UTF-8 CSV, first row the headers), in the order of `checkAgencies`. */
export const agencies: Record<string, Agency> = Object.fromEntries(
  keysOf(checkAgencies).map((code) => [code, { name: checkAgencies[code], columns: checkReplyColumns[code], records: replyRecords[code] }]),
);

export function checkScope(actor: Actor) {
  return scopeWhere(actor, { division: assistanceChecks.divisionCode, household: assistanceChecks.householdId });
}

export const agencyList = z.array(agencyCode).min(1, '请至少选择一个核对部门').max(Object.keys(agencies).length);

/** The names of agency codes, in the order of `agencies`, joined for a message. */
export function agencyNames(codes: readonly string[]): string {
  return Object.keys(agencies)
    .filter((a) => codes.includes(a))
    .map((a) => agencies[a].name)
    .join('、');
}

/**
 * The request file: every member of every requested check in scope, with full ID numbers (audited).
 * Each download is a batch (核对批次) recording the checks and persons it lists; its number is in the
 * file, the file name and every reply.
 */
export async function checkRequestFile(deps: Deps, ctx: Ctx): Promise<{ batchId: number; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  return deps.database.db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(assistanceCheckBatches)
      .values({ divisionCode: actor.divisionCode, createdBy: actor.userId })
      .returning({ id: assistanceCheckBatches.id });
    await tx.execute(sql`insert into assistance_check_batch_lines (batch_id, check_id, person_id)
      select ${batch.id}, ${assistanceChecks.id}, p.id from ${assistanceChecks} join ${personsView} p on p.household_id =
        ${assistanceChecks.householdId}
      where ${assistanceChecks.status} = 'requested' and ${checkScope(actor)}`);
    const found = await rows<{
      check_id: number | string;
      case_no: string;
      person_id: number | string;
      name: string;
      relation: string | null;
      id_number_enc: string | null;
      agencies: string[];
    }>(
      tx,
      sql`select k.id as check_id, coalesce((select case_no from assistance_cases c where c.id = k.case_id), '复核-' || k.entitlement_id) as
        case_no,
            p.id as person_id, p.name, p.relation, p.id_number_enc, k.agencies
          from assistance_check_batch_lines l join assistance_checks k on k.id = l.check_id join ${personsView} p on p.id = l.person_id
          where l.batch_id = ${batch.id}
          order by k.id, p.id`,
    );
    // A damaged ID number stops the file: the agencies match by ID number, so a line reading
    // 数据校验失败 would come back with no findings and the household would look as if it had no
    // income or assets. The message names the member so the ID number can be re-entered (audited).
    const view = new FieldView(deps, ctx);
    const lines = found.map((r) => ({
      ...r,
      idNumber: r.id_number_enc
        ? view.strict(r.id_number_enc, { objectType: 'person', objectId: r.person_id, field: 'idNumber' }, () =>
            AppError.conflict(
              `${r.name}（申请编号 ${r.case_no}）的身份证号数据校验失败，记录可能被篡改，未生成核对请求文件。请核实后在人口库中重新录入身份证号，再导出`,
            ),
          )
        : '',
    }));
    await tx.update(assistanceCheckBatches).set({ persons: found.length }).where(eq(assistanceCheckBatches.id, batch.id));
    await audit(tx, ctx, { action: 'assistance.check.request_file', details: { rows: found.length, batch: batch.id } });
    const content = await writeXlsx(
      '核对请求',
      [
        { header: '核对编号', value: (r) => Number(r.check_id) },
        { header: '申请编号', width: 16, value: (r) => r.case_no },
        { header: '姓名', value: (r) => r.name },
        { header: '身份证号', width: 22, value: (r) => r.idNumber },
        { header: '与户主关系', value: (r) => relations[(r.relation ?? 'other') as keyof typeof relations] ?? '' },
        { header: '核对部门', width: 40, value: (r) => agencyNames(r.agencies) },
        { header: '批次号', value: () => batch.id },
      ],
      lines,
    );
    return { batchId: batch.id, content };
  });
}

/** The file name of a batch's request file, and of an agency's reply to it (the batch is read back from it). */
export const requestFileName = (batchId: number) => `家庭经济状况核对请求-批次${batchId}.xlsx`;
export const replyFileName = (agency: string, batchId?: number) =>
  `核对回复-${agencies[agency]?.name ?? agency}${batchId ? `-批次${batchId}` : ''}.xlsx`;

/** An agency's reply template: the headers of its format, 批次号 first; no rows. */
export async function replyTemplate(agency: string): Promise<Buffer> {
  const spec = agencies[agency];
  if (!spec) throw AppError.field('agency', '请选择回复部门');
  return writeXlsx<never>(
    `${spec.name}核对回复`,
    replyHeaders(spec, true).map((header) => ({ header, width: header === '身份证号' ? 22 : 16, value: () => '' })),
    [],
  );
}

function replyHeaders(spec: Agency, withBatch: boolean): string[] {
  return [...(withBatch ? ['批次号'] : []), '身份证号', '姓名', ...spec.columns];
}

/** The batch a file name names (…批次12….xlsx), or null. */
export function batchOfFileName(name: string): number | null {
  const m = /批次\s*(\d{1,12})/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Reads a reply with the column 批次号 first or without it; a header error names both layouts. */
async function readReply(file: { name: string; content: Buffer }, spec: Agency) {
  try {
    const { layout, rows } = await readTableIn(file, [replyHeaders(spec, true), replyHeaders(spec, false)]);
    return { withBatch: layout === 0, table: rows };
  } catch (e) {
    if (!(e instanceof AppError && /表头/.test(e.message))) throw e;
    throw AppError.field(
      'file',
      `表头应依次为「${replyHeaders(spec, true).join('、')}」（可下载${spec.name}的回复模板；不填批次号列时，文件名须含批次号，如「${replyFileName(
        Object.keys(agencies).find((k) => agencies[k] === spec)!,
        12,
      )}」）`,
    );
  }
}

/**
 * Imports one agency's reply: every row valid or nothing stored; matched by ID number to open checks
 * in scope. A reply naming its batch (column 批次号, or the file name) answers every check of that
 * batch for the agency, rows or none; one without a batch answers the checks its rows match.
 */
export async function importCheckReply(
  deps: Deps,
  ctx: Ctx,
  agency: string,
  file: { name: string; content: Buffer },
): Promise<ReplyImported> {
  const actor = requireActor(ctx.actor);
  const spec = agencies[agency];
  if (!spec) throw AppError.field('agency', '请选择回复部门');
  const { withBatch, table } = await readReply(file, spec);
  const off = withBatch ? 1 : 0;
  const errors: FieldError[] = [];
  const staged: { hash: string; record: RecordOut }[] = [];
  const batches = new Set<number>();
  const named = batchOfFileName(file.name);
  if (named !== null) batches.add(named);
  for (const { rowNumber, cells } of table) {
    if (withBatch) {
      const b = (cells[0] ?? '').trim();
      if (b && !/^\d{1,12}$/.test(b)) errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：批次号应为数字` });
      else if (b) batches.add(Number(b));
    }
    const id = (cells[off] ?? '').trim().toUpperCase();
    if (!/^\d{17}[\dX]$/.test(id)) {
      errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：身份证号格式不正确` });
      continue;
    }
    const rest = cells.slice(off + 2).map((c) => c ?? '');
    const money = (i: number) => {
      const v = parseYuan(rest[i] || '0');
      if (v === null || v < 0) {
        errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：「${spec.columns[i]}」应为不小于 0 的金额` });
        return 0;
      }
      return v;
    };
    const hash = deps.cipher.lookupHash(id);
    for (const record of spec.records(rest, money)) staged.push({ hash, record });
  }
  if (errors.length)
    throw new AppError('VALIDATION', `回复文件有 ${errors.length} 处错误，未导入任何数据`, { fields: errors.slice(0, 100) });
  if (batches.size > 1)
    throw AppError.field('file', `一个回复文件只能回复一个批次，文件中有批次 ${[...batches].sort((a, b) => a - b).join('、')}`);
  const batchId = batches.size ? [...batches][0] : null;
  if (!table.length && batchId === null)
    throw AppError.field(
      'file',
      '回复文件中没有数据行；“查无记录”的回复须在文件名中写明批次号（如「…-批次12.xlsx」），请使用下载的回复模板',
    );
  const scope = actor.divisionCode + '%';
  // The checks a reply may reach, and so the counts it answers with, are those of checkScope: the
  // division prefix for staff; organisation staff and residents see no checks, so theirs match none (Z2).
  const seesChecks = actor.kind === 'staff' && actor.organisationId === null;
  const result = await deps.database.rawTransaction(async (tx) => {
    if (batchId !== null) {
      const [b] = await tx.query<{ n: string | number }>(
        `select count(*) as n from assistance_check_batches b where b.id = $1 and b.division_code like $2 and $3::boolean`,
        [batchId, scope, seesChecks],
      );
      if (!Number(b.n)) throw AppError.field('file', `批次 ${batchId} 不存在或不在您的管辖范围内`);
    }
    // The persons the reply may answer for: members of households whose check is open, inside the
    // jurisdiction; with a batch, only the persons that batch listed. Matching by ID hash is done
    // here rather than by a join on a staged copy of the reply: it writes one row per answered
    // check instead of one per reply row (docs/decisions.md 27).
    const candidates = await tx.query<{ check_id: string | number; person_id: string | number; hash: string | null }>(
      `select k.id as check_id, p.id as person_id, p.id_number_hash as hash
       from assistance_checks k join ${PERSONS_VIEW} p on p.household_id = k.household_id
       where k.status in ('requested', 'replied') and k.division_code like $1 and $2::boolean
         and ($3::bigint is null or exists (select 1 from assistance_check_batch_lines l where l.batch_id = $3::bigint and l.check_id =
           k.id and l.person_id = p.id))`,
      [scope, seesChecks, batchId],
    );
    const byHash = new Map<string, { checkId: number; personId: number; matched: boolean }[]>();
    const listed = new Set<number>();
    for (const c of candidates) {
      const at = { checkId: Number(c.check_id), personId: Number(c.person_id), matched: false };
      listed.add(at.checkId);
      if (!c.hash) continue;
      const of = byHash.get(c.hash);
      if (of) of.push(at);
      else byHash.set(c.hash, [at]);
    }
    // Answered: the matched checks, and with a batch every open check it listed (an empty reply = nothing found).
    const found = new Map<number, CheckRecord[]>();
    if (batchId !== null) for (const id of listed) found.set(id, []);
    let matchedPersons = 0;
    for (const { hash, record } of staged) {
      for (const at of byHash.get(hash) ?? []) {
        let records = found.get(at.checkId);
        if (!records) found.set(at.checkId, (records = []));
        records.push({ personId: at.personId, kind: record.kind, amountFen: record.amountFen, detail: record.detail });
        if (!at.matched) matchedPersons++;
        at.matched = true;
      }
    }
    // Each answered check gets this agency's reply, replacing an earlier one; its first reply marks it 已回复.
    const answered = [...found.keys()];
    await tx.query(`delete from assistance_check_replies where agency = $1 and check_id = any($2::bigint[])`, [agency, answered]);
    await tx.copyRows(
      'assistance_check_replies',
      ['check_id', 'agency', 'batch_id', 'records'],
      (function* () {
        for (const [checkId, records] of found)
          yield [
            checkId,
            agency,
            batchId,
            JSON.stringify(records.sort((x, y) => x.personId - y.personId || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0))),
          ];
      })(),
    );
    await tx.query(
      `update assistance_checks set status = 'replied', updated_at = now() where status = 'requested' and id = any($1::bigint[])`,
      [answered],
    );
    await auditInRaw(tx, ctx, {
      action: 'assistance.check.reply',
      details: { agency, batch: batchId, rows: table.length, matchedChecks: found.size },
    });
    return { checks: found.size, persons: matchedPersons };
  });
  return {
    agency,
    agencyName: spec.name,
    batch: batchId,
    rows: table.length,
    matchedPersons: result.persons,
    matchedChecks: result.checks,
  };
}

type RecordRow = CheckRecord & { agency: string };

/** Findings: agency figures above what was declared, and assets against the limits. Pure. */
export function findings(
  app: StoredApplication,
  records: RecordRow[],
  names: Map<number, string>,
  limits: { depositsFen: number; vehicles: number; extraHouses: number },
): Finding[] {
  const out: Finding[] = [];
  const byPerson = new Map<number, RecordRow[]>();
  for (const r of records) {
    const id = r.personId;
    if (!byPerson.has(id)) byPerson.set(id, []);
    byPerson.get(id)!.push(r);
  }
  for (const m of app.members) {
    const recs = byPerson.get(m.personId) ?? [];
    for (const kind of ['wage', 'pension'] as const) {
      const of = recs.filter((r) => r.kind === kind);
      if (!of.length) continue;
      // Two agencies seeing one wage (tax, social insurance, housing fund): the highest figure counts.
      const found = Math.max(...of.map((r) => r.amountFen));
      const declared = m.incomes.filter((i) => i.kind === kind).reduce((s, i) => s + i.monthlyFen, 0);
      if (found > declared) {
        out.push({
          key: `income:${m.personId}:${kind}`,
          label: `${names.get(m.personId) ?? ''} ${incomeKinds[kind]}`,
          declared: `${yuanShort(declared)} 元/月`,
          found: `${yuanShort(found)} 元/月`,
          apply: { personId: m.personId, incomeKind: kind, monthlyFen: found },
          overLimit: null,
          sources: of.map((r) => `${agencies[r.agency]?.name ?? r.agency}：${r.detail ?? ''}`),
        });
      }
    }
    for (const b of recs.filter((r) => r.kind === 'business_entity')) {
      out.push({
        key: `business:${m.personId}:${b.detail}`,
        label: `${names.get(m.personId) ?? ''} 登记有市场主体`,
        declared: '未申报',
        found: `${b.detail ?? ''}（注册资本 ${yuanShort(b.amountFen)} 元）`,
        apply: null,
        overLimit: null,
        sources: [agencies.business.name],
      });
    }
  }
  const all = [...byPerson.values()].flat();
  const deposits = all.filter((r) => r.kind === 'deposit').reduce((s, r) => s + r.amountFen, 0);
  if (all.some((r) => r.kind === 'deposit') && deposits > app.assets.depositsFen) {
    out.push({
      key: 'assets:deposits',
      label: '家庭存款',
      declared: `${yuanShort(app.assets.depositsFen)} 元`,
      found: `${yuanShort(deposits)} 元`,
      apply: { depositsFen: deposits },
      overLimit: deposits > limits.depositsFen ? `超过上限 ${yuanShort(limits.depositsFen)} 元` : null,
      sources: [agencies.bank.name],
    });
  }
  const vehicles = all.filter((r) => r.kind === 'vehicle');
  if (vehicles.length > app.assets.vehicles) {
    out.push({
      key: 'assets:vehicles',
      label: '机动车',
      declared: `${app.assets.vehicles} 辆`,
      found: `${vehicles.length} 辆（${vehicles.map((v) => v.detail).join('、')}）`,
      apply: { vehicles: vehicles.length },
      overLimit: vehicles.length > limits.vehicles ? '超过规定' : null,
      sources: [agencies.vehicle.name],
    });
  }
  const houses = all.filter((r) => r.kind === 'house');
  const extra = Math.max(0, houses.length - 1);
  if (extra > app.assets.extraHouses) {
    out.push({
      key: 'assets:houses',
      label: '住房以外的房产',
      declared: `${app.assets.extraHouses} 套`,
      found: `共 ${houses.length} 套（${houses.map((h) => h.detail).join('、')}）`,
      apply: { extraHouses: extra },
      overLimit: extra > limits.extraHouses ? '超过规定' : null,
      sources: [agencies.real_estate.name],
    });
  }
  return out;
}

/** The check of a case with its findings and the worker's decisions. */
export async function openCheck(deps: Deps, ctx: Ctx, caseId: number): Promise<CaseCheck | null> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [c] = await db
    .select()
    .from(assistanceCases)
    .where(and(eq(assistanceCases.id, caseId), caseScope(actor)));
  if (!c) throw AppError.notFound('救助案件');
  const [check] = await db.select().from(assistanceChecks).where(eq(assistanceChecks.caseId, caseId));
  if (!check) return null;
  const list = await findingsOf(db, await PolicyBook.load(db), c, check.id);
  const replied = await repliedAgencies(db, check.id);
  return {
    id: check.id,
    status: check.status,
    repliedAgencies: replied.map((a) => ({ code: a, name: agencies[a]?.name ?? a })),
    agencies: check.agencies.map((a) => ({ code: a, name: agencies[a]?.name ?? a, replied: replied.includes(a) })),
    missingAgencies: check.agencies.filter((a) => !replied.includes(a)).map((a) => ({ code: a, name: agencies[a]?.name ?? a })),
    batches: (
      await rows<{ batch_id: number | string }>(
        db,
        sql`select distinct batch_id from assistance_check_batch_lines where check_id = ${check.id} order by batch_id`,
      )
    ).map((b) => Number(b.batch_id)),
    findings: list.map((f) => ({ ...f, decision: check.decisions[f.key] ?? null })),
    undecided: list.filter((f) => !check.decisions[f.key]).length,
  };
}

/** The agencies that have answered a check, in the order of `agencies`. */
export async function repliedAgencies(db: Db, checkId: number): Promise<string[]> {
  const got = new Set(
    (
      await db
        .select({ agency: assistanceCheckReplies.agency })
        .from(assistanceCheckReplies)
        .where(eq(assistanceCheckReplies.checkId, checkId))
    ).map((r) => r.agency),
  );
  return Object.keys(agencies).filter((a) => got.has(a));
}

export async function findingsOf(db: Db, book: PolicyBook, c: typeof assistanceCases.$inferSelect, checkId: number): Promise<Finding[]> {
  return findingsFor(
    db,
    book,
    c.application as unknown as StoredApplication,
    { householdId: registeredHouseholdId(c), payeePersonId: c.applicantPersonId, divisionCode: c.divisionCode },
    checkId,
  );
}

/** Findings of a check against what `app` declares (an application, or a recipient's recorded facts). */
export async function findingsFor(
  db: Db,
  book: PolicyBook,
  app: StoredApplication,
  of: { householdId: number; payeePersonId: number; divisionCode: string },
  checkId: number,
): Promise<Finding[]> {
  const replies = await db
    .select({ agency: assistanceCheckReplies.agency, records: assistanceCheckReplies.records })
    .from(assistanceCheckReplies)
    .where(eq(assistanceCheckReplies.checkId, checkId));
  const order = Object.keys(agencies);
  const recs = replies
    .sort((a, b) => order.indexOf(a.agency) - order.indexOf(b.agency))
    .flatMap((r) => r.records.map((x) => ({ ...x, agency: r.agency })));
  const names = new Map(
    (await rows<{ id: number | string; name: string }>(db, sql`select id, name from ${householdMembersOf(of.householdId)} m`)).map((p) => [
      Number(p.id),
      p.name,
    ]),
  );
  const county = countyOf(of.divisionCode);
  const month = monthOf(shanghaiToday());
  const payee = await rows<{ hukou_type: 'urban' | 'rural' }>(
    db,
    sql`select hukou_type from ${personsView} p where p.id = ${of.payeePersonId}`,
  );
  const standard = book.standard('dibao', payee[0]?.hukou_type ?? 'rural', county, month)?.amountFen ?? 0;
  return findings(app, recs, names, {
    depositsFen: standard * book.param('deposit_limit_months', county, month) * Math.max(1, app.members.length),
    vehicles: book.param('vehicle_limit', county, month),
    extraHouses: book.param('extra_house_limit', county, month),
  });
}

/**
 * Accepting a finding writes the agency's figure into the application; keeping the declared one needs
 * a reason. Either is recorded in the case history (办理记录) with the finding and the reason.
 */
export async function decideFinding(deps: Deps, ctx: Ctx, caseId: number, input: DecideInput): Promise<{ ok: true }> {
  const actor = requireActor(ctx.actor);
  if (input.decision === 'override' && !input.reason) throw AppError.field('reason', '不采用核对结果须说明理由');
  const cal = await deps.calendar.get();
  return deps.database.db.transaction(async (tx) => {
    const c = await lockCaseInTx(tx, actor, caseId);
    const [check] = await tx.select().from(assistanceChecks).where(eq(assistanceChecks.caseId, caseId)).for('update');
    if (!check || c.status !== 'checking') throw AppError.conflict('案件不在核对环节');
    const book = await PolicyBook.load(tx);
    const finding = (await findingsOf(tx, book, c, check.id)).find((f) => f.key === input.key);
    if (!finding) throw AppError.notFound('核对发现');
    const app = structuredClone(c.application) as unknown as StoredApplication;
    const applies = input.decision === 'accept' && finding.apply !== null;
    if (applies) {
      const a = finding.apply!;
      if (a.personId && a.incomeKind) {
        const m = app.members.find((x) => x.personId === a.personId)!;
        m.incomes = [...m.incomes.filter((i) => i.kind !== a.incomeKind), { kind: a.incomeKind, monthlyFen: a.monthlyFen! }];
      }
      if (a.depositsFen !== undefined) app.assets.depositsFen = a.depositsFen;
      if (a.vehicles !== undefined) app.assets.vehicles = a.vehicles;
      if (a.extraHouses !== undefined) app.assets.extraHouses = a.extraHouses;
    }
    const decisions = {
      ...check.decisions,
      [input.key]: { decision: input.decision, reason: input.reason ?? null, by: actor.userId, at: new Date().toISOString() },
    };
    await tx.update(assistanceChecks).set({ decisions, updatedAt: new Date() }).where(eq(assistanceChecks.id, check.id));
    // The history entry (and the case's version, which it raises: a client holding the old one must refresh).
    await recordActionInTx(tx, ctx, c, 'decide_finding', {
      reason: input.reason ?? null,
      data: {
        key: input.key,
        decision: input.decision,
        label: finding.label,
        declared: finding.declared,
        found: finding.found,
        sources: finding.sources,
      },
      set: applies ? { application: app as unknown as Record<string, unknown> } : undefined,
      today: shanghaiToday(),
      cal,
      book,
      actorName: await actorName(tx, actor),
      actorDivision: actor.divisionCode,
    });
    await audit(tx, ctx, {
      action: 'assistance.check.decide',
      objectType: 'assistance_case',
      objectId: caseId,
      details: { caseNo: c.caseNo, key: input.key, decision: input.decision },
    });
    return { ok: true } as const;
  });
}
