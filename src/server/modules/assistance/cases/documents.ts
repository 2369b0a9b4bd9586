/**
 * Documents of a case (uploads): the casework kernel's documents (platform/casework/documents.ts)
 * bound to the case tables: kept in `files`, linked in assistance_documents, read only through a case
 * in the actor's scope.
 */
import type { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { audit } from '../../../platform/audit/audit.js';
import * as kernel from '../../../platform/casework/documents.js';
import { documentKinds, type DocumentKind } from '../../../../shared/assistance-codes.js';
import { assistanceCases, assistanceDocuments } from '../schema.js';
import { caseScope } from './case-store.js';

export const documentKind = kernel.documentKindOf(documentKinds);

const store: kernel.DocumentStore<DocumentKind> = {
  kinds: documentKinds,
  cases: {
    table: assistanceCases,
    id: assistanceCases.id,
    scope: caseScope,
    noun: '救助案件',
    audited: { caseNo: assistanceCases.caseNo },
  },
  links: {
    table: assistanceDocuments,
    caseId: assistanceDocuments.caseId,
    fileId: assistanceDocuments.fileId,
    kind: assistanceDocuments.kind,
    uploadedAt: assistanceDocuments.uploadedAt,
  },
  async link(tx, row) {
    await tx.insert(assistanceDocuments).values(row);
  },
  async auditUpload(tx, ctx, c, { kind, fileId, size }) {
    await audit(tx, ctx, {
      action: 'assistance_case.document',
      objectType: 'assistance_case',
      objectId: c.id,
      details: { caseNo: c.caseNo as string, kind, fileId, size },
    });
  },
  async auditOpen(deps, ctx, caseId, fileId) {
    await deps.readAudit.record(ctx, {
      action: 'assistance_case.document.open',
      objectType: 'assistance_case',
      objectId: caseId,
      details: { fileId },
    });
  },
};

export const uploadDocument = (
  deps: Deps,
  ctx: Ctx,
  caseId: number,
  kind: z.infer<typeof documentKind>,
  file: { name: string; content: Buffer },
) => kernel.uploadDocument(deps, ctx, store, caseId, kind, file);

export const listDocuments = (deps: Deps, ctx: Ctx, caseId: number) => kernel.listDocuments(deps, ctx, store, caseId);

export const readDocument = (deps: Deps, ctx: Ctx, caseId: number, fileId: number) => kernel.readDocument(deps, ctx, store, caseId, fileId);
