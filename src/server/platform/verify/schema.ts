/**
 * Verifiable documents (docs/verifiable-documents.md): every document the platform issued with a code,
 * what its public page shows of it, and its revocation.
 */
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../db/schema.js';
import type { IssuedSummary } from '../../../shared/verify/documents.js';

export const issuedDocuments = pgTable(
  'issued_documents',
  {
    // By default, not always: the id is drawn first (nextval), since the signature covers it.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** The issuing module's kind of document (assistance.approval_notice …). */
    kind: text('kind').notNull(),
    /** The module's record the document is of (for the 批准通知书: the decision in the case history); one document per record. */
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    /** The issuer's jurisdiction (the township or county that decided): who may revoke it. */
    divisionCode: text('division_code').notNull(),
    /** The issuing body as printed (任城区民政局, 唐口街道办事处). */
    issuerName: text('issuer_name').notNull(),
    issuedBy: bigint('issued_by', { mode: 'number' }).references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** What the public page shows, already masked (docs/security.md D4); signed with the rest. */
    summary: jsonb('summary').$type<IssuedSummary>().notNull(),
    /** SM3 (hex) of the signed payload: a row changed behind the platform's back no longer matches. */
    payloadHash: text('payload_hash').notNull(),
    /** The signing key's number in the document keyring. */
    keyNo: integer('key_no').notNull(),
    /** The code printed on the document (re-printing shows the same one). */
    code: text('code').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: bigint('revoked_by', { mode: 'number' }).references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('issued_documents_record_idx').on(t.kind, t.recordId),
    index('issued_documents_division_idx').on(t.divisionCode.op('text_pattern_ops')),
  ],
);
