/**
 * What the portal's application routes answer (POST /api/portal/assistance/new-household): the case
 * filed, by its id and its number (申请编号). The application's own fields are social assistance's.
 */
import { z } from 'zod';

export const caseFiledAnswer = z.object({ id: z.number(), caseNo: z.string() });
export type CaseFiled = z.infer<typeof caseFiledAnswer>;
