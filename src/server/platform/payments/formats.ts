/**
 * The banks' file formats (docs/bank-files.md): an administrator (permission payments.bank_formats)
 * enters, for a bank, the columns of its 代发文件 over the generic layout and the headers and words of
 * its 回盘文件; a county exporting a roll's bank file, or importing the result, names the bank's
 * format, or gets the default layout (the platform's own, so files without a configured format are
 * the same as before there were formats). Formats are the city's configuration, not a jurisdiction's
 * records; every change is audited with the format as saved.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Ctx } from '../context.js';
import { requireActor } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import { rows, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import {
  bankLineFields,
  defaultBankFormat,
  type BankFormat,
  type BankFormatInput,
  type BankFormats,
  type BankFormatSpec,
} from '../../../shared/payments/bank-formats.js';
import { bankFormats } from './schema.js';

/** The label the listing shows for the default layout's type column (each programme heads it with its own word). */
const GENERIC_TYPE_LABEL = '待遇类别';

async function read(db: Db, id?: number): Promise<BankFormat[]> {
  const found = await rows<{
    id: number | string;
    name: string;
    sheet_name: string;
    columns: BankFormat['columns'];
    result: BankFormat['result'];
    version: number;
    updated_at: Date | string;
    updated_by_name: string | null;
    retired_at: Date | string | null;
  }>(
    db,
    sql`select f.id, f.name, f.sheet_name, f.columns, f.result, f.version, f.updated_at, f.retired_at,
          (select u.display_name from users u where u.id = f.updated_by) as updated_by_name
        from ${bankFormats} f ${id === undefined ? sql`` : sql`where f.id = ${id}`} order by f.name`,
  );
  return found.map((f) => ({
    id: Number(f.id),
    name: f.name,
    sheetName: f.sheet_name,
    columns: f.columns,
    result: f.result,
    version: f.version,
    updatedAt: new Date(f.updated_at).toISOString(),
    updatedByName: f.updated_by_name,
    retiredAt: f.retired_at === null ? null : new Date(f.retired_at).toISOString(),
  }));
}

export async function listBankFormats(deps: Deps): Promise<BankFormats> {
  return {
    items: await read(deps.database.db),
    defaultFormat: defaultBankFormat(GENERIC_TYPE_LABEL),
    fields: Object.entries(bankLineFields).map(([code, name]) => ({ code: code as keyof typeof bankLineFields, name })),
  };
}

async function one(db: Db, id: number): Promise<BankFormat> {
  const [f] = await read(db, id);
  if (!f) throw AppError.notFound('银行代发格式');
  return f;
}

export async function createBankFormat(deps: Deps, ctx: Ctx, input: BankFormatInput): Promise<BankFormat> {
  const actor = requireActor(ctx.actor);
  const id = await deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bankFormats)
      .values({ ...input, createdBy: actor.userId, updatedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: bankFormats.id });
    if (!row) throw AppError.field('name', `「${input.name}」的代发格式已存在，请直接修改`);
    await audit(tx, ctx, { action: 'bank_format.create', objectType: 'bank_format', objectId: row.id, details: formatDetails(input) });
    return row.id;
  });
  return one(deps.database.db, id);
}

export async function updateBankFormat(
  deps: Deps,
  ctx: Ctx,
  id: number,
  input: BankFormatInput & { version: number },
): Promise<BankFormat> {
  const actor = requireActor(ctx.actor);
  const { version, ...spec } = input;
  await deps.database.db.transaction(async (tx) => {
    const [f] = await tx.select().from(bankFormats).where(eq(bankFormats.id, id)).for('update');
    if (!f) throw AppError.notFound('银行代发格式');
    if (f.version !== version) throw AppError.conflict('代发格式已被他人修改，请刷新后重试');
    const [clash] = await tx.select({ id: bankFormats.id }).from(bankFormats).where(eq(bankFormats.name, spec.name));
    if (clash && clash.id !== id) throw AppError.field('name', `「${spec.name}」的代发格式已存在`);
    await tx
      .update(bankFormats)
      .set({ ...spec, version: f.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(bankFormats.id, id));
    await audit(tx, ctx, { action: 'bank_format.update', objectType: 'bank_format', objectId: id, details: formatDetails(spec) });
  });
  return one(deps.database.db, id);
}

/**
 * 停用 (`retire`) or 启用 (`restore`) a bank's format: a bank the city no longer pays through is not
 * offered for a new bank file, while the result file of one exported with it is still read with it.
 */
export async function setBankFormatRetired(deps: Deps, ctx: Ctx, id: number, retire: boolean, version: number): Promise<BankFormat> {
  const actor = requireActor(ctx.actor);
  await deps.database.db.transaction(async (tx) => {
    const [f] = await tx.select().from(bankFormats).where(eq(bankFormats.id, id)).for('update');
    if (!f) throw AppError.notFound('银行代发格式');
    if (f.version !== version) throw AppError.conflict('代发格式已被他人修改，请刷新后重试');
    if (retire === (f.retiredAt !== null))
      throw AppError.conflict(retire ? `「${f.name}」的代发格式已停用` : `「${f.name}」的代发格式未停用`);
    await tx
      .update(bankFormats)
      .set({ retiredAt: retire ? new Date() : null, version: f.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(bankFormats.id, id));
    await audit(tx, ctx, {
      action: retire ? 'bank_format.retire' : 'bank_format.restore',
      objectType: 'bank_format',
      objectId: id,
      details: { name: f.name },
    });
  });
  return one(deps.database.db, id);
}

/** The format as the audit row records it: the bank, the columns in order (header ← field), the result file. */
function formatDetails(f: BankFormatInput): { name: string; sheetName: string; columns: string[]; result: string } {
  return {
    name: f.name,
    sheetName: f.sheetName,
    columns: f.columns.map((c) => `${c.header} ← ${bankLineFields[c.field]}${c.field === 'constant' ? `「${c.value ?? ''}」` : ''}`),
    result: `${f.result.lineNo}、${f.result.result}、${f.result.reason}（${f.result.paid} / ${f.result.failed}）`,
  };
}

/**
 * The format a bank file or result import uses: the bank's, or the default layout with the programme's
 * type label. A retired format makes no new bank file (`forExport`), but still reads a result.
 */
export async function formatFor(
  db: Db,
  id: number | undefined,
  typeLabel: string,
  opts: { forExport?: boolean } = {},
): Promise<BankFormatSpec & { id: number | null }> {
  if (id === undefined) return { ...defaultBankFormat(typeLabel), id: null };
  const [f] = await db.select().from(bankFormats).where(eq(bankFormats.id, id));
  if (!f) throw AppError.field('bankFormat', '所选银行代发格式不存在');
  if (opts.forExport && f.retiredAt) throw AppError.field('bankFormat', `「${f.name}」的代发格式已停用，请选择其他格式`);
  return { id: f.id, sheetName: f.sheetName, columns: f.columns, result: f.result };
}
