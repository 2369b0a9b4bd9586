import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and are forward-only: never edit a landed one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './db/migrations',
});
