import { eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Actor } from '../context.js';
import { users } from '../db/schema.js';
import { AppError } from '../errors.js';

/** The account that submitted a job, as the actor its work is scoped to (jurisdiction, organisation). */
export async function actorForJob(deps: Deps, userId: number | null): Promise<Actor> {
  const [u] = userId ? await deps.database.db.select().from(users).where(eq(users.id, userId)) : [];
  if (!u) throw new AppError('FORBIDDEN', '提交任务的账号已不存在');
  return {
    userId: u.id,
    username: u.username,
    kind: u.kind,
    roles: u.roles,
    permissions: new Set(),
    divisionCode: u.divisionCode,
    organisationId: u.organisationId,
    personId: u.personId,
  };
}
