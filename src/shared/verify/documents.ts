/**
 * The contract of verifiable documents (docs/verifiable-documents.md): what the public page shows of
 * an issued document, the answer of `GET /api/verify/:code`, and the revocation.
 */
import { z } from 'zod';

/** What a document shows publicly, already masked by its issuer (names as 张*, never an ID number). */
export const issuedSummary = z.object({
  /** The document's name: 批准通知书. */
  title: z.string(),
  /** Its 文号 or number (the case's 申请编号). */
  number: z.string(),
  /** Whom it was issued to, masked. */
  holder: z.string(),
  /** A few more lines, already masked: 救助类别, 月救助金额 … */
  lines: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type IssuedSummary = z.infer<typeof issuedSummary>;

export const verifyStatuses = { valid: '有效', revoked: '已撤销', invalid: '无法验证' } as const;
export type VerifyStatus = keyof typeof verifyStatuses;

/** The one message of a code that does not verify: never which part failed. */
export const INVALID_MESSAGE = '无法验证：此编码不是本平台签发的文书编码，或已被改动。请核对文书上的编码，或向签发机关核实。';

export const verifiedDocument = issuedSummary.extend({
  /** The document's number in the platform (the code carries it too): staff revoke by it. */
  documentId: z.number().int(),
  issuer: z.string(),
  /** The Beijing date it was issued, YYYY-MM-DD. */
  issuedOn: z.string(),
});
export type VerifiedDocument = z.infer<typeof verifiedDocument>;

/** What a code typed from paper may carry besides itself: spaces, hyphens (the print groups it); either case. */
export const normaliseCode = (text: string): string => text.replace(/[\s-]+/g, '').toUpperCase();

export const verifyParams = z.object({ code: z.string().max(200) });

export const verifyAnswer = z.object({
  status: z.enum(['valid', 'revoked', 'invalid']),
  /** The headline in Chinese: 有效 / 已撤销（2026年…） / the invalid message. */
  message: z.string(),
  document: verifiedDocument.nullable(),
  /** The Beijing date of the revocation, YYYY-MM-DD. */
  revokedOn: z.string().nullable(),
});
export type VerifyAnswer = z.infer<typeof verifyAnswer>;

export const documentIdParams = z.object({ id: z.coerce.number().int().positive() });

export const revokeInput = z.object({
  reason: z.string().trim().min(2, '请填写撤销原因（至少 2 个字）').max(200, '撤销原因不超过 200 字'),
});
export type RevokeInput = z.infer<typeof revokeInput>;

export const revokeAnswer = z.object({ documentId: z.number().int(), revokedOn: z.string() });
export type RevokeAnswer = z.infer<typeof revokeAnswer>;
