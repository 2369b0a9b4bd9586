/**
 * The 批准通知书 as a verifiable document (docs/verifiable-documents.md), on both engines: printing it
 * issues one document per decision, with the QR and the code and the line 扫码或访问…核验; printing again
 * shows the same code; the public page reads 有效 with the masked applicant, the 申请编号 and the body
 * that decided, and nothing more of the household.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type Client, type TestApp } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { pdfText } from '../../../platform/pdf/pdf-text.testing.js';
import { ALPHABET, CODE_LENGTH } from '../../../platform/verify/code.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import type { VerifyAnswer } from '../../../../shared/verify/documents.js';
import { caseHelpers } from '../testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
let caseId: number;
const { household, application, apply, step, toDecision } = caseHelpers(() => t, 500);

beforeAll(async () => {
  t = await startTestApp({ JIMIN_PUBLIC_BASE_URL: 'https://mzj.jining.example.cn' });
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  const h = await household(clerk, places.renchengVillageA, ['核验甲', '核验乙', '核验丙']);
  ({ id: caseId } = await apply(clerk, application(h)));
  await toDecision(clerk, caseId);
  const res = await step(approver, caseId, 'approve');
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => t?.close());

/** The approval notice's text as printed by `who`, and the code printed on it. */
async function printNotice(who: Client): Promise<{ text: string; code: string }> {
  const res = await who.get(`/api/assistance/cases/${caseId}/print/approval`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const text = await pdfText(res.rawPayload);
  const m = new RegExp(`核验编码：([${ALPHABET}]{${CODE_LENGTH}})`).exec(text);
  expect(m, text).not.toBeNull();
  return { text, code: m![1] };
}

describe('the 批准通知书 carries a verification code', () => {
  it('printing the 批准通知书 issues one document per decision: re-printing shows the same code, with the line 扫码或访问…核验', async () => {
    const first = await printNotice(clerk);
    const again = await printNotice(approver);
    expect(again.code).toBe(first.code);
    expect(first.text).toContain('扫码或访问https://mzj.jining.example.cn/verify输入编码核验');
    const issued = await rows<{ code: string; division_code: string }>(
      t.deps.database.db,
      sql`select code, division_code from issued_documents where kind = 'assistance.approval_notice' and record_id in
        (select id from assistance_actions where case_id = ${caseId} and action = 'approve')`,
    );
    // Issued by the township that decided: its clerks (and the county) may revoke it.
    expect(issued).toEqual([{ code: first.code, division_code: places.renchengTownshipA }]);
  });

  it('the public page reads 有效 for the printed code, with the masked applicant, the 申请编号 and the deciding body', async () => {
    const { code, text } = await printNotice(clerk);
    const res = await t.client().get(`/api/verify/${code}`);
    expect(res.statusCode).toBe(200);
    const answer = res.json<VerifyAnswer>();
    const [{ caseNo }] = await rows<{ caseNo: string }>(
      t.deps.database.db,
      sql`select case_no as "caseNo" from assistance_cases where id = ${caseId}`,
    );
    expect(answer.status).toBe('valid');
    expect(answer.document).toMatchObject({
      title: '批准通知书',
      number: caseNo,
      holder: '核**',
      issuedOn: shanghaiToday(),
      lines: expect.arrayContaining([
        { label: '救助类别', value: '低保' },
        { label: '保障人数', value: '3 人' },
        { label: '通知书日期', value: shanghaiToday() },
      ]),
    });
    // The issuer as the notice prints it.
    expect(text).toContain(`${answer.document!.issuer}（盖章）`);
    expect(JSON.stringify(answer)).not.toMatch(/核验甲|核验乙|核验丙|测试路/);
  });
});
