/**
 * Builds the Fastify application: platform plugins, the guard, every module's routes, the API
 * docs and the web UI. `main.ts` starts it; tests build it on a test database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './platform/deps.js';
import { registerErrorHandling } from './platform/http/errors.js';
import { registerGuard } from './platform/http/guard.js';
import { CONTENT_SECURITY_POLICY, registerOriginCheck } from './platform/http/web-security.js';
import { ping } from './platform/db/index.js';
import { AppError } from './platform/errors.js';
import { serverModules } from './modules/index.js';
import { errorAnswer, healthAnswer, openApiDocument, type OpenApiDocument } from '../shared/platform/app.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface RouteEntry {
  method: string;
  url: string;
  permission?: string;
  access?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function buildApp(
  deps: Deps,
  opts: { logger?: boolean; logStream?: NodeJS.WritableStream; uncheckedAnswers?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: JSON_BODY_LIMIT,
    // A verification code is 112 characters (platform/verify/code.ts): past Fastify's default of 100.
    routerOptions: { maxParamLength: 200 },
    trustProxy: deps.config.JIMIN_TRUST_PROXY,
    logger:
      opts.logger === false || deps.config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: deps.config.LOG_LEVEL,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            // Query strings can carry ID numbers and phones (search filters): never logged (U4).
            serializers: {
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
            },
          },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // The contract (src/shared): every JSON answer is checked against its route's response schema,
  // and only what the schema names is sent (docs/decisions.md 31). `uncheckedAnswers` is for the
  // benchmark that measures what the check costs, never for a running platform.
  app.setSerializerCompiler(opts.uncheckedAnswers ? () => (data) => JSON.stringify(data) : serializerCompiler);
  registerErrorHandling(app);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.JIMIN_UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '济民 Jimin API', description: '民政业务一体化平台接口。错误格式 {code, message, details}。', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jimin_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: openApiDocument } } },
    async () => app.swagger() as OpenApiDocument,
  );

  registerOriginCheck(app, deps.config);
  registerGuard(app, deps);
  // Every route with who may call it: the Z4 test walks this table, and so do the docs.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, permission: route.config?.permission, access: route.config?.access });
    }
  });

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['运维'], summary: '健康检查（含数据库）', response: { 200: healthAnswer, 503: errorAnswer } },
    },
    async (_req, reply) => {
      try {
        await ping(deps.database.db);
        return { status: 'ok', db: 'ok' } as const;
      } catch {
        return reply.status(503).send({ code: 'DB_UNAVAILABLE', message: '数据库暂时不可用', details: {} });
      }
    },
  );

  // Every module's routes, in the order of the module list (src/server/modules/index.ts).
  await app.register(async (api) => {
    for (const m of serverModules) m.routes?.(api, deps);
  });

  // The web UI's own routes (/persons/12 …) are answered with index.html; unknown /api paths are 404 JSON.
  const hasWeb = existsSync(webRoot);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在', details: {} });
  });
  return app;
}
