/**
 * Verifiable documents on both engines (docs/verifiable-documents.md), on a test-only kind of document
 * (the platform imports no module; the 批准通知书 of social assistance has its own test,
 * src/server/modules/assistance/cases/approval-notice.int.test.ts): issued once per record and audited;
 * the public page verifies the code without a login; a forged or altered code, and a row changed behind
 * the platform's back, read 无法验证; the issuer's jurisdiction revokes it with a reason (404 outside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import type { Ctx } from '../context.js';
import { rows } from '../db/index.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { INVALID_MESSAGE, type IssuedSummary, type VerifyAnswer } from '../../../shared/verify/documents.js';
import { auditActionLabel } from '../../../shared/audit-actions.js';
import { ALPHABET, CODE_LENGTH } from './code.js';
import type { IssueRequest } from './documents.js';

let t: TestApp;
let clerk: Client;
const RATE = 30;
const summary: IssuedSummary = {
  title: '志愿服务证明',
  number: '济民志证〔2026〕17号',
  holder: '核**',
  lines: [
    { label: '服务时长', value: '120 小时' },
    { label: '服务项目', value: '社区助老' },
  ],
};
/** A document of a test-only kind, issued by the township-A clerk for `recordId`. */
const request = (recordId: number): IssueRequest => ({
  kind: 'test.certificate',
  recordId,
  divisionCode: places.renchengTownshipA,
  issuerName: '许庄街道办事处',
  summary,
});
const ctxOf = (c: Client): Ctx => ({
  ip: '127.0.0.1',
  actor: {
    userId: c.userId,
    username: 'clerk',
    kind: 'staff',
    permissions: new Set(),
    roles: ['township_clerk'],
    divisionCode: places.renchengTownshipA,
    organisationId: null,
    personId: null,
  },
});
const issue = (recordId: number) => t.deps.documents.issueOnce(ctxOf(clerk), request(recordId));

