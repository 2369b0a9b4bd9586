/**
 * One contract between server and web (docs/api.md "The contract"), for the whole route table: every
 * /api route declares, for the status it answers on success, a concrete response schema from
 * src/shared — JSON with a schema that is not any/unknown at its top, or a file with its content type
 * (xlsx, PDF, CSV). The walk reads the OpenAPI document the routes' schemas generate (the same
 * schemas the serializer validates every answer with), so a route that declares nothing, or hides
 * itself from the document, is named here. Only the API's own documentation is left out (`notContract`,
 * with the reason); there is no other allowance, so a new module's routes cannot be left without a
 * contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** Routes that are no data contract, with the reason. */
const notContract: { test: (url: string) => boolean; reason: string }[] = [
  {
    test: (url) => url === '/api/openapi.json',
    reason: 'the OpenAPI document itself (hidden from itself; its schema is declared in app.ts)',
  },
  {
    test: (url) => url === '/api/docs' || url.startsWith('/api/docs/'),
    reason: '@fastify/swagger-ui: the interactive page and its static files',
  },
];

interface JsonSchema {
  [k: string]: unknown;
}
interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
}

/** Keywords that say what a value is; a schema with none of them accepts anything (z.any(), z.unknown()). */
const SHAPE_KEYWORDS = ['type', '$ref', 'properties', 'items', 'enum', 'const', 'allOf', 'not', 'format'];

function acceptsAnything(schema: JsonSchema | undefined): boolean {
  if (!schema) return true;
  for (const union of ['anyOf', 'oneOf'] as const) {
    const options = schema[union];
    if (Array.isArray(options)) return options.some((o) => acceptsAnything(o as JsonSchema));
  }
  return !SHAPE_KEYWORDS.some((k) => k in schema);
}

/** What is wrong with a route's declared answers; empty when its contract is complete. */
function problemsOf(responses: Record<string, OpenApiResponse> | undefined): string[] {
  const success = Object.entries(responses ?? {}).filter(([code]) => /^2(\d\d|xx)$/i.test(code));
  // A route without a response schema is documented with a bare "Default Response" (no content).
  const declared = success.filter(([code, r]) => r.content || code === '204');
  if (!declared.length) return ['no response schema for its success status'];
  const found: string[] = [];
  for (const [code, r] of declared) {
    for (const [mime, { schema }] of Object.entries(r.content ?? {})) {
      if (acceptsAnything(schema)) found.push(`${code} ${mime}: any/unknown at the top level`);
    }
  }
  return found;
}

describe('the contract walk: every /api route declares its answer', () => {
  it('has a concrete response schema for each route’s success status', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenApiDocument>();
    const failures: string[] = [];
    let walked = 0;
    for (const route of t.app.routeTable) {
      if (notContract.some((n) => n.test(route.url))) continue;
      walked++;
      const name = `${route.method} ${route.url}`;
      const operation = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!operation) {
        failures.push(`${name}: missing from /api/openapi.json (hidden?)`);
        continue;
      }
      for (const problem of problemsOf(operation.responses)) failures.push(`${name}: ${problem}`);
    }
    expect(walked).toBeGreaterThan(50);
    if (failures.length) console.log(`${failures.length} route(s) without a complete contract:\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
  });

  it('tells a schema that accepts anything from one that says what it is', () => {
    expect(acceptsAnything({})).toBe(true);
    expect(acceptsAnything({ nullable: true })).toBe(true);
    expect(acceptsAnything({ anyOf: [{}, { type: 'null' }] })).toBe(true);
    expect(acceptsAnything({ type: 'object', additionalProperties: {} })).toBe(false);
    expect(acceptsAnything({ type: 'string', format: 'binary' })).toBe(false);
    expect(problemsOf({ 200: { description: 'Default Response' } })).toEqual(['no response schema for its success status']);
    expect(problemsOf({ 200: { content: { 'application/json': { schema: {} } } } })).toEqual([
      '200 application/json: any/unknown at the top level',
    ]);
    expect(problemsOf({ 204: { description: 'No content' } })).toEqual([]);
  });
});
