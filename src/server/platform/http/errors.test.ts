/** docs/security.md F6: which errors mean "the database is away" (503, retry later) and which are bugs (500). */
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { DrizzleQueryError } from 'drizzle-orm';
import pg from 'pg';
import { isDbUnavailable, registerErrorHandling } from './errors.js';
import { AppError } from '../errors.js';

/** An error as pg reports a server's ErrorResponse: SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });
/** As drizzle throws it: the driver's error in `cause`. */
const wrapped = (cause: Error) => new DrizzleQueryError('select 1', [], cause);
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('database errors', () => {
  it('F6 connection-class errors read as unavailable, nothing else does', () => {
    const unavailable = [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02', 'terminating connection due to crash of another server process'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006', 'connection failure'),
      pgError('08P01', 'invalid message format'),
      pgError('55000', 'database "jimin" is not currently accepting connections'),
      pgError('55000', 'database "jimin" does not allow connections'),
      socketError('ECONNREFUSED'),
      socketError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
    ];
    for (const err of unavailable) {
      expect({ message: err.message, bare: isDbUnavailable(err), wrapped: isDbUnavailable(wrapped(err)) }).toEqual({
        message: err.message,
        bare: true,
        wrapped: true,
      });
    }
    const failures = [
      pgError('23505', 'duplicate key value violates unique constraint "persons_id_number_hash"'),
      pgError('42P01', 'relation "nowhere" does not exist'),
      pgError('40001', 'could not serialize access due to concurrent update'),
      pgError('55000', 'currval of sequence "persons_id_seq" is not yet defined in this session'),
      pgError('57014', 'canceling statement due to statement timeout'),
      new AppError('NOT_FOUND', '人员不存在'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('the connection terminated was reported by a user'),
    ];
    for (const err of failures) {
      expect({ message: err.message, bare: isDbUnavailable(err), wrapped: isDbUnavailable(wrapped(err)) }).toEqual({
        message: err.message,
        bare: false,
        wrapped: false,
      });
    }
    // A cause a few levels down still counts; a cycle of causes ends.
    expect(isDbUnavailable(new Error('outer', { cause: wrapped(socketError('ECONNREFUSED')) }))).toBe(true);
    const looped = new Error('loop') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(isDbUnavailable(looped)).toBe(false);
  });

  it('F6 a lost database is answered 503 DB_UNAVAILABLE from a route and from an onRequest hook (the session lookup), a duplicate key 409', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    app.addHook('onRequest', async (request) => {
      if (request.url === '/hook') throw wrapped(pgError('57P01', 'terminating connection due to administrator command'));
    });
    app.get('/hook', async () => ({}));
    app.get('/route', async () => {
      throw wrapped(new Error('Connection terminated unexpectedly'));
    });
    app.get('/duplicate', async () => {
      throw wrapped(pgError('23505', 'duplicate key value'));
    });
    app.get('/bug', async () => {
      throw wrapped(pgError('42P01', 'relation "nowhere" does not exist'));
    });
    for (const url of ['/hook', '/route']) {
      const res = await app.inject({ url });
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 503, code: 'DB_UNAVAILABLE' });
    }
    expect((await app.inject({ url: '/duplicate' })).statusCode).toBe(409);
    expect((await app.inject({ url: '/bug' })).statusCode).toBe(500);
    await app.close();
  });
});
