/**
 * The resident's own volunteering on the portal (docs/rules.md "Volunteers (志愿服务)"): they register
 * themselves, under their real name (the registry person their account is linked to), and see their
 * volunteer number. A minor registers at a window, where staff record the guardian's consent they saw.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/access/scope.js';
import { rows } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { MINOR_ON_PORTAL } from '../../../shared/volunteers/codes.js';
import type { MyVolunteer, PortalRegisterInput } from '../../../shared/volunteers/volunteers.js';
import { prefillOf, registerInTx } from './register.js';
import { selectVolunteers, toVolunteerRow, viewOf, type VolunteerDbRow } from './rows.js';
import { volunteers } from './schema.js';

function residentOf(ctx: Ctx): Actor & { personId: number } {
  const actor = requireActor(ctx.actor);
  if (actor.kind !== 'resident' || !actor.personId) throw AppError.forbidden('此功能仅供已实名注册的居民使用');
  return actor as Actor & { personId: number };
}

export async function myVolunteer(deps: Deps, ctx: Ctx): Promise<MyVolunteer> {
  const actor = residentOf(ctx);
  const prefill = await prefillOf(deps, ctx, actor, actor.personId);
  if (prefill.ageRule === 'guardian_consent' && !prefill.volunteer) prefill.refusal = MINOR_ON_PORTAL;
  // Their own record only: the platform's resident scope would also show their household's.
  const [r] = await rows<VolunteerDbRow>(deps.database.db, selectVolunteers([unsafeOwnVolunteer(actor)]));
  return { volunteer: r ? toVolunteerRow(viewOf(deps, ctx), r, shanghaiToday()) : null, prefill: { ...prefill, guardians: [] } };
}

export async function registerOnPortal(deps: Deps, ctx: Ctx, input: PortalRegisterInput & { skills: string[] }): Promise<MyVolunteer> {
  const actor = residentOf(ctx);
  const pre = await prefillOf(deps, ctx, actor, actor.personId);
  if (!pre.refusal && pre.ageRule === 'guardian_consent') throw AppError.conflict(MINOR_ON_PORTAL);
  await deps.database.db.transaction((tx) => registerInTx(tx, ctx, actor, { ...input, personId: actor.personId, source: 'portal' }));
  return myVolunteer(deps, ctx);
}

/**
 * Unsafe (bypasses scopeWhere), and why: a resident's volunteer record is theirs wherever they chose to
 * live and serve, while the platform's resident scope also holds the rows to their hukou division and
 * shows their household's. The condition is their own person and nothing else.
 */
function unsafeOwnVolunteer(actor: Actor & { personId: number }) {
  return eq(volunteers.personId, actor.personId);
}
