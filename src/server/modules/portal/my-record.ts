/** A resident's own record: their person, household members and benefits; nothing else (scoped). */
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { openHousehold, openPerson } from '../registry/read.js';
import type { MyRecord } from '../../../shared/portal/my-record.js';

export async function myRecord(deps: Deps, ctx: Ctx): Promise<MyRecord> {
  const actor = requireActor(ctx.actor);
  if (actor.kind !== 'resident' || !actor.personId) throw AppError.forbidden('此功能仅供居民使用');
  const person = await openPerson(deps, ctx, actor.personId);
  const household = person.household ? await openHousehold(deps, ctx, person.household.id) : null;
  return { person, household, members: household?.members ?? [], benefits: household?.benefits ?? person.benefits };
}
