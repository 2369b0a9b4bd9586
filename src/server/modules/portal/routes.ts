import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { SESSION_COOKIE } from '../../platform/auth/session.js';
import { meAnswer } from '../../../shared/auth/account.js';
import { confirmSignupInput, signupAnswer, signupInput } from '../../../shared/portal/signup.js';
import { myRecordAnswer } from '../../../shared/portal/my-record.js';
import { getMe } from '../auth/me.js';
import { confirmSignup, startSignup } from './signup.js';
import { myRecord } from './my-record.js';

const tags = ['居民门户'];

export function portalRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limit = { max: deps.config.JIMIN_LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 };
  api.post(
    '/api/portal/signup',
    {
      config: { access: 'public', rateLimit: limit },
      schema: { tags, summary: '居民注册（发送验证码）', body: signupInput, response: { 200: signupAnswer } },
    },
    async (request) => startSignup(deps, ctxOf(request), request.body),
  );
  api.post(
    '/api/portal/signup/confirm',
    {
      config: { access: 'public', rateLimit: limit },
      schema: { tags, summary: '居民注册（确认验证码并登录）', body: confirmSignupInput, response: { 200: meAnswer } },
    },
    async (request, reply) => {
      const { userId, token } = await confirmSignup(deps, ctxOf(request), request.body);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.JIMIN_TRUST_PROXY });
      return { me: await getMe(deps.database.db, userId, deps.config.JIMIN_PASSWORD_MAX_AGE_DAYS) };
    },
  );
  api.get(
    '/api/portal/me',
    { config: { access: 'resident' }, schema: { tags, summary: '我的信息（本人、家庭成员与待遇）', response: { 200: myRecordAnswer } } },
    async (request) => myRecord(deps, ctxOf(request)),
  );
}
