// Every table, for drizzle-kit (drizzle.config.ts), which reads the named exports of this one file:
// one line per manifest with tables (src/server/modules/index.ts); src/server/modules/modules.test.ts
// fails when these exports and the manifests' `tables` differ.
export * from './platform/db/schema.js';
export * from './modules/registry/schema.js';
export * from './platform/calendar/schema.js';
export * from './platform/notices/schema.js';
export * from './platform/policy/schema.js';
export * from './platform/payees/schema.js';
export * from './platform/payments/schema.js';
export * from './platform/verify/schema.js';
export * from './platform/visits/schema.js';
export * from './modules/assistance/schema.js';
export * from './modules/elderly-allowance/schema.js';
export * from './modules/volunteers/schema.js';
