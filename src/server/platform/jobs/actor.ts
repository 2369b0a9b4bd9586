import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Actor } from '../context.js';
import type { Permission } from '../../../shared/permissions.js';
import { users } from '../db/schema.js';
import { rows } from '../db/index.js';
import { AppError } from '../errors.js';

/**
 * The account that submitted a job, as the actor its work is scoped to (jurisdiction, organisation),
 * holding the permissions its roles hold now (a role taken away since the job was queued is not used).
 */
export async function actorForJob(deps: Deps, userId: number | null): Promise<Actor> {
  const db = deps.database.db;
  const [u] = userId ? await db.select().from(users).where(eq(users.id, userId)) : [];
  if (!u || u.disabled) throw new AppError('FORBIDDEN', '提交任务的账号已不存在或已停用');
  const [held] = await rows<{ permissions: string[] | null }>(
    db,
    sql`select jsonb_agg(distinct p.p) as permissions from roles r cross join lateral jsonb_array_elements_text(r.permissions) as p(p)
        where ${JSON.stringify(u.roles)}::jsonb ? r.code`,
  );
  return {
    userId: u.id,
    username: u.username,
    kind: u.kind,
    roles: u.roles,
    permissions: new Set((held?.permissions ?? []) as Permission[]),
    divisionCode: u.divisionCode,
    organisationId: u.organisationId,
    personId: u.personId,
  };
}
