/**
 * The bank file of an approved roll (xlsx or CSV) in the generic layout's fields, arranged as the
 * bank's format says (docs/bank-files.md; the default layout without one), and the bank's result
 * file: every row validated, all applied or none; failed payments are then listed on the roll for
 * correction. The bank file carries full ID and account numbers: exporting it needs the programme's
 * manage permission and is audited.
 *
 * Payment states of a roll line (docs/rules.md "Payments"), so that money goes out once per line:
 *   pending ──result──▶ paid | failed ──补发 export──▶ reissued ──result──▶ paid | failed …
 * The full file lists the lines still awaiting their first answer (pending); the 补发 file lists
 * failed and reissued lines, marking failed ones reissued, so a second 补发 export before its result
 * gives the same lines. Both read the payee account from the platform's payee record
 * (platform/payees), where 更正发放账户 changes it. A paid line is final: it is never exported again,
 * and a result that would turn it into a failure is refused.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Ctx } from '../context.js';
import { requireActor } from '../access/scope.js';
import { rows } from '../db/index.js';
import { AppError, type FieldError } from '../errors.js';
import { readTable, writeXlsx } from '../xlsx.js';
import { writeCsv, type CsvColumn } from '../csv.js';
import { FieldView } from '../crypto/field-view.js';
import { accountRef } from '../payees/payees.js';
import { yuanPlain } from '../../../shared/money.js';
import type { BankColumn, BankFormatSpec, BankLineField } from '../../../shared/payments/bank-formats.js';
import type { BankResult } from '../../../shared/payments/rolls.js';
import type { PaymentProgramme } from './programmes.js';
import { loadRoll, seesWholeRoll } from './rolls.js';
import { formatFor } from './formats.js';

/** One line of a bank file in the generic layout (docs/bank-files.md). */
export interface BankLine {
  lineNo: string;
  payeeName: string;
  idNumber: string;
  bankName: string;
  account: string;
  amountFen: number;
  benefitType: string;
  division: string;
  month: string;
  programme: string;
}

const fieldValue: Record<BankLineField, (l: BankLine, c: BankColumn) => string | number> = {
  lineNo: (l) => l.lineNo,
  payeeName: (l) => l.payeeName,
  idNumber: (l) => l.idNumber,
  bankName: (l) => l.bankName,
  account: (l) => l.account,
  amountYuan: (l) => yuanPlain(l.amountFen),
  amountFen: (l) => l.amountFen,
  benefitType: (l) => l.benefitType,
  division: (l) => l.division,
  month: (l) => l.month,
  programme: (l) => l.programme,
  constant: (_l, c) => c.value ?? '',
};

/**
 * The columns of a format. In the CSV (V5) the free text (payee, bank name, type, village, a fixed
 * value) is neutralised against formulas; the amounts (computed by the platform from integer fen,
 * possibly negative in a correction) and the account number (validated as 8–30 digits) are
 * `kind: 'number'` and written exactly as the bank reads them. The line number (`roll-record`, digits)
 * and the ID number (validated) start with a digit and pass through neutralisation unchanged. In xlsx
 * every value is a string or number cell, never a formula (exceljs writes formulas only from objects).
 */
export function bankColumns(format: BankFormatSpec): (CsvColumn<BankLine> & { width?: number })[] {
  return format.columns.map((c) => ({
    header: c.header,
    width: c.width ?? undefined,
    value: (l: BankLine) => fieldValue[c.field](l, c),
    ...(c.field === 'account' || c.field === 'amountYuan' || c.field === 'amountFen' ? { kind: 'number' as const } : {}),
  }));
}

/** A bank file's content in a format: CSV for bank systems (UTF-8 with a BOM so Excel opens the Chinese correctly), or xlsx. */
export async function writeBankFile(format: BankFormatSpec, type: 'xlsx' | 'csv', lines: BankLine[]): Promise<Buffer> {
  const columns = bankColumns(format);
  return type === 'xlsx' ? writeXlsx(format.sheetName, columns, lines) : writeCsv(columns, lines);
}

