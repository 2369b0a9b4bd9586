/** Documents of a case (uploads): kept in `files`, read only through a case in the actor's scope. */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { files } from '../../../platform/db/schema.js';
import { documentKinds } from '../../../../shared/assistance-codes.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { assistanceCases, assistanceDocuments } from '../schema.js';
import { caseScope } from './case-store.js';

export const documentKind = z.enum(keysOf(documentKinds));

/** Images and PDFs only: what a scanner or a phone produces. */
const allowed: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

function sniff(content: Buffer): string | null {
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export async function uploadDocument(
  deps: Deps,
  ctx: Ctx,
  caseId: number,
  kind: z.infer<typeof documentKind>,
  file: { name: string; content: Buffer },
) {
  const actor = requireActor(ctx.actor);
  const mime = sniff(file.content);
  if (!mime || !allowed[mime]) throw AppError.field('file', '只能上传 JPG、PNG 图片或 PDF 文件');
  return deps.database.db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: assistanceCases.id, caseNo: assistanceCases.caseNo })
      .from(assistanceCases)
      .where(and(eq(assistanceCases.id, caseId), caseScope(actor)));
    if (!c) throw AppError.notFound('救助案件');
    const [f] = await tx
      .insert(files)
      .values({ name: file.name.slice(0, 200), mime, content: file.content, createdBy: actor.userId })
      .returning({ id: files.id });
    await tx.insert(assistanceDocuments).values({ caseId, fileId: f.id, kind, uploadedBy: actor.userId });
    await audit(tx, ctx, {
      action: 'assistance_case.document',
      objectType: 'assistance_case',
      objectId: caseId,
      details: { caseNo: c.caseNo, kind, fileId: f.id, size: file.content.length },
    });
    return { fileId: f.id, name: file.name, kind, kindName: documentKinds[kind] };
  });
}

export async function listDocuments(deps: Deps, ctx: Ctx, caseId: number) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [c] = await db
    .select({ id: assistanceCases.id })
    .from(assistanceCases)
    .where(and(eq(assistanceCases.id, caseId), caseScope(actor)));
  if (!c) throw AppError.notFound('救助案件');
  const list = await db
    .select({
      fileId: assistanceDocuments.fileId,
      kind: assistanceDocuments.kind,
      name: files.name,
      mime: files.mime,
      uploadedAt: assistanceDocuments.uploadedAt,
    })
    .from(assistanceDocuments)
    .innerJoin(files, eq(files.id, assistanceDocuments.fileId))
    .where(eq(assistanceDocuments.caseId, caseId));
  return list.map((d) => ({
    ...d,
    kindName: documentKinds[d.kind as keyof typeof documentKinds] ?? d.kind,
    uploadedAt: d.uploadedAt.toISOString(),
  }));
}

export async function readDocument(deps: Deps, ctx: Ctx, caseId: number, fileId: number) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [d] = await db
    .select({ name: files.name, mime: files.mime, content: files.content })
    .from(assistanceDocuments)
    .innerJoin(files, eq(files.id, assistanceDocuments.fileId))
    .innerJoin(assistanceCases, eq(assistanceCases.id, assistanceDocuments.caseId))
    .where(and(eq(assistanceDocuments.caseId, caseId), eq(assistanceDocuments.fileId, fileId), caseScope(actor)));
  if (!d) throw AppError.notFound('材料');
  await deps.readAudit.record(ctx, {
    action: 'assistance_case.document.open',
    objectType: 'assistance_case',
    objectId: caseId,
    details: { fileId },
  });
  return d;
}
