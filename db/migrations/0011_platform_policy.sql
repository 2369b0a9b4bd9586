CREATE TABLE "policy_values" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "policy_values_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"module" text NOT NULL,
	"kind" text NOT NULL,
	"county_code" text DEFAULT '' NOT NULL,
	"effective_month" text NOT NULL,
	"value" jsonb NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "policy_values_key_idx" ON "policy_values" USING btree ("module","kind","county_code","effective_month","id");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_values TO jimin_app;
--> statement-breakpoint
-- Social assistance's standards become the platform's dated values of module 'assistance', kind
-- <standard>_<urban|rural|all>, with their ids (entitlements' inputs name the standard they used by id),
-- amount, basis, who entered them and when.
INSERT INTO policy_values (id, module, kind, county_code, effective_month, value, note, created_by, created_at)
OVERRIDING SYSTEM VALUE
SELECT s.id, 'assistance', s.kind || '_' || s.hukou_type, s.county_code, s.effective_month, to_jsonb(s.amount_fen), s.note, s.created_by,
  s.created_at
FROM assistance_standards s ORDER BY s.id;
--> statement-breakpoint
SELECT setval('policy_values_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM policy_values), false);
--> statement-breakpoint
-- Its parameters: kind parameter:<key>, the value as it was set last (the old table kept no history).
INSERT INTO policy_values (module, kind, county_code, effective_month, value, note, created_by, created_at)
SELECT 'assistance', 'parameter:' || p.key, p.county_code, p.effective_month, p.value, NULL, p.created_by, p.created_at
FROM assistance_parameters p ORDER BY p.id;
--> statement-breakpoint
DROP TABLE "assistance_parameters" CASCADE;--> statement-breakpoint
DROP TABLE "assistance_standards" CASCADE;