export async function bankFile(
  deps: Deps,
  ctx: Ctx,
  p: PaymentProgramme,
  rollId: number,
  opts: { format: 'xlsx' | 'csv'; onlyFailed: boolean; bankFormat?: number },
): Promise<{ name: string; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, p.programme, rollId);
  if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('银行代发文件由县级民政部门导出');
  if (roll.status !== 'approved') throw AppError.conflict('名册审核通过后才能导出银行代发文件');
  const format = await formatFor(db, opts.bankFormat, p.typeLabel, { forExport: true });
  const { onlyFailed } = opts;
  const found = await rows<{
    record_id: number | string;
    payee_person_id: number | string;
    name: string | null;
    id_number_enc: string | null;
    bank_name: string | null;
    bank_account_enc: string | null;
    payee_account_id: number | string | null;
    amount_fen: number;
    benefit_type: string;
    division: string | null;
  }>(
    db,
    sql`select l.record_id, l.payee_person_id, ${p.payeeName(sql`l.payee_person_id`)} as name,
          ${p.payeeIdNumberEnc(sql`l.payee_person_id`)} as id_number_enc, coalesce(a.bank_name, l.bank_name) as bank_name,
          coalesce(a.bank_account_enc, l.bank_account_enc) as bank_account_enc, a.id as payee_account_id, l.amount_fen, l.benefit_type,
          (select full_name from divisions d where d.code = l.division_code) as division
        from payment_roll_lines l left join payee_accounts a on a.programme = ${p.programme} and a.person_id = l.payee_person_id
        where l.roll_id = ${rollId} and ${onlyFailed ? sql`l.payment_status in ('failed', 'reissued')` : sql`l.payment_status = 'pending'`}
        order by l.division_code, l.record_id`,
  );
  // Money is paid on these values: a damaged account or ID number stops the whole file (nothing is
  // exported, audited by the view) rather than sending the bank a line reading 数据校验失败 or a
  // file without that recipient, which would look complete. 409, not INTEGRITY's 500: the message
  // names the recipient so the county can re-enter the account, and 5xx messages go to the log.
  const view = new FieldView(deps, ctx);
  const damaged = (r: (typeof found)[number], what: string) => () =>
    AppError.conflict(
      `收款人 ${r.name ?? ''}（流水号 ${rollId}-${r.record_id}）的${what}数据校验失败，记录可能被篡改，未生成代发文件。请核实后重新录入该${what}，再导出`,
    );
  const lines: BankLine[] = found.map((r) => ({
    lineNo: `${rollId}-${r.record_id}`,
    payeeName: r.name ?? '',
    idNumber: r.id_number_enc
      ? view.strict(
          r.id_number_enc,
          { objectType: 'person', objectId: Number(r.payee_person_id), field: 'idNumber' },
          damaged(r, '身份证号'),
        )
      : '',
    bankName: r.bank_name ?? '',
    account: r.bank_account_enc ? view.strict(r.bank_account_enc, accountRef(Number(r.payee_account_id)), damaged(r, '银行账号')) : '',
    amountFen: r.amount_fen,
    benefitType: p.benefitTypes[r.benefit_type] ?? r.benefit_type,
    division: r.division ?? '',
    month: roll.month,
    programme: p.name,
  }));
  await db.transaction(async (tx) => {
    // The lines now sent again await the bank's answer to this 补发 (still listed by the next 补发 file until then).
    if (onlyFailed)
      await tx.execute(
        sql`update payment_roll_lines set payment_status = 'reissued' where roll_id = ${rollId} and payment_status = 'failed'`,
      );
    await p.audit(tx, ctx, {
      action: 'bank_file',
      rollId,
      details: {
        format: opts.format,
        onlyFailed,
        lines: lines.length,
        ...(format.id === null ? {} : { bankFormat: format.id }),
      },
    });
  });
  const name = `${roll.month}${p.name}代发${onlyFailed ? '（补发）' : ''}_${roll.countyCode}.${opts.format}`;
  return { name, content: await writeBankFile(format, opts.format, lines) };
}