beforeAll(async () => {
  t = await startTestApp({ JIMIN_LOGIN_RATE_PER_MINUTE: RATE, JIMIN_PUBLIC_BASE_URL: 'https://mzj.jining.example.cn/jimin/' });
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

const verify = async (code: string, remoteAddress?: string) => {
  const res = await t.client().inject({ method: 'GET', url: `/api/verify/${code}`, ...(remoteAddress ? { remoteAddress } : {}) });
  return { status: res.statusCode, body: res.json<VerifyAnswer>() };
};

/** `code` with its character at `i` replaced by another of the alphabet. */
const changedAt = (code: string, i: number) => `${code.slice(0, i)}${ALPHABET[(ALPHABET.indexOf(code[i]) + 7) % 32]}${code.slice(i + 1)}`;

describe('verifiable documents', () => {
  it('issues one document per kind and record, audited once: issuing again gives the same code, and the QR carries <JIMIN_PUBLIC_BASE_URL>/verify/<code>', async () => {
    const first = await issue(1);
    const again = await issue(1);
    expect(again.code).toBe(first.code);
    expect(first.code).toHaveLength(CODE_LENGTH);
    expect(first.url).toBe(`https://mzj.jining.example.cn/jimin/verify/${first.code}`);
    expect(first.page).toBe('https://mzj.jining.example.cn/jimin/verify');
    expect(first.qr.size).toBe(first.qr.version * 4 + 17);
    expect((await issue(2)).code).not.toBe(first.code);
    const audited = await rows<{ n: number; object: string }>(
      t.deps.database.db,
      sql`select count(*)::int as n, min(object_id) as object from audit_log
        where action = 'document.issue' and object_id = ${String(first.documentId)}`,
    );
    expect(audited).toEqual([{ n: 1, object: String(first.documentId) }]);
    expect(auditActionLabel('document.issue')).toBe('签发可核验文书');
  });

  it('D8 the public page answers 有效 with the masked name, the 文号 and the issuer; a forged code and a one-character change answer 无法验证', async () => {
    const { code, documentId } = await issue(3);
    const ok = await verify(code);
    expect(ok).toEqual({
      status: 200,
      body: {
        status: 'valid',
        message: '有效：此文书由本平台签发，内容未被改动',
        document: { documentId, ...summary, issuer: '许庄街道办事处', issuedOn: shanghaiToday() },
        revokedOn: null,
      },
    });
    // Typed from the paper: in groups, in lower case.
    expect((await verify(encodeURIComponent(code.replace(/(.{8})(?=.)/g, '$1 ').toLowerCase()))).body.status).toBe('valid');

    const invalid = { status: 200, body: { status: 'invalid', message: INVALID_MESSAGE, document: null, revokedOn: null } };
    // A forged code: well-formed, naming this document, signed by no key of the platform.
    const forged = `${code.slice(0, 10)}${'0'.repeat(CODE_LENGTH - 10)}`;
    expect(await verify(forged)).toEqual(invalid);
    for (const i of [0, 1, 3, 9, 10, 60, CODE_LENGTH - 1]) expect(await verify(changedAt(code, i))).toEqual(invalid);
    expect(await verify(code.slice(0, -1))).toEqual(invalid);
    expect(await verify(encodeURIComponent('不是编码'))).toEqual(invalid);
    // Another document's signature under this document's id.
    const other = await issue(4);
    expect(await verify(`${code.slice(0, 10)}${other.code.slice(10)}`)).toEqual(invalid);
  });

  it("D8 a document row changed behind the platform's back no longer verifies; put back, it does again", async () => {
    const { code, documentId } = await issue(5);
    await t.owner.execute(sql`update issued_documents set summary = jsonb_set(summary, '{holder}', '"李**"') where id = ${documentId}`);
    expect((await verify(code)).body.status).toBe('invalid');
    await t.owner.execute(sql`update issued_documents set summary = jsonb_set(summary, '{holder}', '"核**"') where id = ${documentId}`);
    expect((await verify(code)).body.status).toBe('valid');
    await t.owner.execute(sql`update issued_documents set issuer_name = '任城区民政局' where id = ${documentId}`);
    expect((await verify(code)).body.status).toBe('invalid');
  });

  it("revoking needs a reason and the issuer's jurisdiction (404 outside it); the public page then reads 已撤销 with the date; a second revocation is refused", async () => {
    const { code, documentId: id } = await issue(6);
    const other = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
    const outside = await other.post(`/api/documents/${id}/revoke`, { reason: '越权撤销' });
    const missing = await other.post(`/api/documents/987654321/revoke`, { reason: '越权撤销' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(outside.json().message).toContain('文书');
    const village = await t.login({ roles: ['village_officer'], divisionCode: places.renchengVillageA });
    expect((await village.post(`/api/documents/${id}/revoke`, { reason: '无权撤销' })).statusCode).toBe(403);
    const noReason = await clerk.post(`/api/documents/${id}/revoke`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写撤销原因');
    expect((await verify(code)).body.status).toBe('valid');

    const county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
    const res = await county.post(`/api/documents/${id}/revoke`, { reason: '证明内容有误，已重新出具' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ documentId: id, revokedOn: shanghaiToday() });
    const [y, m, d] = shanghaiToday().split('-').map(Number);
    const revoked = await verify(code);
    expect(revoked.body).toEqual({
      status: 'revoked',
      message: `已撤销（${y}年${m}月${d}日撤销），此文书不再有效`,
      document: expect.objectContaining({ holder: '核**', number: summary.number }),
      revokedOn: shanghaiToday(),
    });
    // The reason is the issuer's record, not the public page's.
    expect(JSON.stringify(revoked.body)).not.toContain('重新出具');

    const again = await clerk.post(`/api/documents/${id}/revoke`, { reason: '再次撤销' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`该文书已于${y}年${m}月${d}日撤销`);
    const audit = await rows<{ details: Record<string, unknown>; user_id: number }>(
      t.deps.database.db,
      sql`select details, user_id::int as user_id from audit_log where action = 'document.revoke' and object_id = ${String(id)}`,
    );
    expect(audit).toEqual([
      { details: { reason: '证明内容有误，已重新出具', kind: '志愿服务证明', number: summary.number }, user_id: county.userId },
    ]);
    expect(auditActionLabel('document.revoke')).toBe('撤销已签发的文书');
  });

  it('the public verification is throttled per address (429) like the other public routes; another address is unaffected', async () => {
    const code = '0'.repeat(CODE_LENGTH);
    let last = 0;
    for (let i = 0; i <= RATE; i++) last = (await verify(code, '203.0.113.9')).status;
    expect(last).toBe(429);
    expect((await verify(code, '198.51.100.7')).status).toBe(200);
  });
});
