/**
 * D7 in social assistance: a damaged ciphertext is shown as 数据校验失败 on the case page and the
 * printed form, but stops the files that money or other agencies act on (bank file, check request
 * file) with a message naming the person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { pdfText } from '../../platform/pdf/pdf-text.testing.js';
import { caseHelpers } from './testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
let county: Client;
let countyApprover: Client;
const DAMAGED = '数据校验失败';
const nextMonth = addMonths(monthOf(shanghaiToday()), 1);
const { household, application, apply, step, toDecision } = caseHelpers(() => t, 800);

/** Flips one bit of the ciphertext part of a stored field, behind the application's back. */
async function damage(table: 'persons' | 'payee_accounts' | 'assistance_cases', column: string, id: number): Promise<void> {
  const [raw] = await rows<{ v: string }>(t.owner, sql`select ${sql.raw(column)} as v from ${sql.raw(table)} where id = ${id}`);
  const parts = raw.v.split(':');
  const ct = Buffer.from(parts[2], 'base64');
  ct[0] ^= 1;
  parts[2] = ct.toString('base64');
  await t.owner.execute(sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${parts.join(':')} where id = ${id}`);
}

async function integrityAudits(objectType: string, objectId: number) {
  await t.deps.readAudit.flush();
  return rows<{ details: { field: string } }>(
    t.deps.database.db,
    sql`select details from audit_log where action = 'crypto.integrity_failed' and object_type = ${objectType} and object_id =
      ${String(objectId)}`,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
});
afterAll(async () => t?.close());

describe('damaged ciphertexts in social assistance (D7)', () => {
  it('D7 a damaged bank account stops the bank file with a message naming the recipient; the case page shows 数据校验失败', async () => {
    const h = await household(clerk, places.renchengVillageA, ['周完好', '周配偶']);
    const c = await apply(clerk, application(h));
    await toDecision(clerk, c.id);
    expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
    const roll = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
    expect(roll.statusCode, roll.body).toBe(200);
    await t.deps.jobs.drain();
    const rollId = roll.json().id as number;
    expect((await countyApprover.post(`/api/payments/assistance/rolls/${rollId}/approve`)).statusCode).toBe(200);
    expect((await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=csv`)).statusCode).toBe(200);

    const [e] = await rows<{ id: number | string; payee: number | string }>(
      t.deps.database.db,
      sql`select e.id, a.id as payee from assistance_entitlements e
        join payee_accounts a on a.programme = 'assistance' and a.person_id = e.payee_person_id where e.case_id = ${c.id}`,
    );
    // The account the bank file pays into is the payee's record on the platform (platform/payees).
    await damage('payee_accounts', 'bank_account_enc', Number(e.payee));
    for (const format of ['xlsx', 'csv']) {
      const res = await county.get(`/api/payments/assistance/rolls/${rollId}/bank-file?format=${format}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe(
        `收款人 周完好（流水号 ${rollId}-${e.id}）的银行账号数据校验失败，记录可能被篡改，未生成代发文件。请核实后重新录入该银行账号，再导出`,
      );
      expect(res.body).not.toContain(DAMAGED + ',');
    }
    // One row per request that met the damaged field (the xlsx and the CSV).
    expect((await integrityAudits('payee_account', Number(e.payee))).map((r) => r.details.field)).toEqual(['bankAccount', 'bankAccount']);

    await damage('assistance_cases', 'bank_account_enc', c.id);
    const page = await clerk.get(`/api/assistance/cases/${c.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().bankAccountMasked).toBe(DAMAGED);
    expect(page.json().members.every((m: { idNumberMasked: string }) => /^\d{6}\*{8}/.test(m.idNumberMasked))).toBe(true);
  });

  it('D7 a damaged ID number shows as 数据校验失败 on the case page and the printed form, and stops the check request file naming the member', async () => {
    const h = await household(clerk, places.renchengVillageA, ['吴户主', '吴受损']);
    const c = await apply(clerk, application(h));
    expect((await step(clerk, c.id, 'request_check')).statusCode).toBe(200);
    expect((await clerk.get('/api/assistance/checks/request-file')).statusCode).toBe(200);
    const victim = h.members[1];
    await damage('persons', 'id_number_enc', victim.id);

    const page = await clerk.get(`/api/assistance/cases/${c.id}`);
    expect(page.statusCode).toBe(200);
    const members = page.json().members as { personId: number; idNumberMasked: string }[];
    expect(members.find((m) => m.personId === victim.id)!.idNumberMasked).toBe(DAMAGED);
    expect(members.find((m) => m.personId === h.members[0].id)!.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    const pdf = await clerk.get(`/api/assistance/cases/${c.id}/print/application`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(DAMAGED);
    expect(text).toContain(h.idNumbers[0]);

    const file = await clerk.get('/api/assistance/checks/request-file');
    expect(file.statusCode).toBe(409);
    expect(file.json().message).toBe(
      `吴受损（申请编号 ${c.caseNo}）的身份证号数据校验失败，记录可能被篡改，未生成核对请求文件。请核实后在人口库中重新录入身份证号，再导出`,
    );
    // The case page, the printed form and the request file each audited it once.
    expect((await integrityAudits('person', victim.id)).map((r) => r.details.field)).toEqual(['idNumber', 'idNumber', 'idNumber']);
  });
});
