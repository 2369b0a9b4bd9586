/**
 * What the platform asks of browsers, beyond SameSite=Strict cookies (Z7):
 * - a write (POST, PUT, PATCH, DELETE) is refused unless its Origin — or, without one, its
 *   Referer — is the platform's own (the same host:port as the request's Host, default ports
 *   normalised) or listed in JIMIN_ALLOWED_ORIGINS. A write that carries a session cookie and
 *   neither header is refused too: browsers send Origin with every write, so only a tool or an old
 *   plug-in would leave it out. Writes without a session (login, resident sign-up) may come
 *   without either header, from scripts and monitoring, but never from a foreign page.
 * - every answer carries a Content-Security-Policy: scripts only from the platform's own files
 *   (the built index.html has no inline script), styles also inline (antd's CSS-in-JS), no
 *   plug-ins, no framing, forms and <base> only to itself.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import { SESSION_COOKIE } from '../auth/session.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerOriginCheck(app: FastifyInstance, config: Pick<Config, 'JIMIN_ALLOWED_ORIGINS'>): void {
  const allowed = new Set(config.JIMIN_ALLOWED_ORIGINS);
  // onRequest, after the cookie plugin and before the guard: a refused write is never parsed
  // (a multipart upload is not read) and never reaches a handler.
  app.addHook('onRequest', async (request) => {
    if (!WRITES.has(request.method)) return;
    const source = sourceOf(request);
    if (source === null) {
      if (request.cookies?.[SESSION_COOKIE]) throw refused('missing');
      return;
    }
    if (!isOwnOrigin(source, request.host) && !allowed.has(source)) throw refused('foreign');
  });
}

/**
 * The origin a write comes from: the Origin header, else the origin of the Referer; null when the
 * request carries neither; '' (matching nothing) for an opaque origin ("null") or an unparseable value.
 */
function sourceOf(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return originOf(origin);
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer !== '') return originOf(referer);
  return null;
}

/** `https://A.example:443/path` → `https://a.example`; anything but an http(s) URL → ''. */
function originOf(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/**
 * Same host:port as the request's Host (behind a trusted proxy, its X-Forwarded-Host). A Host
 * without a port means the default port of the origin's scheme. The scheme itself is not compared:
 * behind a TLS gateway the platform sees plain HTTP for an https:// page.
 */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!origin || !host) return false;
  let o: URL;
  let h: URL;
  try {
    o = new URL(origin);
    h = new URL(`${o.protocol}//${host}`);
  } catch {
    return false;
  }
  return o.hostname === h.hostname && effectivePort(o) === effectivePort(h);
}

const effectivePort = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

const refused = (reason: 'missing' | 'foreign') => new AppError('FORBIDDEN', '请求来源不被允许', { reason: `origin_${reason}` });
