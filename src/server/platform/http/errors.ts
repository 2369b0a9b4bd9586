/**
 * The HTTP face of errors: `{ code, message, details }` with a Chinese message, validation errors
 * naming the field, never a stack trace. Unknown errors are logged by reference (no request body,
 * so no personal data) and answered as INTERNAL.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';
import '../../../shared/zod-locale.js';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ code: err.code }, err.message);
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => {
        const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
        const field = path || String((v.params as { issue?: { path?: unknown[] } }).issue?.path?.join('.') ?? '');
        const message = v.message ?? '填写不正确';
        return { field, message: field ? `${field}：${message}` : message };
      });
      const e = AppError.validation(fields);
      return reply.status(400).send({ code: e.code, message: e.message, details: e.details });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413 || (err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大', details: {} });
    }
    if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || (err as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(415).send({ code: 'VALIDATION', message: '请求格式不正确', details: {} });
    }
    if (status === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: {} });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ code: 'VALIDATION', message: '请求格式不正确', details: {} });
    }
    if (hasCode(err, '23505')) {
      return reply.status(409).send({ code: 'CONFLICT', message: '记录已存在，可能是重复提交', details: {} });
    }
    if (isDbUnavailable(err)) {
      return reply.status(503).send({ code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后再试', details: {} });
    }
    request.log.error(
      { err: { name: err.name, code: (err as FastifyError).code, stack: err.stack?.split('\n').slice(0, 6).join('\n') } },
      'unhandled error',
    );
    return reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试', details: {} });
  });
}

/**
 * The error and its causes: drizzle wraps a driver's error in DrizzleQueryError, whose `cause` holds
 * the pg error with its SQLSTATE.
 */
function* causes(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; message?: unknown };
  }
}

const hasCode = (err: unknown, code: string) => [...causes(err)].some((e) => e.code === code);

/**
 * Whether the database could not be reached or dropped the connection (answered 503, the client
 * may retry), as opposed to a query it refused (a bug: 500): the server shut down or restarted
 * (57P01–57P03), a connection-class SQLSTATE (08xxx), a refused or reset socket, a database closed
 * to connections, or pg's own messages for a connection that ended or never came.
 */
export function isDbUnavailable(err: unknown): boolean {
  return [...causes(err)].some(({ code, message }) => {
    const msg = typeof message === 'string' ? message : '';
    if (typeof code === 'string') {
      if (['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET'].includes(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
      if (code === '55000') return /database .* (does not allow connections|is not (currently )?accepting connections)/.test(msg);
    }
    return /^Connection terminated|^Client has encountered a connection error|timeout exceeded when trying to connect/.test(msg);
  });
}