/** Reads the bank's result file (xlsx or CSV with the format's three headers: by default 流水号, 结果, 失败原因). */
export async function importBankResult(
  deps: Deps,
  ctx: Ctx,
  p: PaymentProgramme,
  rollId: number,
  file: { name: string; content: Buffer },
  bankFormat?: number,
): Promise<BankResult> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, p.programme, rollId);
  // The result file answers the whole county's bank file: it is the county's, like the export (Z2).
  if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('银行回盘由县级民政部门导入');
  if (roll.status !== 'approved') throw AppError.conflict('名册审核通过并导出代发文件后才能导入银行回盘');
  const { result: layout } = await formatFor(db, bankFormat, p.typeLabel);
  const records = await readTable(file, [layout.lineNo, layout.result, layout.reason]);
  const errors: FieldError[] = [];
  const updates: { recordId: number; paid: boolean; reason: string | null }[] = [];
  for (const { rowNumber, cells } of records) {
    const [lineNo, result, reason] = cells;
    const m = /^(\d+)-(\d+)$/.exec(lineNo ?? '');
    if (!m || Number(m[1]) !== rollId) {
      errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：${layout.lineNo}「${lineNo ?? ''}」不属于本名册` });
      continue;
    }
    if (result !== layout.paid && result !== layout.failed) {
      errors.push({
        field: `row${rowNumber}`,
        message: `第 ${rowNumber} 行：${layout.result}应为「${layout.paid}」或「${layout.failed}」`,
      });
      continue;
    }
    if (result === layout.failed && !reason)
      errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：发放失败须注明${layout.reason}` });
    updates.push({ recordId: Number(m[2]), paid: result === layout.paid, reason: result === layout.failed ? reason : null });
  }
  // The file's lines as one JSON parameter: a county's roll can hold more lines than a statement has parameters.
  const results = JSON.stringify(updates.map((u) => ({ id: u.recordId, status: u.paid ? 'paid' : 'failed', reason: u.reason })));
  if (updates.length) {
    const known = new Map(
      (
        await rows<{ id: number | string; status: string }>(
          db,
          sql`select l.record_id as id, l.payment_status as status from payment_roll_lines l
        where l.roll_id = ${rollId} and l.record_id in (select (x->>'id')::bigint from jsonb_array_elements(${results}::jsonb) x)`,
        )
      ).map((r) => [Number(r.id), r.status]),
    );
    updates.forEach((u) => {
      const status = known.get(u.recordId);
      if (status === undefined) errors.push({ field: 'file', message: `流水号 ${rollId}-${u.recordId} 不在本名册中` });
      // Paid is final: a later file (an old result imported again) cannot reopen a paid line for another 补发.
      else if (status === 'paid' && !u.paid)
        errors.push({ field: 'file', message: `流水号 ${rollId}-${u.recordId} 已确认发放成功，不能改为失败` });
    });
  }
  if (errors.length)
    throw new AppError('VALIDATION', `回盘文件有 ${errors.length} 处错误，未导入任何结果`, { fields: errors.slice(0, 100) });
  if (!updates.length) throw AppError.field('file', '回盘文件中没有数据行');
  const paid = updates.filter((u) => u.paid).length;
  const failed = updates.length - paid;
  await db.transaction(async (tx) => {
    await tx.execute(sql`update payment_roll_lines l set payment_status = x.status, failure_reason = x.reason
      from jsonb_to_recordset(${results}::jsonb) as x(id bigint, status text, reason text)
      where l.roll_id = ${rollId} and l.record_id = x.id`);
    await p.audit(tx, ctx, { action: 'bank_result', rollId, details: { paid, failed } });
  });
  return { paid, failed };
}
