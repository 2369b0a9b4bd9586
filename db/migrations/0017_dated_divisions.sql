CREATE TABLE "division_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "division_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"document_no" text NOT NULL,
	"reason" text NOT NULL,
	"spec" jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "division_code_map" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "division_code_map_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"change_id" bigint NOT NULL,
	"old_code" text NOT NULL,
	"new_code" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "division_code_map" ADD CONSTRAINT "division_code_map_change_id_division_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."division_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "division_changes_status_idx" ON "division_changes" USING btree ("status","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "division_code_map_change_old_idx" ON "division_code_map" USING btree ("change_id","old_code");--> statement-breakpoint
CREATE INDEX "division_code_map_old_idx" ON "division_code_map" USING btree ("old_code");
--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON division_changes, division_code_map TO jimin_app;
