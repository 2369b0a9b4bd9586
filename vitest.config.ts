import { defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on PGlite and, when
// TEST_DATABASE_URL is set, once more on PostgreSQL.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'], environment: 'node' } },
      { test: { name: 'pglite', include: ['src/**/*.int.test.ts'], env: { JIMIN_TEST_DB: 'pglite' }, testTimeout: 60_000, hookTimeout: 120_000 } },
      ...(onPostgres
        ? [{ test: { name: 'postgres', include: ['src/**/*.int.test.ts'], env: { JIMIN_TEST_DB: 'postgres' }, testTimeout: 60_000, hookTimeout: 120_000 } }]
        : []),
    ],
  },
});
