/** Roles are data seeded from `defaultRoles`; an administrator decides which require a second factor. */
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { roles } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { forgetSessions } from '../../platform/auth/session.js';
import { defaultRoles } from '../../../shared/permissions.js';
import type { Db } from '../../platform/db/index.js';
import type { Role, UpdateRoleInput } from '../../../shared/admin/roles.js';

export async function listRoles(deps: Deps): Promise<Role[]> {
  return deps.database.db.select().from(roles).orderBy(asc(roles.code));
}

export async function updateRole(deps: Deps, ctx: Ctx, code: string, input: UpdateRoleInput): Promise<Role> {
  return deps.database.db
    .transaction(async (tx) => {
      const [before] = await tx.select().from(roles).where(eq(roles.code, code));
      if (!before) throw AppError.notFound('角色');
      const [after] = await tx.update(roles).set({ totpRequired: input.totpRequired }).where(eq(roles.code, code)).returning();
      await audit(tx, ctx, {
        action: 'role.update',
        objectType: 'role',
        objectId: code,
        details: { totpRequired: { before: before.totpRequired, after: input.totpRequired } },
      });
      return after;
    })
    .finally(forgetSessions);
}

/**
 * Adds the built-in roles and brings their permissions up to date with `defaultRoles` (an upgrade
 * that adds a module adds its permissions); the administrator's second-factor choice stays.
 */
export async function seedRoles(db: Db): Promise<void> {
  for (const r of defaultRoles) {
    await db
      .insert(roles)
      .values({ code: r.code, name: r.name, permissions: r.permissions, totpRequired: r.totpRequired })
      .onConflictDoUpdate({ target: roles.code, set: { name: r.name, permissions: r.permissions } });
  }
}
