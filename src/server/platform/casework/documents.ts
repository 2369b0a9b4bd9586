/**
 * The documents of a module's cases (uploads: the scans and photos a case collects). The file is
 * kept in the platform's `files` table and linked to the case in the module's link table; it is read
 * only through a case inside the actor's scope (404 outside it, docs/security.md Z1), and only images
 * and PDFs are taken, judged by their content, not by their name. Every upload is audited in its
 * transaction, every opening through the read-audit buffer, each by the module's own writer. A module
 * binds it to its tables with a `DocumentStore`.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { keysOf } from '../../../shared/registry-codes.js';
import type { Deps } from '../deps.js';
import type { Actor, Ctx } from '../context.js';
import type { Db } from '../db/index.js';
import { requireActor } from '../access/scope.js';
import { AppError } from '../errors.js';
import { files } from '../db/schema.js';

/** A module's case documents behind the kernel: its cases in scope, its link table, its document kinds. */
export interface DocumentStore<K extends string> {
  /** The document kinds, code → Chinese name. */
  kinds: Readonly<Record<K, string>>;
  /** The module's case table, its id, the actor's scope on it and what a missing case is called (救助案件). */
  cases: {
    table: PgTable;
    id: AnyPgColumn;
    scope(actor: Actor): SQL;
    noun: string;
    /** Columns of the case the upload's audit row names (its case number). */
    audited?: Record<string, AnyPgColumn>;
  };
  /** The link table: a row per document of a case. */
  links: { table: PgTable; caseId: AnyPgColumn; fileId: AnyPgColumn; kind: AnyPgColumn; uploadedAt: AnyPgColumn };
  /** Links an uploaded file to the case (in the upload's transaction). */
  link(tx: Db, row: { caseId: number; fileId: number; kind: K; uploadedBy: number }): Promise<void>;
  /**
   * Writes the upload's audit row on `tx` (docs/security.md U1), with the module's action (its Chinese
   * label is in src/shared/audit-actions.ts), the case's `audited` columns and no personal data.
   */
  auditUpload(tx: Db, ctx: Ctx, c: CaseAudited, upload: { kind: K; fileId: number; size: number }): Promise<void>;
  /** Records an opening of a document through the read-audit buffer. */
  auditOpen(deps: Deps, ctx: Ctx, caseId: number, fileId: number): Promise<void>;
}

/** The case as the upload read it: its id and the store's `audited` columns. */
export type CaseAudited = { id: number } & Record<string, unknown>;

/** The kind of an upload, one of the store's. */
export const documentKindOf = <K extends string>(kinds: Readonly<Record<K, string>>) => z.enum(keysOf(kinds as Record<K, string>));

/** Images and PDFs only: what a scanner or a phone produces. */
const allowed: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/** The type of a file by its first bytes. */
export function sniff(content: Buffer): string | null {
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const caseInScope = async <K extends string>(db: Db, store: DocumentStore<K>, actor: Actor, caseId: number) => {
  const { cases } = store;
  const [c] = await db
    .select({ id: cases.id, ...cases.audited })
    .from(cases.table)
    .where(and(eq(cases.id, caseId), cases.scope(actor)));
  if (!c) throw AppError.notFound(cases.noun);
  return c as CaseAudited;
};

export async function uploadDocument<K extends string>(
  deps: Deps,
  ctx: Ctx,
  store: DocumentStore<K>,
  caseId: number,
  kind: K,
  file: { name: string; content: Buffer },
) {
  const actor = requireActor(ctx.actor);
  const mime = sniff(file.content);
  if (!mime || !allowed[mime]) throw AppError.field('file', '只能上传 JPG、PNG 图片或 PDF 文件');
  return deps.database.db.transaction(async (tx) => {
    const c = await caseInScope(tx, store, actor, caseId);
    const [f] = await tx
      .insert(files)
      .values({ name: file.name.slice(0, 200), mime, content: file.content, createdBy: actor.userId })
      .returning({ id: files.id });
    await store.link(tx, { caseId, fileId: f.id, kind, uploadedBy: actor.userId });
    await store.auditUpload(tx, ctx, c, { kind, fileId: f.id, size: file.content.length });
    return { fileId: f.id, name: file.name, kind, kindName: store.kinds[kind] };
  });
}

export async function listDocuments<K extends string>(deps: Deps, ctx: Ctx, store: DocumentStore<K>, caseId: number) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  await caseInScope(db, store, actor, caseId);
  const { links } = store;
  const list = await db
    .select({ fileId: links.fileId, kind: links.kind, name: files.name, mime: files.mime, uploadedAt: links.uploadedAt })
    .from(links.table)
    .innerJoin(files, eq(files.id, links.fileId))
    .where(eq(links.caseId, caseId));
  return list.map((d) => ({
    ...(d as { fileId: number; kind: string; name: string; mime: string; uploadedAt: Date }),
    kindName: (store.kinds as Record<string, string>)[d.kind as string] ?? (d.kind as string),
    uploadedAt: (d.uploadedAt as Date).toISOString(),
  }));
}

/** One document's file, through the case in the actor's scope, in one statement; its opening is audited. */
export async function readDocument<K extends string>(deps: Deps, ctx: Ctx, store: DocumentStore<K>, caseId: number, fileId: number) {
  const actor = requireActor(ctx.actor);
  const { cases, links } = store;
  const [d] = await deps.database.db
    .select({ name: files.name, mime: files.mime, content: files.content })
    .from(links.table)
    .innerJoin(files, eq(files.id, links.fileId))
    .innerJoin(cases.table, eq(cases.id, links.caseId))
    .where(and(eq(links.caseId, caseId), eq(links.fileId, fileId), cases.scope(actor)));
  if (!d) throw AppError.notFound('材料');
  await store.auditOpen(deps, ctx, caseId, fileId);
  return d;
}
