/**
 * What the registry announces, for modules that computed something from its facts. The registry does
 * not know who listens: a module answers an event in its manifest (`listens`), and each announcement is
 * published in the transaction that changed the fact (platform/jobs/runner.ts `publishInTx`), so it is
 * never lost between a commit and an enqueue.
 * - `FACTS_CHANGED` (`{ personIds }`): hukou type, disability, the benefits others pay them.
 * - `PERSON_DIED` (`{ personId, diedOn }`): a death recorded (or `{ personId, diedOn: null, revoked: true }`
 *   when a death recorded in error is revoked).
 */
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/index.js';

export const FACTS_CHANGED = 'registry.facts_changed';
export const PERSON_DIED = 'registry.person_died';

export interface PersonDied {
  personId: number;
  diedOn: string | null;
  revoked?: boolean;
}

export async function announceFactsChangedInTx(deps: Deps, tx: Db, actor: Actor, personIds: number[]): Promise<void> {
  await deps.jobs.publishInTx(tx, FACTS_CHANGED, { personIds }, actor.userId);
}

export async function announceDeathInTx(deps: Deps, tx: Db, actor: Actor, event: PersonDied): Promise<void> {
  await deps.jobs.publishInTx(tx, PERSON_DIED, { ...event }, actor.userId);
}
