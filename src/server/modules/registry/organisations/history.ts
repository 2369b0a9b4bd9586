/** An organisation's history (organisation_events): what changed, old → new, who, when. */
import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import type { OrganisationEventRow } from '../../../../shared/registry/organisations.js';
import { eventName, organisationInScope } from './rows.js';
import { organisationEvents } from './schema.js';

/** The history: every change, newest first. */
export async function organisationHistoryOf(deps: Deps, ctx: Ctx, id: number): Promise<OrganisationEventRow[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  await organisationInScope(db, actor, id);
  const found = await db
    .select()
    .from(organisationEvents)
    .where(eq(organisationEvents.organisationId, id))
    .orderBy(desc(organisationEvents.at), desc(organisationEvents.id));
  return found.map((e) => ({
    id: e.id,
    what: e.what,
    whatName: eventName(e.what),
    oldValue: e.oldValue,
    newValue: e.newValue,
    username: e.username,
    at: e.at.toISOString(),
  }));
}
