import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf, actorOf } from '../../platform/http/guard.js';
import { SESSION_COOKIE, deleteSession } from '../../platform/auth/session.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { okAnswer } from '../../../shared/paging.js';
import {
  changePasswordInput,
  disableTotpInput,
  enableTotpInput,
  loginInput,
  meAnswer,
  meSchema,
  totpSetupAnswer,
  totpSetupInput,
} from '../../../shared/auth/account.js';
import { login } from './login.js';
import { getMe } from './me.js';
import { changePassword } from './change-password.js';
import { startTotpSetup, enableTotp, disableTotp } from './totp-setup.js';

const tags = ['账号与登录'];

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const maxAge = deps.config.JIMIN_PASSWORD_MAX_AGE_DAYS;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.JIMIN_TRUST_PROXY };
  // Routes that check a password or a code of a signed-in account are throttled like the login.
  const reauthRate = { max: deps.config.JIMIN_LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 };
  /** The caller's own session, which a change of password or second factor keeps (A6). */
  const ownSession = (request: FastifyRequest) => {
    if (!request.session) throw new AppError('UNAUTHENTICATED', '请先登录');
    return request.session.tokenHash;
  };

  api.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: deps.config.JIMIN_LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: { tags, summary: '登录', body: loginInput, response: { 200: meAnswer } },
    },
    async (request, reply) => {
      const { userId, token } = await login(deps, ctxOf(request), request.body);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { me: await getMe(deps.database.db, userId, maxAge) };
    },
  );

  api.post(
    '/api/auth/logout',
    { config: { access: 'public' }, schema: { tags, summary: '退出登录', response: { 200: okAnswer } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(deps.database.db, token);
      if (request.session)
        await audit(deps.database.db, ctxOf(request), {
          action: 'auth.logout',
          objectType: 'user',
          objectId: request.session.actor.userId,
        });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true } as const;
    },
  );

  api.get(
    '/api/auth/me',
    { config: { access: 'account' }, schema: { tags, summary: '当前账号', response: { 200: meSchema } } },
    async (request) => getMe(deps.database.db, actorOf(request).userId, maxAge),
  );

  api.post(
    '/api/auth/change-password',
    {
      config: { access: 'account', rateLimit: reauthRate },
      schema: {
        tags,
        summary: '修改密码（结束本账号的其他会话）',
        body: changePasswordInput,
        response: { 200: meAnswer },
      },
    },
    async (request) => {
      await changePassword(deps, ctxOf(request), request.body, ownSession(request));
      return { me: await getMe(deps.database.db, actorOf(request).userId, maxAge) };
    },
  );

  api.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'account', rateLimit: reauthRate },
      schema: {
        tags,
        summary: '生成动态口令密钥',
        description:
          '已启用动态口令时需填写当前口令 code，尚未启用时需填写登录密码 password。此步不改变账号，启用（enable）后新口令才生效。',
        body: totpSetupInput,
        response: { 200: totpSetupAnswer },
      },
    },
    async (request) => startTotpSetup(deps, ctxOf(request), ownSession(request), request.body),
  );

  api.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'account' },
      schema: {
        tags,
        summary: '启用或更换动态口令（结束本账号的其他会话）',
        body: enableTotpInput,
        response: { 200: meAnswer },
      },
    },
    async (request) => {
      await enableTotp(deps, ctxOf(request), ownSession(request), request.body);
      return { me: await getMe(deps.database.db, actorOf(request).userId, maxAge) };
    },
  );

  api.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'account', rateLimit: reauthRate },
      schema: {
        tags,
        summary: '关闭动态口令（需当前口令；结束本账号的其他会话）',
        body: disableTotpInput,
        response: { 200: meAnswer },
      },
    },
    async (request) => {
      await disableTotp(deps, ctxOf(request), ownSession(request), request.body);
      return { me: await getMe(deps.database.db, actorOf(request).userId, maxAge) };
    },
  );
}
