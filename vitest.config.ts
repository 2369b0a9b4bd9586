import { defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on PGlite and, when
// TEST_DATABASE_URL is set, once more on PostgreSQL.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
// Before any test file loads exceljs (see the module's comment).
const setupFiles = ['src/server/platform/exceljs-utf8.ts'];
const integration = { include: ['src/**/*.int.test.ts'], setupFiles, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'], setupFiles, testTimeout: 60_000 } },
      { test: { name: 'pglite', ...integration, env: { JIMIN_TEST_DB: 'pglite' } } },
      ...(onPostgres ? [{ test: { name: 'postgres', ...integration, env: { JIMIN_TEST_DB: 'postgres' } } }] : []),
    ],
  },
});
