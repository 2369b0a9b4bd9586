/**
 * Payee accounts on a programme of their own (not social assistance's): one record per person and
 * programme, set by the programme and changed only when the account differs; 更正发放账户 with the
 * version the user saw, scoped (404 outside), its history masked, and the programme's own record of it
 * in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type TestApp } from '../../testing/harness.js';
import { rows, type Db } from '../db/index.js';
import type { Actor, Ctx } from '../context.js';
import { correctPayeeAccount, openPayeeAccount, type AccountChange } from './payees.js';

let t: TestApp;
const recorded: { change: AccountChange; inTx: boolean }[] = [];
let failHook = false;

const as = (divisionCode: string): Ctx => ({
  actor: {
    userId: 1,
    username: 'payee-test',
    kind: 'staff',
    roles: [],
    permissions: new Set(),
    divisionCode,
    organisationId: null,
    personId: null,
  } satisfies Actor,
  ip: '127.0.0.1',
});

beforeAll(async () => {
  t = await startTestApp();
  t.deps.payees.register({
    programme: 'payee_test',
    name: '测试发放',
    read: 'stats.read',
    write: 'stats.read',
    payeeName: () => sql`'测试收款人'`,
    async accountChanged(tx: Db, _ctx, change) {
      const [a] = await rows<{ bank_name: string }>(tx, sql`select bank_name from payee_accounts where id = ${change.payeeAccountId}`);
      if (failHook) throw new Error('hook failed');
      recorded.push({ change, inTx: a.bank_name === change.current.bankName });
    },
  });
});
afterAll(async () => t?.close());

const set = (personId: number, bankName: string, account: string, divisionCode = places.renchengVillageA) =>
  t.deps.database.db.transaction((tx) =>
    t.deps.payees.setInTx(tx, 1, 'payee_test', [
      { personId, householdId: null, divisionCode, bankName, bankAccountEnc: t.deps.cipher.encrypt(account), reason: '测试登记' },
    ]),
  );
const history = (id: number) =>
  rows<{
    source: string;
    previous_bank_name: string | null;
    previous_account_masked: string | null;
    bank_name: string;
    account_masked: string;
  }>(
    t.deps.database.db,
    sql`select source, previous_bank_name, previous_account_masked, bank_name, account_masked from payee_account_changes
      where payee_account_id = ${id} order by id`,
  );

describe('payee accounts', () => {
  it('one record per person and programme: the same account again changes nothing; another one is kept masked in the history', async () => {
    await set(9001, '济宁银行', '6217000000000001111');
    const a = (await t.deps.payees.accountOf(t.deps.database.db, 'payee_test', 9001))!;
    expect(a).toMatchObject({ bankName: '济宁银行', version: 1 });
    // Encrypted again (another ciphertext), the same account: nothing changes.
    await set(9001, '济宁银行', '6217000000000001111');
    expect(await history(a.id)).toEqual([]);
    await set(9001, '农业银行', '6228000000000002222', places.renchengVillageB);
    const b = (await t.deps.payees.accountOf(t.deps.database.db, 'payee_test', 9001))!;
    expect(b).toMatchObject({ id: a.id, bankName: '农业银行', version: 2, divisionCode: places.renchengVillageB });
    expect(t.deps.cipher.decrypt(b.bankAccountEnc!)).toBe('6228000000000002222');
    expect(await history(a.id)).toEqual([
      {
        source: 'set',
        previous_bank_name: '济宁银行',
        previous_account_masked: '****1111',
        bank_name: '农业银行',
        account_masked: '****2222',
      },
    ]);
  });

  it('a correction needs the version the user saw, is 404 outside the jurisdiction, and keeps both accounts masked', async () => {
    await set(9002, '济宁银行', '6217000000000003333');
    const a = (await t.deps.payees.accountOf(t.deps.database.db, 'payee_test', 9002))!;
    const body = { bankName: '建设银行', bankAccount: '6227000000000004444', reason: '原账户已销户', version: a.version };
    await expect(correctPayeeAccount(t.deps, as(places.renchengTownshipB), 'payee_test', a.id, body)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      correctPayeeAccount(t.deps, as(places.renchengTownshipA), 'payee_test', a.id, { ...body, version: 0 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await correctPayeeAccount(t.deps, as(places.renchengTownshipA), 'payee_test', a.id, body)).toEqual({ id: a.id, version: 2 });
    expect(recorded.at(-1)).toMatchObject({
      inTx: true,
      change: {
        personId: 9002,
        previous: { bankName: '济宁银行', account: '****3333' },
        current: { bankName: '建设银行', account: '****4444' },
        reason: '原账户已销户',
      },
    });
    const opened = await openPayeeAccount(t.deps, as(places.renchengTownshipA), 'payee_test', a.id);
    expect(opened).toMatchObject({ payeeName: '测试收款人', bankName: '建设银行', bankAccount: '****4444', version: 2 });
    expect(opened.history).toEqual([
      expect.objectContaining({ source: 'correction', previousAccount: '****3333', account: '****4444', reason: '原账户已销户' }),
    ]);
    expect(JSON.stringify(opened)).not.toMatch(/6227000000000004444|6217000000000003333/);
    await expect(openPayeeAccount(t.deps, as(places.yanzhou), 'payee_test', a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the programme records the correction in the same transaction: when it fails, the account stays as it was', async () => {
    const a = (await t.deps.payees.accountOf(t.deps.database.db, 'payee_test', 9002))!;
    failHook = true;
    try {
      await expect(
        correctPayeeAccount(t.deps, as(places.renchengTownshipA), 'payee_test', a.id, {
          bankName: '工商银行',
          bankAccount: '6222000000000005555',
          reason: '再次更正',
          version: a.version,
        }),
      ).rejects.toThrow('hook failed');
    } finally {
      failHook = false;
    }
    expect(await t.deps.payees.accountOf(t.deps.database.db, 'payee_test', 9002)).toMatchObject({
      bankName: '建设银行',
      version: a.version,
    });
    expect(await history(a.id)).toHaveLength(1);
  });
});
