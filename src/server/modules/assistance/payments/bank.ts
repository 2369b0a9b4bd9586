/**
 * The bank file of an approved roll (xlsx or CSV: 流水号, payee, ID number, bank, account, amount),
 * and the bank's result file: every row validated, all applied or none; failed payments are then
 * listed on the roll for correction. The bank file carries full ID and account numbers: exporting
 * it needs the roll permission and is audited.
 *
 * Payment states of a roll line (docs/rules.md "Payments"), so that money goes out once per line:
 *   pending ──result──▶ paid | failed ──补发 export──▶ reissued ──result──▶ paid | failed …
 * The full file lists the lines still awaiting their first answer (pending); the 补发 file lists
 * failed and reissued lines, marking failed ones reissued, so a second 补发 export before its result
 * gives the same lines. Both read the payee account from the entitlement, where 更正发放账户
 * (account.ts) changes it. A paid line is final: it is never exported again, and a result that
 * would turn it into a failure is refused.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { readTable, writeXlsx } from '../../../platform/xlsx.js';
import { writeCsv, type CsvColumn } from '../../../platform/csv.js';
import { yuanPlain } from '../../../../shared/money.js';
import { assistanceCategories } from '../../../../shared/assistance-codes.js';
import { loadRoll, seesWholeRoll } from './rolls.js';
import { FieldView } from '../../../platform/crypto/field-view.js';

interface BankLine {
  lineNo: string;
  payee: string;
  idNumber: string;
  bankName: string;
  account: string;
  amountFen: number;
  category: string;
  division: string;
}

/**
 * The columns of both files. In the CSV (V5) the free text (payee, bank name, category, village)
 * is neutralised against formulas; the amount (computed by the platform from integer fen, possibly
 * negative in a correction) and the account number (validated as 8–30 digits) are `kind: 'number'`
 * and written exactly as the bank reads them. The line number (`roll-entitlement`, digits) and the
 * ID number (validated) start with a digit and pass through neutralisation unchanged. In xlsx every
 * value is a string or number cell, never a formula (exceljs writes formulas only from objects).
 */
const columns: (CsvColumn<BankLine> & { width: number })[] = [
  { header: '流水号', width: 16, value: (l) => l.lineNo },
  { header: '收款人', width: 12, value: (l) => l.payee },
  { header: '身份证号', width: 22, value: (l) => l.idNumber },
  { header: '开户银行', width: 20, value: (l) => l.bankName },
  { header: '银行账号', width: 26, value: (l) => l.account, kind: 'number' },
  { header: '金额（元）', width: 12, value: (l) => yuanPlain(l.amountFen), kind: 'number' },
  { header: '救助类别', width: 10, value: (l) => l.category },
  { header: '所在村（社区）', width: 40, value: (l) => l.division },
];

export async function bankFile(
  deps: Deps,
  ctx: Ctx,
  rollId: number,
  format: 'xlsx' | 'csv',
  onlyFailed: boolean,
): Promise<{ name: string; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, rollId);
  if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('银行代发文件由县级民政部门导出');
  if (roll.status !== 'approved') throw AppError.conflict('名册审核通过后才能导出银行代发文件');
  const found = await rows<{
    entitlement_id: number | string;
    payee_person_id: number | string;
    name: string;
    id_number_enc: string | null;
    bank_name: string | null;
    bank_account_enc: string | null;
    amount_fen: number;
    category: string;
    division: string | null;
  }>(
    db,
    sql`select l.entitlement_id, l.payee_person_id, p.name, p.id_number_enc, coalesce(e.bank_name, l.bank_name) as bank_name,
          coalesce(e.bank_account_enc, l.bank_account_enc) as bank_account_enc, l.amount_fen, l.category,
          (select full_name from divisions d where d.code = l.division_code) as division
        from assistance_roll_lines l join persons p on p.id = l.payee_person_id join assistance_entitlements e on e.id = l.entitlement_id
        where l.roll_id = ${rollId} and ${onlyFailed ? sql`l.payment_status in ('failed', 'reissued')` : sql`l.payment_status = 'pending'`}
        order by l.division_code, l.entitlement_id`,
  );
  // Money is paid on these values: a damaged account or ID number stops the whole file (nothing is
  // exported, audited by the view) rather than sending the bank a line reading 数据校验失败 or a
  // file without that recipient, which would look complete. 409, not INTEGRITY's 500: the message
  // names the recipient so the county can re-enter the account, and 5xx messages go to the log.
  const view = new FieldView(deps, ctx);
  const damaged = (r: (typeof found)[number], what: string) => () =>
    AppError.conflict(
      `收款人 ${r.name}（流水号 ${rollId}-${r.entitlement_id}）的${what}数据校验失败，记录可能被篡改，未生成代发文件。请核实后重新录入该${what}，再导出`,
    );
  const lines: BankLine[] = found.map((r) => ({
    lineNo: `${rollId}-${r.entitlement_id}`,
    payee: r.name,
    idNumber: r.id_number_enc
      ? view.strict(
          r.id_number_enc,
          { objectType: 'person', objectId: Number(r.payee_person_id), field: 'idNumber' },
          damaged(r, '身份证号'),
        )
      : '',
    bankName: r.bank_name ?? '',
    account: r.bank_account_enc
      ? view.strict(
          r.bank_account_enc,
          { objectType: 'assistance_entitlement', objectId: Number(r.entitlement_id), field: 'bankAccount' },
          damaged(r, '银行账号'),
        )
      : '',
    amountFen: r.amount_fen,
    category: assistanceCategories[r.category as keyof typeof assistanceCategories] ?? r.category,
    division: r.division ?? '',
  }));
  await db.transaction(async (tx) => {
    // The lines now sent again await the bank's answer to this 补发 (still listed by the next 补发 file until then).
    if (onlyFailed)
      await tx.execute(
        sql`update assistance_roll_lines set payment_status = 'reissued' where roll_id = ${rollId} and payment_status = 'failed'`,
      );
    await audit(tx, ctx, {
      action: 'assistance.roll.bank_file',
      objectType: 'assistance_roll',
      objectId: rollId,
      details: { format, onlyFailed, lines: lines.length },
    });
  });
  const name = `${roll.month}社会救助代发${onlyFailed ? '（补发）' : ''}_${roll.countyCode}.${format}`;
  if (format === 'xlsx') return { name, content: await writeXlsx('代发明细', columns, lines) };
  // CSV for bank systems: UTF-8 with a BOM so Excel opens the Chinese correctly.
  return { name, content: writeCsv(columns, lines) };
}

