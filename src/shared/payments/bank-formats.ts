/**
 * Bank file formats (银行代发文件格式, docs/bank-files.md): the generic layout every programme's bank
 * file is made from — one line per payee, the fields below — and, per bank, the columns its file has
 * (which field under which header, in which order) and the headers and words of its result file. An
 * administrator configures a bank's format (GET/POST /api/payments/bank-formats, PATCH …/:id); without
 * one the file has the default layout, the platform's own since its first roll.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';

/** The fields of a bank line (the generic layout). */
export const bankLineFields = {
  lineNo: '流水号（名册编号-记录编号，回盘按它对账）',
  payeeName: '收款人姓名',
  idNumber: '收款人公民身份号码',
  bankName: '开户银行',
  account: '银行账号',
  amountYuan: '金额（元，两位小数）',
  amountFen: '金额（分，整数）',
  benefitType: '待遇类别（名称）',
  division: '所在村（社区）全称',
  month: '发放月份（YYYY-MM）',
  programme: '业务名称（如 社会救助）',
  constant: '固定值（每行相同，如 币种、用途）',
} as const;
export type BankLineField = keyof typeof bankLineFields;

export const bankColumn = z.object({
  header: z.string().trim().min(1, '请填写列名').max(40, '列名不超过 40 个字'),
  field: z.enum(keysOf(bankLineFields), { error: '请选择字段' }),
  /** The value of a `constant` column. */
  value: z.string().trim().max(100, '固定值不超过 100 个字').optional(),
  /** Column width in the xlsx file (characters). */
  width: z.number().int().min(4).max(80).nullish(),
});
export type BankColumn = z.infer<typeof bankColumn>;

/** The bank's result file (回盘): the headers of its three columns and its words for a payment made or failed. */
export const bankResultLayout = z.object({
  lineNo: z.string().trim().min(1, '请填写流水号列名').max(40),
  result: z.string().trim().min(1, '请填写结果列名').max(40),
  reason: z.string().trim().min(1, '请填写失败原因列名').max(40),
  paid: z.string().trim().min(1, '请填写表示成功的文字').max(20),
  failed: z.string().trim().min(1, '请填写表示失败的文字').max(20),
});
export type BankResultLayout = z.infer<typeof bankResultLayout>;

const formatFields = {
  name: z.string().trim().min(2, '请填写银行名称').max(50),
  sheetName: z.string().trim().min(1, '请填写工作表名称').max(31, '工作表名称不超过 31 个字'),
  columns: z.array(bankColumn).min(1, '至少需要一列').max(40, '最多 40 列'),
  result: bankResultLayout,
};

/** What a format must hold: distinct headers, a value for a fixed column, the line, the account and an amount. */
function checkFormat(f: { columns: BankColumn[]; result: BankResultLayout }, ctx: z.RefinementCtx): void {
  const headers = f.columns.map((c) => c.header);
  headers.forEach((h, i) => {
    if (headers.indexOf(h) !== i) ctx.addIssue({ code: 'custom', path: ['columns', i, 'header'], message: `列名「${h}」重复` });
  });
  f.columns.forEach((c, i) => {
    if (c.field === 'constant' && !c.value) ctx.addIssue({ code: 'custom', path: ['columns', i, 'value'], message: '请填写固定值' });
  });
  const fields = new Set(f.columns.map((c) => c.field));
  if (!fields.has('lineNo')) ctx.addIssue({ code: 'custom', path: ['columns'], message: '须有“流水号”列：银行回盘按它对账' });
  if (!fields.has('account')) ctx.addIssue({ code: 'custom', path: ['columns'], message: '须有“银行账号”列' });
  if (!fields.has('amountYuan') && !fields.has('amountFen'))
    ctx.addIssue({ code: 'custom', path: ['columns'], message: '须有“金额”列（元或分）' });
  const r = f.result;
  if (new Set([r.lineNo, r.result, r.reason]).size < 3)
    ctx.addIssue({ code: 'custom', path: ['result'], message: '回盘的三个列名不能相同' });
  if (r.paid === r.failed) ctx.addIssue({ code: 'custom', path: ['result', 'failed'], message: '表示成功和失败的文字不能相同' });
}

/** A bank's format as an administrator enters it (POST /api/payments/bank-formats). */
export const bankFormatInput = z.object(formatFields).superRefine(checkFormat);
export type BankFormatInput = z.infer<typeof bankFormatInput>;
/** A change of it, with the version the administrator saw (PATCH …/:id). */
export const bankFormatUpdate = z.object({ ...formatFields, version: z.number().int() }).superRefine(checkFormat);
export type BankFormatUpdate = z.infer<typeof bankFormatUpdate>;

export interface BankFormatSpec {
  sheetName: string;
  columns: BankColumn[];
  result: BankResultLayout;
}

/**
 * The default layout: the bank file and result file as the platform has always written and read them;
 * the type column is headed with the programme's own word for its types (社会救助: 救助类别).
 */
export const defaultBankFormat = (typeLabel: string): BankFormatSpec => ({
  sheetName: '代发明细',
  columns: [
    { header: '流水号', field: 'lineNo', width: 16 },
    { header: '收款人', field: 'payeeName', width: 12 },
    { header: '身份证号', field: 'idNumber', width: 22 },
    { header: '开户银行', field: 'bankName', width: 20 },
    { header: '银行账号', field: 'account', width: 26 },
    { header: '金额（元）', field: 'amountYuan', width: 12 },
    { header: typeLabel, field: 'benefitType', width: 10 },
    { header: '所在村（社区）', field: 'division', width: 40 },
  ],
  result: { lineNo: '流水号', result: '结果', reason: '失败原因', paid: '成功', failed: '失败' },
});

export const bankFormat = z.object({
  id: z.number(),
  name: z.string(),
  sheetName: z.string(),
  columns: z.array(bankColumn),
  result: bankResultLayout,
  version: z.number(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  /** 已停用 since (an ISO time): not offered for a new bank file; still read for the result of a file exported with it. */
  retiredAt: z.string().nullable(),
});
export type BankFormat = z.infer<typeof bankFormat>;

/** POST …/:id/retire (停用) and …/:id/restore (启用), with the version the administrator saw. */
export const bankFormatState = z.object({ version: z.number().int() });
export type BankFormatState = z.infer<typeof bankFormatState>;

/** GET /api/payments/bank-formats: the configured banks' formats, the default layout and the fields a column may hold. */
export const bankFormatsAnswer = z.object({
  items: z.array(bankFormat),
  defaultFormat: z.object({ sheetName: z.string(), columns: z.array(bankColumn), result: bankResultLayout }),
  fields: z.array(z.object({ code: z.enum(keysOf(bankLineFields)), name: z.string() })),
});
export type BankFormats = z.infer<typeof bankFormatsAnswer>;
