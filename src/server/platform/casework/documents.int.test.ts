/**
 * The kernel's case documents (documents.ts) on the test-only registration cases and a link table
 * of their own (./testing.ts), not assistance's: only images and PDFs, judged by content; the file
 * in `files` and its link to the case in one audited transaction; listed and opened only through a
 * case in the actor's scope (404 outside it), each opening audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { scopeWhere } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import type { Ctx } from '../context.js';
import { rows } from '../db/index.js';
import { AppError } from '../errors.js';
import { documentKindOf, listDocuments, readDocument, sniff, uploadDocument, type DocumentStore } from './documents.js';
import { caseworkTestCases as cases, caseworkTestDocuments as links, createCaseworkTables, ctxOf } from './testing.js';

type Kind = 'licence' | 'site_photo';
const store: DocumentStore<Kind> = {
  kinds: { licence: '许可证', site_photo: '现场照片' },
  cases: {
    table: cases,
    id: cases.id,
    scope: (actor) => scopeWhere(actor, { division: cases.divisionCode }),
    noun: '登记案件',
    audited: { caseNo: cases.caseNo },
  },
  links: { table: links, caseId: links.caseId, fileId: links.fileId, kind: links.kind, uploadedAt: links.uploadedAt },
  async link(tx, row) {
    await tx.insert(links).values(row);
  },
  async auditUpload(tx, ctx, c, { kind, fileId, size }) {
    await audit(tx, ctx, {
      action: 'casework_test.document',
      objectType: 'casework_test_case',
      objectId: c.id,
      details: { caseNo: c.caseNo, kind, fileId, size },
    });
  },
  async auditOpen(deps, ctx, caseId, fileId) {
    await deps.readAudit.record(ctx, {
      action: 'casework_test.document.open',
      objectType: 'casework_test_case',
      objectId: caseId,
      details: { fileId },
    });
  },
};

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const pdf = Buffer.from('%PDF-1.7\n…');
const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

let t: TestApp;
let mine: number;
let theirs: number;
let clerk: Ctx;
let other: Ctx;

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

beforeAll(async () => {
  t = await startTestApp();
  await createCaseworkTables(t.owner, t.deps.database);
  clerk = ctxOf((await t.login({ roles: ['township_clerk'], divisionCode: '370811002', username: 'documents_a' })).userId, [
    'registry.write',
  ]);
  other = ctxOf(
    (await t.login({ roles: ['township_clerk'], divisionCode: '370811003', username: 'documents_b' })).userId,
    ['registry.write'],
    '370811003',
  );
  const made = await rows<{ id: number }>(
    t.owner,
    sql`insert into casework_test_cases (status, category, division_code, case_no) values
      ('reviewing', 'standard', '370811002', 'DJ-1'), ('reviewing', 'standard', '370811003', 'DJ-2') returning id`,
  );
  [mine, theirs] = made.map((r) => Number(r.id));
});
afterAll(async () => t?.close());

describe('case documents on a second module’s tables', () => {
  it('takes JPG, PNG and PDF by their content, whatever the name; anything else is refused with the field', async () => {
    expect([sniff(jpg), sniff(png), sniff(pdf), sniff(Buffer.from('GIF89a'))]).toEqual([
      'image/jpeg',
      'image/png',
      'application/pdf',
      null,
    ]);
    const e = await refusal(uploadDocument(t.deps, clerk, store, mine, 'licence', { name: 'scan.pdf', content: Buffer.from('<html>') }));
    expect([e.code, e.message]).toEqual(['VALIDATION', '只能上传 JPG、PNG 图片或 PDF 文件']);
    expect(documentKindOf(store.kinds).catch('licence').parse('nonsense')).toBe('licence');
  });

  it('stores the file, links it to the case and audits the upload in one transaction; lists it with its kind name', async () => {
    const up = await uploadDocument(t.deps, clerk, store, mine, 'site_photo', { name: '现场.png', content: png });
    expect(up).toEqual({ fileId: expect.any(Number), name: '现场.png', kind: 'site_photo', kindName: '现场照片' });
    const [audited] = await rows<{ action: string; details: Record<string, unknown> }>(
      t.owner,
      sql`select action, details from audit_log where object_type = 'casework_test_case' and object_id = ${String(mine)}
        and action = 'casework_test.document'`,
    );
    expect(audited.details).toEqual({ caseNo: 'DJ-1', kind: 'site_photo', fileId: up.fileId, size: png.length });
    const list = await listDocuments(t.deps, clerk, store, mine);
    expect(list).toEqual([
      { fileId: up.fileId, kind: 'site_photo', kindName: '现场照片', name: '现场.png', mime: 'image/png', uploadedAt: expect.any(String) },
    ]);
    const d = await readDocument(t.deps, clerk, store, mine, up.fileId);
    expect([d.name, d.mime, Buffer.from(d.content).equals(png)]).toEqual(['现场.png', 'image/png', true]);
    await t.deps.readAudit.flush();
    const [{ n }] = await rows<{ n: number }>(
      t.owner,
      sql`select count(*)::int as n from audit_log where action = 'casework_test.document.open' and object_id = ${String(mine)}`,
    );
    expect(n).toBe(1);
  });

  it("a case outside the actor's scope is 404 with the module's noun; a file is read only through the case it belongs to", async () => {
    const up = await uploadDocument(t.deps, other, store, theirs, 'licence', { name: 'l.pdf', content: pdf });
    for (const attempt of [
      uploadDocument(t.deps, clerk, store, theirs, 'licence', { name: 'x.jpg', content: jpg }),
      listDocuments(t.deps, clerk, store, theirs),
    ])
      expect((await refusal(attempt)).message).toBe('登记案件不存在或不在您的管辖范围内');
    expect((await refusal(readDocument(t.deps, clerk, store, theirs, up.fileId))).message).toBe('材料不存在或不在您的管辖范围内');
    // Its own case in scope, another case's file: not through this case.
    expect((await refusal(readDocument(t.deps, clerk, store, mine, up.fileId))).code).toBe('NOT_FOUND');
    const [{ n }] = await rows<{ n: number }>(
      t.owner,
      sql`select count(*)::int as n from casework_test_documents where case_id = ${theirs}`,
    );
    expect(n).toBe(1);
  });
});
