/**
 * 更正发放账户 on the platform's payee account, and migration 0012: a payee's account as the old
 * entitlement held it, with its corrections in the entitlement's history, becomes exactly the payee
 * record and history the new code writes for the same facts (an application approved, its account
 * corrected once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { caseHelpers } from '../testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
const { household, application, apply, open, step, toDecision } = caseHelpers(() => t, 900);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

const statements = (file: string) =>
  readFileSync(new URL(`../../../../../db/migrations/${file}`, import.meta.url), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim());

const payees = () =>
  rows(
    t.owner,
    sql`select programme, person_id::int as person_id, division_code, household_id::int as household_id, bank_name, bank_account_enc
      from payee_accounts order by person_id`,
  );
const changes = () =>
  rows(
    t.owner,
    sql`select a.person_id::int as person_id, c.source, c.previous_bank_name, c.previous_account_masked, c.bank_name, c.account_masked,
          c.reason, c.actor_user_id::int as actor_user_id, c.at::text as at
        from payee_account_changes c join payee_accounts a on a.id = c.payee_account_id order by c.id`,
  );

describe('payee accounts of social assistance', () => {
  it('an approved application gives its applicant the payee account; a correction changes it once, masked on the record and every entitlement', async () => {
    const h = await household(clerk, places.renchengVillageA, ['柏青松', '柏妻']);
    const c = await apply(clerk, application(h));
    await toDecision(clerk, c.id);
    expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
    const e = (await clerk.get(`/api/assistance/entitlements/${(await open(clerk, c.id)).entitlement.id}`)).json();
    expect(e).toMatchObject({ bankName: '济宁银行任城支行', bankAccount: '****0123', payeeAccountId: expect.any(Number) });
    const account = (await clerk.get(`/api/payees/assistance/${e.payeeAccountId}`)).json();
    expect(account).toMatchObject({ payeeName: '柏青松', bankName: '济宁银行任城支行', bankAccount: '****0123', version: 1, history: [] });

    const res = await clerk.post(`/api/payees/assistance/${e.payeeAccountId}/account`, {
      bankName: '中国建设银行济宁分行',
      bankAccount: '6227000011112222',
      reason: '原卡丢失，换发新卡',
      version: account.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    // The version the user saw is now stale.
    const again = await clerk.post(`/api/payees/assistance/${e.payeeAccountId}/account`, {
      bankName: '中国建设银行济宁分行',
      bankAccount: '6227000011113333',
      reason: '再次更正',
      version: account.version,
    });
    expect(again.statusCode).toBe(409);
    const after = (await clerk.get(`/api/payees/assistance/${e.payeeAccountId}`)).json();
    expect(after.history).toEqual([
      expect.objectContaining({
        source: 'correction',
        previousBankName: '济宁银行任城支行',
        previousAccount: '****0123',
        bankName: '中国建设银行济宁分行',
        account: '****2222',
        reason: '原卡丢失，换发新卡',
      }),
    ]);
    const entitlement = (await clerk.get(`/api/assistance/entitlements/${e.id}`)).json();
    expect(entitlement).toMatchObject({ bankName: '中国建设银行济宁分行', bankAccount: '****2222' });
    expect(entitlement.history.filter((x: { kind: string }) => x.kind === 'account')).toEqual([
      expect.objectContaining({
        breakdown: '原账户：济宁银行任城支行 ****0123；新账户：中国建设银行济宁分行 ****2222',
        reason: '原卡丢失，换发新卡',
      }),
    ]);
  });

  it('migration 0012’s statements rebuild from the old entitlement columns and history exactly the payee records the new code wrote', async () => {
    const written = { payees: await payees(), changes: await changes() };
    expect(written.payees).toHaveLength(1);
    expect(written.changes).toHaveLength(1);

    // The old columns as migration 0002 made them, holding what the old code kept there: each
    // entitlement's account (its corrections were already in its history, as the new code still writes them).
    await t.owner.execute(sql`alter table assistance_entitlements add column bank_name text, add column bank_account_enc text`);
    try {
      await t.owner.execute(sql`update assistance_entitlements e set bank_name = a.bank_name, bank_account_enc = a.bank_account_enc
        from payee_accounts a where a.programme = 'assistance' and a.person_id = e.payee_person_id`);
      await t.owner.execute(sql`delete from payee_account_changes`);
      await t.owner.execute(sql`delete from payee_accounts`);
      const copy = statements('0012_payee_accounts.sql').filter((s) => /^INSERT INTO payee_account/.test(s));
      expect(copy).toHaveLength(2);
      for (const statement of copy) await t.owner.execute(sql.raw(statement));
      expect({ payees: await payees(), changes: await changes() }).toEqual(written);
    } finally {
      await t.owner.execute(sql`alter table assistance_entitlements drop column bank_name, drop column bank_account_enc`);
    }
  });
});