const resultHeaders = ['流水号', '结果', '失败原因'];

/** Reads the bank's result file (xlsx or CSV with the headers 流水号, 结果, 失败原因). */
export async function importBankResult(deps: Deps, ctx: Ctx, rollId: number, file: { name: string; content: Buffer }) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const roll = await loadRoll(db, actor, rollId);
  // The result file answers the whole county's bank file: it is the county's, like the export (Z2).
  if (!seesWholeRoll(actor, roll.countyCode)) throw AppError.forbidden('银行回盘由县级民政部门导入');
  if (roll.status !== 'approved') throw AppError.conflict('名册审核通过并导出代发文件后才能导入银行回盘');
  const records = await readTable(file, resultHeaders);
  const errors: FieldError[] = [];
  const updates: { entitlementId: number; paid: boolean; reason: string | null }[] = [];
  for (const { rowNumber, cells } of records) {
    const [lineNo, result, reason] = cells;
    const m = /^(\d+)-(\d+)$/.exec(lineNo ?? '');
    if (!m || Number(m[1]) !== rollId) {
      errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：流水号「${lineNo ?? ''}」不属于本名册` });
      continue;
    }
    if (result !== '成功' && result !== '失败') {
      errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：结果应为「成功」或「失败」` });
      continue;
    }
    if (result === '失败' && !reason) errors.push({ field: `row${rowNumber}`, message: `第 ${rowNumber} 行：发放失败须注明失败原因` });
    updates.push({ entitlementId: Number(m[2]), paid: result === '成功', reason: result === '失败' ? reason : null });
  }
  // The file's lines as one JSON parameter: a county's roll can hold more lines than a statement has parameters.
  const results = JSON.stringify(updates.map((u) => ({ id: u.entitlementId, status: u.paid ? 'paid' : 'failed', reason: u.reason })));
  if (updates.length) {
    const known = new Map(
      (
        await rows<{ id: number | string; status: string }>(
          db,
          sql`select l.entitlement_id as id, l.payment_status as status from assistance_roll_lines l
        where l.roll_id = ${rollId} and l.entitlement_id in (select (x->>'id')::bigint from jsonb_array_elements(${results}::jsonb) x)`,
        )
      ).map((r) => [Number(r.id), r.status]),
    );
    updates.forEach((u) => {
      const status = known.get(u.entitlementId);
      if (status === undefined) errors.push({ field: 'file', message: `流水号 ${rollId}-${u.entitlementId} 不在本名册中` });
      // Paid is final: a later file (an old result imported again) cannot reopen a paid line for another 补发.
      else if (status === 'paid' && !u.paid)
        errors.push({ field: 'file', message: `流水号 ${rollId}-${u.entitlementId} 已确认发放成功，不能改为失败` });
    });
  }
  if (errors.length)
    throw new AppError('VALIDATION', `回盘文件有 ${errors.length} 处错误，未导入任何结果`, { fields: errors.slice(0, 100) });
  if (!updates.length) throw AppError.field('file', '回盘文件中没有数据行');
  await db.transaction(async (tx) => {
    await tx.execute(sql`update assistance_roll_lines l set payment_status = x.status, failure_reason = x.reason
      from jsonb_to_recordset(${results}::jsonb) as x(id bigint, status text, reason text)
      where l.roll_id = ${rollId} and l.entitlement_id = x.id`);
    await audit(tx, ctx, {
      action: 'assistance.roll.bank_result',
      objectType: 'assistance_roll',
      objectId: rollId,
      details: { paid: updates.filter((u) => u.paid).length, failed: updates.filter((u) => !u.paid).length },
    });
  });
  return { paid: updates.filter((u) => u.paid).length, failed: updates.filter((u) => !u.paid).length };
}
