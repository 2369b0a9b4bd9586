import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('API documentation and health', () => {
  it('serves the OpenAPI document with every route and the Chinese summaries', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.paths['/api/persons'].get.summary).toBe('查找人员');
    expect(doc.paths['/api/households'].post.summary).toBe('登记家庭');
    for (const r of t.app.routeTable.filter((x) => x.url !== '/api/openapi.json' && !x.url.startsWith('/api/docs'))) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
  });

  it('serves the interactive API page at /api/docs', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('reports the database in /api/health', async () => {
    expect((await t.client().get('/api/health')).json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers an unknown API path with a Chinese 404 in the error format', async () => {
    const res = await t.client().get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '请求的地址不存在', details: {} });
  });
});
