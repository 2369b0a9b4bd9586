import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's chromium against a real server on loopback.
export default defineConfig({
  test: { include: ['e2e/**/*.e2e.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
});
