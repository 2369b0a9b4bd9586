-- The application's database role (security.md D6, docs/operator-guide.md "Database roles"):
-- `jimin_app` is a group role without login and without superuser; a deployment's login user is
-- made a member of it and connects as the application (DATABASE_URL), while migrations run as the
-- owner (JIMIN_MIGRATION_DATABASE_URL). The role owns nothing, so it cannot ALTER a table, disable
-- its triggers or TRUNCATE it; on the audit tables it may only add and read rows.
-- Every migration that adds a table grants it here explicitly: the PostgreSQL test suite runs as
-- a member of jimin_app, so a table without its grant fails CI.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jimin_app') THEN
    CREATE ROLE jimin_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Created meanwhile by a migration of another database in the same cluster.
  NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO jimin_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  assistance_actions, assistance_cases, assistance_check_records, assistance_checks, assistance_documents,
  assistance_entitlement_changes, assistance_entitlements, assistance_parameters, assistance_roll_lines,
  assistance_rolls, assistance_standards, benefits, calendar_days, calendar_years, divisions, files,
  households, jobs, organisation_persons, organisations, outbox, persons, portal_signups, roles, sessions, users
  TO jimin_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log, audit_chain TO jimin_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jimin_app;
