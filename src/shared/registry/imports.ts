/** The roster import (GET /api/imports/persons/template, POST /api/imports/persons): the contract both sides hold. */
import { z } from 'zod';

export const importMode = z.enum(['create', 'update']);
export type ImportMode = z.infer<typeof importMode>;
export const importPersonsInput = z.object({ mode: importMode });

/** A row's errors, as the job's result carries them (the first 100; the report has all). */
export const importRowError = z.object({ row: z.number(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowError>;

/**
 * The import job's `result` (GET /api/jobs/:id, kind registry.import_persons): counts, or the row
 * errors and the address of the error report. A failed job before the rows were read has none of the counts.
 */
export const personImportResult = z.object({
  created: z.number().optional(),
  updated: z.number().optional(),
  total: z.number().optional(),
  errorCount: z.number().optional(),
  rowErrors: z.array(importRowError).optional(),
  errorFile: z.string().nullable(),
});
export type PersonImportResult = z.infer<typeof personImportResult>;
