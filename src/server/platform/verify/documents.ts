/**
 * Verifiable documents as a platform service (docs/verifiable-documents.md): a module issues a
 * document for one of its records with what the public page may show of it (masked); the platform
 * signs it (SM2, `keys.ts`), keeps it in `issued_documents` and gives back the code and the address its
 * QR carries. The public page verifies a code: 有效, 已撤销 (with the date) or 无法验证 — a forged or
 * altered code, an unknown key, a missing document and a row changed behind the platform's back all
 * read the same. The issuer's jurisdiction may revoke it with a reason.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Database, Db } from '../db/index.js';
import { rows } from '../db/index.js';
import { requirePermission, scopeWhere } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import { AppError } from '../errors.js';
import { sm3Hex } from '../crypto/sm.js';
import { shanghaiToday } from '../../../shared/dates.js';
import {
  INVALID_MESSAGE,
  type IssuedSummary,
  type RevokeAnswer,
  type RevokeInput,
  type VerifyAnswer,
} from '../../../shared/verify/documents.js';
import { issuedDocuments } from './schema.js';
import type { DocumentKeys } from './keys.js';
import { MAX_DOCUMENT_ID, packCode, unpackCode } from './code.js';
import { qrMatrix, type QrMatrix } from './qr.js';

export interface IssueRequest {
  /** The module's kind of document (`<module>.<document>`): one document per kind and record. */
  kind: string;
  /** The module's record the document is of. */
  recordId: number;
  /** The issuer's jurisdiction: whoever's scope covers it may revoke the document. */
  divisionCode: string;
  /** The issuing body as printed. */
  issuerName: string;
  /** What the public page shows, already masked (docs/security.md D4). */
  summary: IssuedSummary;
}

export interface IssuedMark {
  documentId: number;
  code: string;
  /** The verification address the QR carries: `<JIMIN_PUBLIC_BASE_URL>/verify/<code>`. */
  url: string;
  /** Where a reader types the code by hand: `<JIMIN_PUBLIC_BASE_URL>/verify`. */
  page: string;
  qr: QrMatrix;
}

type Row = typeof issuedDocuments.$inferSelect;

/** The bytes signed: every field the public page shows, and what the document is of. */
export function signedPayload(r: Pick<Row, 'id' | 'kind' | 'recordId' | 'divisionCode' | 'issuerName' | 'issuedAt' | 'summary'>): Buffer {
  return Buffer.from(
    JSON.stringify([
      'jimin-document/1',
      r.id,
      r.kind,
      r.recordId,
      r.divisionCode,
      r.issuerName,
      r.issuedAt.toISOString(),
      canonical(r.summary),
    ]),
    'utf8',
  );
}

