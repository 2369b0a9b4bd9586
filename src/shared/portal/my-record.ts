/** GET /api/portal/me, a resident's own record (their person, household members and benefits): the contract both sides hold. */
import { z } from 'zod';
import { benefitRow } from '../registry/benefits.js';
import { householdDetail } from '../registry/households.js';
import { personDetail, personRow } from '../registry/persons.js';

export const myRecordAnswer = z.object({
  person: personDetail,
  household: householdDetail.nullable(),
  members: z.array(personRow),
  benefits: z.array(benefitRow),
});
export type MyRecord = z.infer<typeof myRecordAnswer>;
