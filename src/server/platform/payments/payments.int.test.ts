/**
 * The payment platform on a programme of its own (not social assistance's), over test-only tables:
 * the roll holds exactly the programme's payee-months (one set-based statement per township), built
 * again or after a kill it is the same; who built it does not approve it where the programme separates
 * the duties; the bank file in the default layout and in a bank's mapped format; the bank's result,
 * all or nothing; 补发 pays exactly the failed lines, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { places, startTestApp, type TestApp } from '../../testing/harness.js';
import { rows } from '../db/index.js';
import { withinDivision } from '../access/scope.js';
import type { Actor, Ctx } from '../context.js';
import type { PaymentProgramme, RollAuditAction } from './programmes.js';
import { approveRoll, buildRoll, rollLines, startRoll } from './rolls.js';
import { bankFile, importBankResult } from './bank.js';
import { createBankFormat } from './formats.js';

let t: TestApp;
let p: PaymentProgramme;
let separates = true;
const audited: { action: RollAuditAction; rollId: number }[] = [];
const month = '2030-05';
const townA = places.renchengVillageA;
const townB = places.renchengVillageB;

const ctxOf = (divisionCode: string, userId: number): Ctx => ({
  actor: {
    userId,
    username: `pay${userId}`,
    kind: 'staff',
    roles: [],
    permissions: new Set(['stats.read']),
    divisionCode,
    organisationId: null,
    personId: null,
  } satisfies Actor,
  ip: '127.0.0.1',
});
const builder = ctxOf(places.rencheng, 1);
const approver = ctxOf(places.rencheng, 2);

beforeAll(async () => {
  t = await startTestApp();
  await t.owner.execute(sql`create table pay_test_records (id bigint primary key, division_code text not null, payee bigint not null,
    covered jsonb not null, amount_fen int not null, active boolean not null)`);
  await t.owner.execute(sql`create table pay_test_payees (id bigint primary key, name text not null, id_number_enc text)`);
  // The platform reads them as the application; on PostgreSQL that is the jimin_app role (docs/security.md D6).
  if (t.deps.database.kind === 'postgres')
    await t.owner.execute(sql`grant select, insert, update, delete on pay_test_records, pay_test_payees to jimin_app`);
  for (const [id, name] of [
    [1, '甲收款'],
    [2, '乙收款'],
    [3, '丙收款'],
  ] as const)
    await t.owner.execute(sql`insert into pay_test_payees values (${id}, ${name}, ${t.deps.cipher.encrypt(idOf(id))})`);
  await t.owner.execute(sql`insert into pay_test_records values
    (11, ${townA}, 1, '[1, 2]', 100050, true), (12, ${townA}, 2, '[2]', 20000, true), (13, ${townB}, 3, '[3]', 30000, true),
    (14, ${townB}, 3, '[3]', 99900, false)`);
  t.deps.payees.register({
    programme: 'pay_test',
    name: '测试补贴',
    read: 'stats.read',
    write: 'stats.read',
    payeeName: (id) => sql`(select name from pay_test_payees where id = ${id})`,
    accountChanged: async () => {},
  });
  await t.deps.database.db.transaction((tx) =>
    t.deps.payees.setInTx(
      tx,
      null,
      'pay_test',
      [1, 2, 3].map((id) => ({
        personId: id,
        householdId: null,
        divisionCode: id === 3 ? townB : townA,
        bankName: '济宁银行',
        bankAccountEnc: t.deps.cipher.encrypt(`62170000000000000${id}`),
        reason: '测试',
      })),
    ),
  );
  p = {
    programme: 'pay_test',
    name: '测试补贴',
    typeLabel: '补贴类别',
    benefitTypes: { subsidy: '生活补贴' },
    read: 'stats.read',
    manage: 'stats.read',
    eligible: ({ within }) => sql`select r.id as record_id, null::bigint as household_id, r.division_code, 'subsidy' as benefit_type,
        r.payee as payee_person_id, r.covered as covered_person_ids, r.amount_fen, '按月发放 ' || r.amount_fen || ' 分' as breakdown,
        '{}'::jsonb as inputs
      from pay_test_records r where r.active and ${withinDivision(sql`r.division_code`, within)}`,
    payeeName: (id) => sql`(select name from pay_test_payees where id = ${id})`,
    payeeIdNumberEnc: (id) => sql`(select id_number_enc from pay_test_payees where id = ${id})`,
    separatesDuties: async () => separates,
    async audit(_tx, _ctx, e) {
      audited.push({ action: e.action, rollId: e.rollId });
    },
    async auditLines() {},
  };
  t.deps.payments.register(p);
});
afterAll(async () => t?.close());

let rollId = 0;
function idOf(n: number): string {
  return `37081119800101${String(n).padStart(3, '0')}X`;
}
const lineRows = () =>
  rows<{ record_id: number; amount_fen: number; covered_count: number; bank_name: string | null; payment_status: string }>(
    t.owner,
    sql`select record_id::int as record_id, amount_fen, covered_count, bank_name, payment_status from payment_roll_lines
      where roll_id = ${rollId} order by record_id`,
  );
const csvOf = async (onlyFailed: boolean, bankFormat?: number) =>
  (await bankFile(t.deps, approver, p, rollId, { format: 'csv', onlyFailed, bankFormat })).content.toString('utf8');
const result = (content: string, bankFormat?: number) =>
  importBankResult(t.deps, approver, p, rollId, { name: '回盘.csv', content: Buffer.from(content, 'utf8') }, bankFormat);

describe('payment programmes', () => {
  it('a roll holds exactly the programme’s payee-months with their payee’s bank; built again, or after a kill, it is the same', async () => {
    const started = await startRoll(t.deps, builder, p, { countyCode: places.rencheng, month });
    rollId = started.id;
    await t.deps.jobs.drain();
    const built = await lineRows();
    expect(built).toEqual([
      { record_id: 11, amount_fen: 100050, covered_count: 2, bank_name: '济宁银行', payment_status: 'pending' },
      { record_id: 12, amount_fen: 20000, covered_count: 1, bank_name: '济宁银行', payment_status: 'pending' },
      { record_id: 13, amount_fen: 30000, covered_count: 1, bank_name: '济宁银行', payment_status: 'pending' },
    ]);
    await expect(
      buildRoll(t.deps, rollId, async (done) => {
        if (done === 1) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    await buildRoll(t.deps, rollId);
    expect(await lineRows()).toEqual(built);
    expect(audited).toContainEqual({ action: 'build', rollId });
  });

  it('a township whose payee-months have all ended loses its lines when the roll is built again', async () => {
    await t.owner.execute(sql`update pay_test_records set active = false where id = 13`);
    await buildRoll(t.deps, rollId);
    expect((await lineRows()).map((l) => l.record_id)).toEqual([11, 12]);
    await t.owner.execute(sql`update pay_test_records set active = true where id = 13`);
    await buildRoll(t.deps, rollId);
    expect((await lineRows()).map((l) => l.record_id)).toEqual([11, 12, 13]);
  });

  it('separation of duties: who built the roll does not approve it while the programme separates them; another user does', async () => {
    const lines = await rollLines(t.deps, builder, p, rollId, { page: 1, pageSize: 20 });
    expect(lines.roll).toMatchObject({ status: 'built', lines: 3, totalFen: 150050 });
    expect(lines.items.map((l) => [l.lineNo, l.payeeName, l.benefitTypeName])).toEqual([
      [`${rollId}-11`, '甲收款', '生活补贴'],
      [`${rollId}-12`, '乙收款', '生活补贴'],
      [`${rollId}-13`, '丙收款', '生活补贴'],
    ]);
    await expect(approveRoll(t.deps, builder, p, rollId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    separates = false;
    expect((await rollLines(t.deps, builder, p, rollId, { page: 1, pageSize: 20 })).roll.approveBlockedReason).toBeNull();
    separates = true;
    expect(await approveRoll(t.deps, approver, p, rollId)).toEqual({ id: rollId, status: 'approved' });
  });

  it('the default layout: the generic fields under the platform’s headers, the type column headed with the programme’s word', async () => {
    const [a, b] = [await villageName(townA), await villageName(townB)];
    expect(await csvOf(false)).toBe(
      '\uFEFF流水号,收款人,身份证号,开户银行,银行账号,金额（元）,补贴类别,所在村（社区）\n' +
        `${rollId}-11,甲收款,${idOf(1)},济宁银行,621700000000000001,1000.50,生活补贴,${a}\n` +
        `${rollId}-12,乙收款,${idOf(2)},济宁银行,621700000000000002,200.00,生活补贴,${a}\n` +
        `${rollId}-13,丙收款,${idOf(3)},济宁银行,621700000000000003,300.00,生活补贴,${b}\n`,
    );
  });

  it('a bank’s format: its columns over the generic fields in its order, fixed values, amounts in 分, and its result file', async () => {
    const format = await createBankFormat(t.deps, ctxOf(places.city, 3), {
      name: '测试农商银行',
      sheetName: '代发',
      columns: [
        { header: '账号', field: 'account' },
        { header: '户名', field: 'payeeName' },
        { header: '金额(分)', field: 'amountFen' },
        { header: '币种', field: 'constant', value: 'CNY' },
        { header: '摘要', field: 'programme' },
        { header: '月份', field: 'month' },
        { header: '业务流水', field: 'lineNo' },
      ],
      result: { lineNo: '业务流水', result: '处理结果', reason: '备注', paid: '00', failed: '99' },
    });
    const records = parseCsv(await csvOf(false, format.id), { bom: true }) as string[][];
    expect(records).toEqual([
      ['账号', '户名', '金额(分)', '币种', '摘要', '月份', '业务流水'],
      ['621700000000000001', '甲收款', '100050', 'CNY', '测试补贴', month, `${rollId}-11`],
      ['621700000000000002', '乙收款', '20000', 'CNY', '测试补贴', month, `${rollId}-12`],
      ['621700000000000003', '丙收款', '30000', 'CNY', '测试补贴', month, `${rollId}-13`],
    ]);
    // Its result file names its own headers and words; the default headers are refused for it.
    await expect(result(`流水号,结果,失败原因\n${rollId}-11,成功,\n`, format.id)).rejects.toMatchObject({
      message: '表头应依次为「业务流水、处理结果、备注」',
    });
    const bad = await result(`业务流水,处理结果,备注\n${rollId}-11,成功,\n`, format.id).catch((e: { details: unknown }) => e.details);
    expect(bad).toMatchObject({ fields: [{ message: '第 2 行：处理结果应为「00」或「99」' }] });
    expect(await result(`业务流水,处理结果,备注\n${rollId}-11,00,\n${rollId}-12,99,账户冻结\n`, format.id)).toEqual({ paid: 1, failed: 1 });
  });

  it('补发 pays exactly the failed lines, once: the same lines until their result, never a paid one', async () => {
    const lines = () =>
      rows<{ id: number; s: string }>(
        t.owner,
        sql`select record_id::int as id, payment_status as s from
      payment_roll_lines where roll_id = ${rollId} order by 1`,
      );
    expect(await lines()).toEqual([
      { id: 11, s: 'paid' },
      { id: 12, s: 'failed' },
      { id: 13, s: 'pending' },
    ]);
    const body = (csv: string) =>
      csv
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[0]);
    expect(body(await csvOf(true))).toEqual([`${rollId}-12`]);
    expect(body(await csvOf(true))).toEqual([`${rollId}-12`]);
    expect(body(await csvOf(false))).toEqual([`${rollId}-13`]);
    expect(await lines()).toEqual([
      { id: 11, s: 'paid' },
      { id: 12, s: 'reissued' },
      { id: 13, s: 'pending' },
    ]);
    expect(await result(`流水号,结果,失败原因\n${rollId}-12,成功,\n${rollId}-13,成功,\n`)).toEqual({ paid: 2, failed: 0 });
    expect(body(await csvOf(true))).toEqual([]);
    expect(body(await csvOf(false))).toEqual([]);
    await expect(result(`流水号,结果,失败原因\n${rollId}-11,失败,账户已销户\n`)).rejects.toMatchObject({
      details: { fields: [{ message: `流水号 ${rollId}-11 已确认发放成功，不能改为失败` }] },
    });
    expect(audited.filter((a) => a.rollId === rollId).map((a) => a.action)).toEqual(
      expect.arrayContaining(['build', 'approve', 'bank_file', 'bank_result']),
    );
  });
});

async function villageName(code: string): Promise<string | null> {
  const [d] = await rows<{ full_name: string }>(t.owner, sql`select full_name from divisions where code = ${code}`);
  return d?.full_name ?? null;
}
