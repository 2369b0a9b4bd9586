CREATE TABLE "agency_file_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_file_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agency_file_id" bigint NOT NULL,
	"row_number" integer NOT NULL,
	"name" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_number_hash" text,
	"data" jsonb NOT NULL,
	"person_id" bigint,
	"outcome" text NOT NULL,
	"problem" text,
	"conflict" text,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "agency_files" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"agency" text NOT NULL,
	"file_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"division_code" text NOT NULL,
	"status" text DEFAULT 'matching' NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"job_id" bigint,
	"uploaded_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_file_lines" ADD CONSTRAINT "agency_file_lines_agency_file_id_agency_files_id_fk" FOREIGN KEY ("agency_file_id") REFERENCES "public"."agency_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_file_lines_file_idx" ON "agency_file_lines" USING btree ("agency_file_id","outcome","row_number");--> statement-breakpoint
CREATE INDEX "agency_files_division_idx" ON "agency_files" USING btree ("division_code" text_pattern_ops,"id");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON agency_files, agency_file_lines TO jimin_app;
