/** The entitlements an actor may see, and one of them locked for a change in the actor's transaction. */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/context.js';
import { scopeWhere } from '../../../platform/access/scope.js';
import { type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { assistanceEntitlements } from '../schema.js';
import { type Entitlement } from './lifecycle.js';

/** The entitlements (`assistance_entitlements`, not aliased) the actor may see; their statistics use it too. */
export function entitlementScope(actor: Actor) {
  return scopeWhere(actor, {
    division: assistanceEntitlements.divisionCode,
    household: assistanceEntitlements.householdId,
    person: assistanceEntitlements.payeePersonId,
  });
}

export async function lockEntitlement(tx: Db, actor: Actor, id: number): Promise<Entitlement> {
  const [e] = await tx
    .select()
    .from(assistanceEntitlements)
    .where(and(eq(assistanceEntitlements.id, id), entitlementScope(actor)))
    .for('update');
  if (!e) throw AppError.notFound('救助待遇');
  return e;
}
