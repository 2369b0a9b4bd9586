/**
 * Sessions: an opaque random token in an HttpOnly cookie; the table keeps only its SM3 hash.
 * Idle past the limit (30 minutes by default) → the session is gone and the caller gets 401.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../db/index.js';
import { sessions } from '../db/schema.js';
import { sm3Hex } from '../crypto/sm.js';
import type { Actor } from '../context.js';
import type { Permission } from '../../../shared/permissions.js';

export const SESSION_COOKIE = 'jimin_sid';

export async function createSession(db: Db, userId: number, ip: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ tokenHash: sm3Hex(token), userId, ip });
  return token;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  const hash = sm3Hex(token);
  sessionCache.delete(hash);
  await db.delete(sessions).where(eq(sessions.tokenHash, hash));
}

/**
 * Ends the account's sessions except the one with `keepTokenHash` (the caller's own), after a
 * change of its password or second factor (A6): a stolen cookie stops working, the user stays
 * signed in. Run it in the change's transaction and call forgetSessions() after the commit.
 * Returns how many sessions ended.
 */
export async function endOtherSessions(db: Db, userId: number, keepTokenHash: string | null): Promise<number> {
  const ended = await rows<{ token_hash: string }>(
    db,
    keepTokenHash
      ? sql`delete from sessions where user_id = ${userId} and token_hash <> ${keepTokenHash} returning token_hash`
      : sql`delete from sessions where user_id = ${userId} returning token_hash`,
  );
  return ended.length;
}

/**
 * Sessions looked up in the last JIMIN_SESSION_CACHE_MS (2 s by default) are answered from memory:
 * under 50 clients the per-request session query was a third of the database round trips. Every
 * change to an account (password, second factor, roles, disabling, logout) clears the cache at once
 * in this process; another process sees it within the cache time. A lookup that began before the
 * clearing does not put what it read into the cache (`generation`), so a session ended by a commit
 * racing with a request of that session is not answered from memory afterwards.
 */
const sessionCache = new Map<string, { state: SessionState; until: number }>();
let generation = 0;

export function forgetSessions(): void {
  generation++;
  sessionCache.clear();
}

export interface SessionState {
  actor: Actor;
  /** Only the account routes are open until the password is changed or the second factor set up. */
  restricted: 'password' | 'totp' | null;
  /** SM3 of this session's token: which session is the caller's own (A6 ends the others). */
  tokenHash: string;
}

interface SessionRow {
  user_id: number | string;
  username: string;
  kind: 'staff' | 'resident';
  roles: string[];
  division_code: string;
  organisation_id: number | string | null;
  person_id: number | string | null;
  must_change_password: boolean;
  password_expired: boolean;
  totp_enabled: boolean;
  totp_required: boolean;
  permissions: string[] | null;
  idle: boolean;
  touch: boolean;
}

export type SessionLookup = { state: SessionState } | { expired: true; userId: number; username: string } | null;

export async function loadSession(
  db: Db,
  token: string,
  limits: { idleMinutes: number; sessionHours: number; passwordMaxAgeDays: number; cacheMs: number },
): Promise<SessionLookup> {
  const hash = sm3Hex(token);
  const cached = sessionCache.get(hash);
  if (cached && cached.until > Date.now()) return { state: cached.state };
  const startedIn = generation;
  const [r] = await rows<SessionRow>(
    db,
    sql`select u.id as user_id, u.username, u.kind, u.roles, u.division_code, u.organisation_id, u.person_id,
          u.must_change_password,
          (u.kind = 'staff' and u.password_changed_at < now() - make_interval(days => ${limits.passwordMaxAgeDays})) as password_expired,
          u.totp_enabled,
          exists (select 1 from roles r where u.roles ? r.code and r.totp_required) as totp_required,
          (select jsonb_agg(distinct p.p) from roles r cross join lateral jsonb_array_elements_text(r.permissions) as p(p) where u.roles ?
            r.code) as permissions,
          (s.last_seen_at < now() - make_interval(mins => ${limits.idleMinutes})
            or s.created_at < now() - make_interval(hours => ${limits.sessionHours})) as idle,
          (s.last_seen_at < now() - interval '30 seconds') as touch
        from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${hash} and not u.disabled`,
  );
  if (!r) return null;
  if (r.idle) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash));
    return { expired: true, userId: Number(r.user_id), username: r.username };
  }
  if (r.touch)
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.tokenHash, hash));
  const actor: Actor = {
    userId: Number(r.user_id),
    username: r.username,
    kind: r.kind,
    roles: r.roles,
    permissions: new Set((r.permissions ?? []) as Permission[]),
    divisionCode: r.division_code,
    organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    personId: r.person_id === null ? null : Number(r.person_id),
  };
  const restricted = r.must_change_password || r.password_expired ? 'password' : r.totp_required && !r.totp_enabled ? 'totp' : null;
  const state: SessionState = { actor, restricted, tokenHash: hash };
  if (limits.cacheMs > 0 && startedIn === generation) {
    if (sessionCache.size > 50_000) sessionCache.clear();
    sessionCache.set(hash, { state, until: Date.now() + limits.cacheMs });
  }
  return { state };
}
