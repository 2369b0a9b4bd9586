/**
 * Documents of a case (申请材料: POST/GET /api/assistance/cases/:id/documents, the resident's POST
 * /api/portal/assistance/:id/documents): the contract both sides hold. The upload is multipart
 * (`file`, `kind`); a document opens as the JPG, PNG or PDF it is.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';
import { documentKinds } from '../assistance-codes.js';

export const documentKind = z.enum(keysOf(documentKinds));
export type DocumentKindCode = z.infer<typeof documentKind>;

/** What the upload answers: the file stored, under its kind. */
export const uploadedDocument = z.object({ fileId: z.number(), name: z.string(), kind: documentKind, kindName: z.string() });
export type UploadedDocument = z.infer<typeof uploadedDocument>;

export const caseDocument = z.object({
  fileId: z.number(),
  kind: z.string(),
  kindName: z.string(),
  name: z.string(),
  mime: z.string(),
  uploadedAt: z.string(),
});
export type CaseDocument = z.infer<typeof caseDocument>;
export const caseDocumentsAnswer = z.array(caseDocument);

export const documentParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

/** The content types a document may have (what a scanner or a phone produces; the upload checks the bytes). */
export const documentMimes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
