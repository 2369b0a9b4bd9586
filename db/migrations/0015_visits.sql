CREATE TABLE "visit_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme" text NOT NULL,
	"person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"worker_user_id" bigint NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"assigned_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme" text NOT NULL,
	"person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"visitor_user_id" bigint NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"situation" text NOT NULL,
	"needs" text,
	"follow_up" text,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "support_mode" text;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "support_mode_confirmed" boolean;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "support_facility" text;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "support_organisation_id" bigint;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "support_mode_since" date;--> statement-breakpoint
ALTER TABLE "visit_assignments" ADD CONSTRAINT "visit_assignments_worker_user_id_users_id_fk" FOREIGN KEY ("worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_assignments_current_idx" ON "visit_assignments" USING btree ("programme","person_id") WHERE "visit_assignments"."to_date" is null;--> statement-breakpoint
CREATE INDEX "visit_assignments_worker_idx" ON "visit_assignments" USING btree ("worker_user_id","programme");--> statement-breakpoint
CREATE INDEX "visit_assignments_division_idx" ON "visit_assignments" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_person_idx" ON "visits" USING btree ("programme","person_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_division_idx" ON "visits" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON visit_assignments, visits TO jimin_app;
--> statement-breakpoint
-- 供养方式 of the existing 特困 roster: 分散供养 until the township confirms it (供养方式待确认).
UPDATE assistance_entitlements SET support_mode = 'scattered', support_mode_confirmed = false,
  support_mode_since = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE category = 'tekun';
