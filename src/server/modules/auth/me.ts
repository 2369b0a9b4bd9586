import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/index.js';
import { users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Me } from '../../../shared/auth/account.js';

/** The signed-in account as the UI needs it. */
export async function getMe(db: Db, userId: number, passwordMaxAgeDays: number): Promise<Me> {
  const [r] = await rows<{
    id: string | number;
    kind: 'staff' | 'resident';
    username: string;
    display_name: string;
    roles: string[];
    division_code: string;
    division_name: string | null;
    organisation_id: string | number | null;
    organisation_name: string | null;
    must_change: boolean;
    totp_enabled: boolean;
    totp_required: boolean;
    person_id: string | number | null;
    permissions: string[] | null;
  }>(
    db,
    sql`select u.id, u.kind, u.username, u.display_name, u.roles, u.division_code, d.full_name as division_name,
          u.organisation_id, o.name as organisation_name, u.person_id, u.totp_enabled,
          (u.must_change_password or (u.kind = 'staff' and u.password_changed_at < now() - make_interval(days => ${passwordMaxAgeDays})))
            as must_change,
          exists (select 1 from roles r where u.roles ? r.code and r.totp_required) as totp_required,
          (select jsonb_agg(distinct p.p order by p.p) from roles r cross join lateral jsonb_array_elements_text(r.permissions) as p(p)
            where u.roles ? r.code) as permissions
        from users u left join divisions d on d.code = u.division_code left join organisations o on o.id = u.organisation_id
        where u.id = ${userId}`,
  );
  if (!r) throw AppError.notFound('账号');
  return {
    id: Number(r.id),
    kind: r.kind,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    permissions: r.kind === 'staff' ? (r.permissions ?? []) : [],
    divisionCode: r.division_code,
    divisionName: r.division_name ?? r.division_code,
    organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    organisationName: r.organisation_name,
    mustChangePassword: r.must_change,
    totpEnabled: r.totp_enabled,
    totpRequired: r.totp_required,
    personId: r.person_id === null ? null : Number(r.person_id),
  };
}

export async function findUserByUsername(db: Db, username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u ?? null;
}