/** Objects with their keys sorted, at every depth (jsonb does not keep the order they were written in). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

const invalid: VerifyAnswer = { status: 'invalid', message: INVALID_MESSAGE, document: null, revokedOn: null };

export class IssuedDocuments {
  constructor(
    private readonly database: Database,
    readonly keys: DocumentKeys,
    /** JIMIN_PUBLIC_BASE_URL, without a trailing slash. */
    private readonly baseUrl: string,
  ) {}

  private mark(documentId: number, code: string): IssuedMark {
    const url = `${this.baseUrl}/verify/${code}`;
    return { documentId, code, url, page: `${this.baseUrl}/verify`, qr: qrMatrix(url) };
  }

  /**
   * The document of the module's record, issued and signed the first time (audited in the same
   * transaction), the same one every time after: re-printing shows the same code.
   */
  async issueOnce(ctx: Ctx, req: IssueRequest): Promise<IssuedMark> {
    const db = this.database.db;
    const found = await this.existing(db, req);
    if (found) return this.mark(found.id, found.code);
    const made = await db.transaction(async (tx) => {
      const [{ id }] = await rows<{ id: string | number }>(tx, sql`select nextval(pg_get_serial_sequence('issued_documents', 'id')) as id`);
      const documentId = Number(id);
      if (documentId > MAX_DOCUMENT_ID) throw new Error('verify: document ids exhausted for the code layout');
      const row = { id: documentId, ...req, issuedAt: new Date(), issuedBy: ctx.actor?.userId ?? null };
      const payload = signedPayload(row);
      const { keyNo, signature } = this.keys.sign(payload);
      const code = packCode({ keyNo, documentId, signature });
      const inserted = await tx
        .insert(issuedDocuments)
        .values({ ...row, payloadHash: sm3Hex(payload), keyNo, code })
        .onConflictDoNothing({ target: [issuedDocuments.kind, issuedDocuments.recordId] })
        .returning({ id: issuedDocuments.id });
      if (!inserted.length) return null; // issued meanwhile by a concurrent print
      await audit(tx, ctx, {
        action: 'document.issue',
        objectType: 'issued_document',
        objectId: documentId,
        details: { kind: req.summary.title, number: req.summary.number },
      });
      return { id: documentId, code };
    });
    const doc = made ?? (await this.existing(db, req));
    if (!doc) throw new Error('verify: the document issued concurrently is not there');
    return this.mark(doc.id, doc.code);
  }

  private async existing(db: Db, req: Pick<IssueRequest, 'kind' | 'recordId'>): Promise<{ id: number; code: string } | undefined> {
    const [found] = await db
      .select({ id: issuedDocuments.id, code: issuedDocuments.code })
      .from(issuedDocuments)
      .where(and(eq(issuedDocuments.kind, req.kind), eq(issuedDocuments.recordId, req.recordId)));
    return found;
  }

  /** What the public page answers for a code (docs/verifiable-documents.md "The public page"). */
  async verify(text: string): Promise<VerifyAnswer> {
    const parts = unpackCode(text);
    if (!parts) return invalid;
    const [row] = await this.database.db.select().from(issuedDocuments).where(eq(issuedDocuments.id, parts.documentId));
    if (!row || row.keyNo !== parts.keyNo) return invalid;
    const payload = signedPayload(row);
    // The row as signed (the hash) and the signature of the code over it: both, or 无法验证.
    if (sm3Hex(payload) !== row.payloadHash || !this.keys.verify(parts.keyNo, payload, parts.signature)) return invalid;
    const document = {
      documentId: row.id,
      ...row.summary,
      issuer: row.issuerName,
      issuedOn: shanghaiToday(row.issuedAt),
    };
    if (row.revokedAt) {
      const revokedOn = shanghaiToday(row.revokedAt);
      return { status: 'revoked', message: `已撤销（${zhDate(revokedOn)}撤销），此文书不再有效`, document, revokedOn };
    }
    return { status: 'valid', message: '有效：此文书由本平台签发，内容未被改动', document, revokedOn: null };
  }

  /** 撤销: by a holder of document.revoke whose jurisdiction covers the issuer's; outside it, 404. */
  async revoke(ctx: Ctx, id: number, input: RevokeInput): Promise<RevokeAnswer> {
    const actor = requirePermission(ctx.actor, 'document.revoke');
    return this.database.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(issuedDocuments)
        .where(and(eq(issuedDocuments.id, id), scopeWhere(actor, { division: issuedDocuments.divisionCode })))
        .for('update');
      if (!row) throw AppError.notFound('文书');
      if (row.revokedAt) throw AppError.conflict(`该文书已于${zhDate(shanghaiToday(row.revokedAt))}撤销`);
      const revokedAt = new Date();
      await tx
        .update(issuedDocuments)
        .set({ revokedAt, revokedBy: actor.userId, revokeReason: input.reason })
        .where(eq(issuedDocuments.id, id));
      await audit(tx, ctx, {
        action: 'document.revoke',
        objectType: 'issued_document',
        objectId: id,
        details: { kind: row.summary.title, number: row.summary.number, reason: input.reason },
      });
      return { documentId: id, revokedOn: shanghaiToday(revokedAt) };
    });
  }
}

/** 2026-12-04 → 2026年12月4日 */
const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
