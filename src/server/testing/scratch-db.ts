import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The login role the PostgreSQL test suite's application connects as: a member of jimin_app only. */
export const TEST_APP_ROLE = 'jimin_test_app';

/**
 * A new, empty PostgreSQL database beside `baseUrl` (tests, benchmarks), and how to drop it.
 * `url` connects as the base URL's user (a superuser here: it owns the database and migrates it);
 * `appUrl` connects as TEST_APP_ROLE, the non-superuser the application runs as (docs/security.md D6).
 */
export async function scratchDatabase(
  baseUrl: string,
  prefix: string,
): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    c.on('error', () => {});
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  // Roles are per cluster: test files create them at once, so a lost race is not an error.
  const ensureRole = (role: string, options: string) =>
    run(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} ${options}; end if;
      exception when duplicate_object or unique_violation then null; end $$`);
  await ensureRole('jimin_app', 'nologin');
  await ensureRole(TEST_APP_ROLE, 'login');
  for (let attempt = 0; ; attempt++) {
    try {
      await run(
        `do $$ begin if not pg_has_role('${TEST_APP_ROLE}', 'jimin_app', 'member') then grant jimin_app to ${TEST_APP_ROLE}; end if; end
          $$`,
      );
      break;
    } catch (err) {
      if (attempt >= 5) throw err; // "tuple concurrently updated" when two files grant at once
    }
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const app = new URL(u);
  app.username = TEST_APP_ROLE;
  app.password = '';
  return { url: u.toString(), appUrl: app.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
