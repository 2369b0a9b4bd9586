/**
 * Who may call a route is declared on the route (`config.permission`, or `config.access` =
 * 'public' | 'authenticated' | 'account' | 'resident' | 'staff', the last any staff user and never a
 * resident); this hook enforces it for every /api route, so a
 * route cannot forget it: an /api route that declares nothing answers 403 to everyone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Permission } from '../../../shared/permissions.js';
import type { Actor, Ctx } from '../context.js';
import type { Deps } from '../deps.js';
import { loadSession, SESSION_COOKIE, type SessionState } from '../auth/session.js';
import { audit } from '../audit/audit.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a staff member needs. */
    permission?: Permission;
    /**
     * public: no login; authenticated: any logged-in user; account: also while the password must be
     * changed or the second factor set up; resident: residents' own portal.
     */
    access?: 'public' | 'authenticated' | 'account' | 'resident' | 'staff';
  }
  interface FastifyRequest {
    session: SessionState | null;
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  return { actor: request.session?.actor ?? null, ip: request.ip };
}

export function actorOf(request: FastifyRequest): Actor {
  const actor = request.session?.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return actor;
}

export function registerGuard(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('session', null);
  // onRequest: before the body is parsed or validated, so a caller without the right gets 403
  // whatever it sends.
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    // No route: the not-found handler answers 404. The API documentation pages are public, as
    // /api/openapi.json is: they describe the interface, not data.
    if (!request.url.startsWith('/api/') || route === undefined || route.startsWith('/api/docs')) return;
    const config = request.routeOptions.config;
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) {
      const found = await loadSession(deps.database.db, token, {
        idleMinutes: deps.config.JIMIN_IDLE_MINUTES,
        sessionHours: deps.config.JIMIN_SESSION_HOURS,
        passwordMaxAgeDays: deps.config.JIMIN_PASSWORD_MAX_AGE_DAYS,
        cacheMs: deps.config.JIMIN_SESSION_CACHE_MS,
      });
      if (found && 'expired' in found) {
        await audit(
          deps.database.db,
          { actor: null, ip: request.ip },
          {
            action: 'auth.session_expired',
            objectType: 'user',
            objectId: found.userId,
            username: found.username,
          },
        );
        if (config.access !== 'public') throw new AppError('UNAUTHENTICATED', '登录已超时，请重新登录', { reason: 'idle' });
      } else if (found) {
        request.session = found.state;
      }
    }
    if (config.access === 'public') return;
    const session = request.session;
    if (!session) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (config.access === 'account') return;
    if (session.restricted === 'password') throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改密码');
    if (session.restricted === 'totp') throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先设置双因素认证（动态口令）', { reason: 'totp' });
    if (config.access === 'authenticated') return;
    if (config.access === 'resident') {
      if (session.actor.kind !== 'resident') throw AppError.forbidden('此功能仅供居民使用');
      return;
    }
    if (config.access === 'staff') {
      if (session.actor.kind !== 'staff') throw AppError.forbidden();
      return;
    }
    if (!config.permission) throw AppError.forbidden();
    if (session.actor.kind !== 'staff' || !session.actor.permissions.has(config.permission)) throw AppError.forbidden();
  });
}
