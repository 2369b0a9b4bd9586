/**
 * Migration (存量数据迁移): an existing recipient roster imported from .xlsx, one row per
 * entitlement. The persons must already be in the registry (import the persons roster first):
 * the roster names them by ID number only. Every row is validated; all rows load or none, and a
 * rejected file gets an .xlsx of its rows with their errors. Migrated entitlements carry the amount
 * the old system paid; having no recorded incomes, they are not recomputed by a new standard but
 * re-reviewed on the date given (or within 3 months).
 */
import { eq, sql } from 'drizzle-orm';
import { benefitTypesOpenFrom, householdsView, personsView } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/runner.js';
import { requireActor, withinDivision } from '../../../platform/access/scope.js';
import { actorForJob } from '../../../platform/jobs/actor.js';
import { rows } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import { files } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { readXlsxRows, writeXlsx, XLSX_MIME, type Cell } from '../../../platform/xlsx.js';
import { parseYuan, yuanShort } from '../../../../shared/money.js';
import { countyOf } from '../../../../shared/divisions.js';
import { addMonths, isDate, isMonth, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { writeBenefitRecordsInTx } from './entitlements.js';
import { ASSISTANCE_PROGRAMME } from './account.js';

export const IMPORT_ENTITLEMENTS = 'assistance.import_recipients';
export const entitlementHeaders = [
  '收款人身份证号',
  '救助类别',
  '保障成员身份证号',
  '月发放金额（元）',
  '计算说明',
  '起始月份',
  '开户银行',
  '银行账号',
  '下次复核日期',
] as const;
const categoryByName: Record<string, 'dibao' | 'tekun'> = { 低保: 'dibao', 特困: 'tekun' };

export async function entitlementTemplate(): Promise<Buffer> {
  return writeXlsx(
    '救助对象',
    entitlementHeaders.map((h) => ({ header: h, width: 20, value: () => null })),
    [],
    {
      name: '填写说明',
      lines: [
        '每行一户（低保）或一人（特困）的在享待遇。人员须已在人口与家庭库中登记（先导入人员花名册）。',
        '救助类别：低保 或 特困。保障成员身份证号：多个用顿号“、”分隔，须与收款人同一家庭。',
        '月发放金额以元为单位，最多两位小数。起始月份格式 YYYY-MM。下次复核日期格式 YYYY-MM-DD，可不填（默认 3 个月内复核）。',
        '有任何一行错误时不导入任何数据，并提供错误报告下载。',
      ],
    },
  );
}

export async function submitEntitlementImport(
  deps: Deps,
  ctx: Ctx,
  upload: { name: string; content: Buffer },
  idempotencyKey: string | null,
) {
  const actor = requireActor(ctx.actor);
  for await (const first of readXlsxRows(upload.content, [...entitlementHeaders])) {
    void first;
    break;
  }
  const [file] = await deps.database.db
    .insert(files)
    .values({ name: upload.name, mime: XLSX_MIME, content: upload.content, createdBy: actor.userId })
    .returning({ id: files.id });
  return {
    jobId: await deps.jobs.enqueue({
      kind: IMPORT_ENTITLEMENTS,
      payload: { fileId: file.id, ip: ctx.ip },
      createdBy: actor.userId,
      idempotencyKey,
    }),
  };
}

interface Row {
  rowNumber: number;
  cells: Cell[];
  errors: string[];
  value?: {
    payee: number;
    householdId: number;
    divisionCode: string;
    hukouType: 'urban' | 'rural';
    category: 'dibao' | 'tekun';
    covered: { id: number; name: string }[];
    amountFen: number;
    breakdown: string;
    startMonth: string;
    bankName: string;
    account: string;
    review: string;
  };
}

export function entitlementImportHandler(deps: Deps) {
  return async (job: JobContext): Promise<JobOutcome> => {
    const db = deps.database.db;
    const actor = await actorForJob(deps, job.createdBy);
    const [file] = await db
      .select()
      .from(files)
      .where(eq(files.id, Number(job.payload.fileId)));
    if (!file) throw new AppError('NOT_FOUND', '导入文件已不存在');
    const parsed: Row[] = [];
    for await (const r of readXlsxRows(file.content, [...entitlementHeaders])) parsed.push({ ...r, errors: [] });
    const hashes = new Set<string>();
    const idsOf = (cell: Cell) =>
      (cell ?? '')
        .split(/[、,，;；\s]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
    for (const r of parsed)
      for (const id of [r.cells[0], ...idsOf(r.cells[2])]) if (id) hashes.add(deps.cipher.lookupHash(String(id).trim().toUpperCase()));
    const known = new Map(
      (
        await rows<{
          h: string;
          id: number | string;
          name: string;
          household_id: number | string | null;
          division_code: string | null;
          hukou_type: 'urban' | 'rural';
          other: string | null;
        }>(
          db,
          sql`select p.id_number_hash as h, p.id, p.name, p.household_id, hh.division_code, p.hukou_type,
              ${benefitTypesOpenFrom(sql`p.id`, ['dibao', 'tekun'], monthOf(shanghaiToday()))} as other
            from ${personsView} p left join ${householdsView} hh on hh.id = p.household_id
            where p.id_number_hash in (select jsonb_array_elements_text(${JSON.stringify([...hashes])}::jsonb)) and
              ${withinDivision(sql`p.hukou_division_code`, actor.divisionCode)}`,
        )
      ).map((p) => [p.h, p]),
    );
    const seen = new Set<string>();
    for (const r of parsed) {
      const [payeeId, categoryName, coveredIds, amount, breakdown, start, bankName, account, review] = r.cells.map((c) => (c ?? '').trim());
      const e = r.errors;
      const payee = payeeId ? known.get(deps.cipher.lookupHash(payeeId.toUpperCase())) : undefined;
      if (!payee) e.push('收款人身份证号未在您管辖范围内的人口库中登记');
      else if (!payee.household_id) e.push('收款人未登记家庭');
      const category = categoryByName[categoryName];
      if (!category) e.push('救助类别应为“低保”或“特困”');
      const covered = idsOf(coveredIds).map((id) => ({ id, p: known.get(deps.cipher.lookupHash(id)) }));
      if (!covered.length) e.push('请填写保障成员身份证号');
      for (const c of covered) {
        if (!c.p) e.push(`保障成员 ${c.id.slice(0, 6)}…${c.id.slice(-4)} 未在人口库中登记`);
        else if (payee && c.p.household_id !== payee.household_id) e.push(`保障成员 ${c.p.name} 与收款人不是同一家庭`);
        else if (c.p.other && category && c.p.other.split(',').some((t) => t !== category))
          e.push(`${c.p.name} 正在享受${category === 'dibao' ? '特困供养' : '低保'}，不能同时享受低保和特困`);
      }
      if (category === 'tekun' && covered.length !== 1) e.push('特困按个人认定，保障成员只能填一人');
      const fen = parseYuan(amount);
      if (fen === null || fen <= 0) e.push('月发放金额应为大于 0 的金额（元）');
      if (!isMonth(start)) e.push('起始月份格式应为 YYYY-MM');
      if (bankName.length < 2) e.push('请填写开户银行');
      if (!/^\d{8,30}$/.test(account)) e.push('银行账号应为 8–30 位数字');
      if (review && !isDate(review)) e.push('下次复核日期格式应为 YYYY-MM-DD');
      const key = `${payee?.household_id}:${category}`;
      if (payee && category && seen.has(key)) e.push('同一家庭同一类别在文件中重复');
      seen.add(key);
      if (!e.length && payee && category && fen) {
        r.value = {
          payee: Number(payee.id),
          householdId: Number(payee.household_id),
          divisionCode: payee.division_code!,
          hukouType: payee.hukou_type,
          category,
          covered: covered.map((c) => ({ id: Number(c.p!.id), name: c.p!.name })),
          amountFen: fen,
          breakdown: breakdown || `迁移导入：月发放 ${yuanShort(fen)} 元`,
          startMonth: start,
          bankName,
          account,
          review: review || `${addMonths(monthOf(shanghaiToday()), 3)}-01`,
        };
      }
    }
    // An entitlement already in force for the household and category: the roster would pay twice.
    const households = [...new Set(parsed.filter((r) => r.value).map((r) => r.value!.householdId))];
    if (households.length) {
      const existing = new Set(
        (
          await rows<{ k: string }>(
            db,
            sql`select household_id || ':' || category as k from assistance_entitlements where status <> 'stopped' and household_id in
              (select jsonb_array_elements_text(${JSON.stringify(households)}::jsonb)::bigint)`,
          )
        ).map((r) => r.k),
      );
      for (const r of parsed)
        if (r.value && existing.has(`${r.value.householdId}:${r.value.category}`)) r.errors.push('该家庭已有同类在享待遇');
    }
    const bad = parsed.filter((r) => r.errors.length);
    if (bad.length || !parsed.length) {
      if (!parsed.length) return { status: 'failed', result: { total: 0, errorCount: 0 }, error: '文件中没有数据行' };
      const report = await writeXlsx(
        '错误报告',
        [
          { header: '行号', value: (r: Row) => r.rowNumber },
          ...entitlementHeaders.map((h, i) => ({ header: h, value: (r: Row) => r.cells[i] })),
          { header: '错误', width: 60, value: (r: Row) => r.errors.join('；') },
        ],
        bad,
      );
      const [ef] = await db
        .insert(files)
        .values({ name: `救助对象导入错误报告-${job.id}.xlsx`, mime: XLSX_MIME, content: report, createdBy: job.createdBy })
        .returning({ id: files.id });
      return {
        status: 'failed',
        result: { total: parsed.length, errorCount: bad.length, errorFileId: ef.id },
        error: `共 ${parsed.length} 行，其中 ${bad.length} 行有错误，未导入任何数据。请下载错误报告修改后重新导入。`,
      };
    }
    // All rows in a few statements: the entitlements, their history line, their benefit records.
    const values = parsed.map(({ rowNumber, value: v }) => ({
      row_no: rowNumber,
      household_id: v!.householdId,
      category: v!.category,
      division_code: v!.divisionCode,
      payee: v!.payee,
      covered: v!.covered.map((c) => c.id),
      fen: v!.amountFen,
      breakdown: v!.breakdown,
      start_month: v!.startMonth,
      review: v!.review,
      inputs: {
        category: v!.category,
        migrated: true,
        hukouType: v!.hukouType,
        countyCode: countyOf(v!.divisionCode),
        month: v!.startMonth,
        members: v!.covered.map((c) => ({ personId: c.id, name: c.name, covered: true, incomes: [] })),
      },
    }));
    const v = sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(row_no int, household_id bigint, category text, division_code
      text, payee bigint, covered jsonb,
      fen int, breakdown text, start_month text, review date, inputs jsonb)`;
    await db.transaction(async (tx) => {
      const created = await rows<{ id: number | string }>(
        tx,
        sql`with e as (
          insert into assistance_entitlements (household_id, category, division_code, county_code, payee_person_id, covered_person_ids,
            monthly_fen, breakdown, inputs,
            start_month, next_review_date, support_mode, support_mode_confirmed, support_mode_since)
          select v.household_id, v.category, v.division_code, left(v.division_code, 6), v.payee, v.covered, v.fen, v.breakdown, v.inputs,
            v.start_month, v.review,
            -- 特困: 分散供养 until the township confirms it (support-mode.ts, 供养方式待确认).
            case when v.category = 'tekun' then 'scattered' end, case when v.category = 'tekun' then false end,
            case when v.category = 'tekun' then (now() at time zone 'Asia/Shanghai')::date end
          from ${v} order by v.row_no
          returning id, household_id, category)
        insert into assistance_entitlement_changes (entitlement_id, kind, effective_month, new_fen, breakdown, reason, actor_user_id)
        select e.id, 'migrated', v.start_month, v.fen, v.breakdown, '存量数据迁移（第 ' || v.row_no || ' 行）', ${actor.userId}
        from e join ${v} on v.household_id = e.household_id and v.category = e.category
        returning entitlement_id as id`,
      );
      await writeBenefitRecordsInTx(
        tx,
        created.map((c) => Number(c.id)),
        null,
      );
      // Each payee's account, as the roster gives it, is the one the programme pays them into (platform/payees).
      await deps.payees.setInTx(
        tx,
        actor.userId,
        ASSISTANCE_PROGRAMME,
        parsed.map(({ rowNumber, value: v }) => ({
          personId: v!.payee,
          householdId: v!.householdId,
          divisionCode: v!.divisionCode,
          bankName: v!.bankName,
          bankAccountEnc: deps.cipher.encrypt(v!.account),
          reason: `存量数据迁移（第 ${rowNumber} 行）`,
        })),
      );
      await audit(
        tx,
        { actor, ip: String(job.payload.ip ?? '') },
        { action: 'assistance.import_recipients', details: { rows: parsed.length } },
      );
    });
    await job.progress(parsed.length, parsed.length);
    return { status: 'succeeded', result: { total: parsed.length, created: parsed.length, errorCount: 0 } };
  };
}
