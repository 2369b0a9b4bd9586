// Every table, for drizzle-kit and the typed database handle.
export * from './platform/db/schema.js';
export * from './modules/registry/schema.js';
export * from './platform/calendar/schema.js';
export * from './platform/notices/schema.js';
export * from './modules/assistance/schema.js';
