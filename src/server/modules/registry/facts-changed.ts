/**
 * The registry announces that facts about persons changed (hukou type, disability, the benefits
 * others pay them): modules that computed something from them (social assistance) register a
 * handler for this job kind and recompute. The registry does not know who listens.
 */
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/context.js';

export const FACTS_CHANGED = 'registry.facts_changed';

export async function announceFactsChanged(deps: Deps, actor: Actor, personIds: number[]): Promise<void> {
  await deps.jobs.enqueue({ kind: FACTS_CHANGED, payload: { personIds }, createdBy: actor.userId });
}
