/**
 * What other modules write into the registry, only through these functions (and `insertPersonInTx`,
 * ledger.ts): a household registered from an accepted application, a known person joining it, its
 * head, and a resident who signed up and is not registered yet. A test holds every module to it
 * (src/server/modules/ownership.test.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { households, persons } from './schema.js';
import { newPlatformId } from './persons.js';

/** A person registered with a household's members (validated, encrypted, audited), as the registry's own form does. */
export { insertPersonInTx } from './persons.js';

/** A new household, with its household number; its members join it after. */
export async function insertHouseholdInTx(
  tx: Db,
  h: { divisionCode: string; address: string },
): Promise<{ id: number; householdNo: string }> {
  const householdNo = newPlatformId('H');
  const [created] = await tx
    .insert(households)
    .values({ householdNo, ...h })
    .returning({ id: households.id });
  return { id: created.id, householdNo };
}

/** A registered person without a household joins one (the caller has checked they have none). */
export async function joinHouseholdInTx(tx: Db, personId: number, householdId: number, relation: string): Promise<void> {
  await tx
    .update(persons)
    .set({ householdId, relation, version: sql`${persons.version} + 1`, updatedAt: new Date() })
    .where(eq(persons.id, personId));
}

export async function setHouseholdHeadInTx(tx: Db, householdId: number, headPersonId: number | null): Promise<void> {
  await tx.update(households).set({ headPersonId }).where(eq(households.id, householdId));
}

/**
 * A resident who signed up and is not in the registry: registered with the 户籍地 they chose, 待核实
 * until a clerk confirms it (确认户籍地). The ID number and phone arrive encrypted and hashed.
 */
export async function insertSignedUpPersonInTx(
  tx: Db,
  p: {
    name: string;
    sex: 'male' | 'female' | null;
    birthDate: string | null;
    idNumberEnc: string;
    idNumberHash: string;
    phoneEnc: string | null;
    phoneHash: string | null;
    hukouDivisionCode: string;
    hukouType: 'urban' | 'rural';
  },
): Promise<{ id: number; hukou: string }> {
  const [created] = await tx
    .insert(persons)
    .values({ ...p, platformId: newPlatformId('P'), hukouUnverified: true })
    .returning({ id: persons.id, hukou: persons.hukouDivisionCode });
  return created;
}
