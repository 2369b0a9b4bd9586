/**
 * Migration 0013: social assistance's rolls and roll lines, as the old tables held them, become
 * exactly the platform's rolls and lines the new code writes for the same facts — a roll built,
 * approved, its bank file exported and its result imported (one payment failed) — with the rolls'
 * ids kept (a 流水号 in a bank file already sent names its roll), and a roll job of the old kind
 * carried on by the platform's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers, upload } from '../testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
let county: Client;
let countyApprover: Client;
const { household, application, apply, step, toDecision } = caseHelpers(() => t, 950);
const month = addMonths(monthOf(shanghaiToday()), 1);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
});
afterAll(async () => t?.close());

const statements = (file: string) =>
  readFileSync(new URL(`../../../../../db/migrations/${file}`, import.meta.url), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim());

const rolls = () =>
  rows(
    t.owner,
    sql`select id::int as id, programme, county_code, month, status, job_id::int as job_id, lines, total_fen::int as total_fen,
          built_at::text as built_at, approved_by::int as approved_by, approved_at::text as approved_at, created_by::int as created_by,
          created_at::text as created_at
        from payment_rolls order by id`,
  );
const lines = () =>
  rows(
    t.owner,
    sql`select roll_id::int as roll_id, record_id::int as record_id, household_id::int as household_id, division_code, benefit_type,
          payee_person_id::int as payee_person_id, covered_count, amount_fen, breakdown, inputs, bank_name, bank_account_enc,
          payment_status, failure_reason
        from payment_roll_lines order by roll_id, record_id`,
  );

describe('migration 0013: rolls onto the platform', () => {
  it('the migration’s statements rebuild from the old tables exactly the rolls and lines the new code wrote, ids kept', async () => {
    for (const names of [
      ['钟一', '钟二'],
      ['钟三', '钟四', '钟五'],
    ]) {
      const c = await apply(clerk, application(await household(clerk, places.renchengVillageA, names)));
      await toDecision(clerk, c.id);
      expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
    }
    const started = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month });
    expect(started.statusCode, started.body).toBe(200);
    await t.deps.jobs.drain();
    const id = started.json().id as number;
    expect((await countyApprover.post(`/api/payments/assistance/rolls/${id}/approve`)).statusCode).toBe(200);
    const csv = (await county.get(`/api/payments/assistance/rolls/${id}/bank-file?format=csv`)).body;
    const [first, second] = csv
      .replace(/^\uFEFF/, '')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0]);
    const res = await upload(
      county,
      `/api/payments/assistance/rolls/${id}/bank-result`,
      '回盘.csv',
      `流水号,结果,失败原因\n${first},成功,\n${second},失败,账户冻结\n`,
    );
    expect(res.json()).toEqual({ paid: 1, failed: 1 });
    const written = { rolls: await rolls(), lines: await lines() };
    expect(written.lines).toHaveLength(2);

    // The old tables as migration 0002 made them, holding the same roll and lines as the old code wrote
    // them (the entitlement as the line's record, its category as the type), and a build job of the old kind.
    for (const create of statements('0002_assistance.sql').filter((s) => /^CREATE TABLE "assistance_roll(s|_lines)"/.test(s)))
      await t.owner.execute(sql.raw(create));
    try {
      await t.owner.execute(sql`insert into assistance_rolls (id, county_code, month, status, job_id, lines, total_fen, built_at,
          approved_by, approved_at, created_by, created_at) overriding system value
        select id, county_code, month, status, job_id, lines, total_fen, built_at, approved_by, approved_at, created_by, created_at
        from payment_rolls`);
      await t.owner.execute(sql`insert into assistance_roll_lines (roll_id, entitlement_id, household_id, division_code, category,
          payee_person_id, covered_count, amount_fen, breakdown, inputs, bank_name, bank_account_enc, payment_status, failure_reason)
        select roll_id, record_id, household_id, division_code, benefit_type, payee_person_id, covered_count, amount_fen, breakdown,
          inputs, bank_name, bank_account_enc, payment_status, failure_reason from payment_roll_lines`);
      await t.owner.execute(sql`update jobs set kind = 'assistance.roll' where kind = 'payments.roll'`);
      await t.owner.execute(sql`delete from payment_roll_lines`);
      await t.owner.execute(sql`delete from payment_rolls`);

      const copy = statements('0013_payment_programmes.sql').filter((s) => /^(INSERT INTO payment_roll|SELECT setval|UPDATE jobs)/.test(s));
      expect(copy).toHaveLength(4);
      for (const statement of copy) await t.owner.execute(sql.raw(statement));
      expect({ rolls: await rolls(), lines: await lines() }).toEqual(written);
      const [{ n }] = await rows<{ n: number | string }>(t.owner, sql`select count(*) as n from jobs where kind = 'assistance.roll'`);
      expect(Number(n)).toBe(0);
    } finally {
      await t.owner.execute(sql`drop table assistance_roll_lines`);
      await t.owner.execute(sql`drop table assistance_rolls`);
    }
    // The roll reads as before, and its 补发 still finds the failed line by its 流水号; a new roll gets an id past it.
    const failed = (await county.get(`/api/payments/assistance/rolls/${id}/lines?paymentStatus=failed`)).json();
    expect(failed.items).toEqual([expect.objectContaining({ lineNo: second, failureReason: '账户冻结' })]);
    const next = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: addMonths(month, 1) });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().id).toBeGreaterThan(id);
    await t.deps.jobs.drain();
  });
});
