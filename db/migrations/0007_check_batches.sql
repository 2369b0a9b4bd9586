CREATE TABLE "assistance_check_batch_lines" (
	"batch_id" bigint NOT NULL,
	"check_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	CONSTRAINT "assistance_check_batch_lines_batch_id_check_id_person_id_pk" PRIMARY KEY("batch_id","check_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "assistance_check_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_check_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"division_code" text NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistance_checks" ADD COLUMN "agencies" jsonb DEFAULT '["bank","real_estate","vehicle","tax","social_insurance","business","housing_fund"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "assistance_check_batch_lines" ADD CONSTRAINT "assistance_check_batch_lines_batch_id_assistance_check_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."assistance_check_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_check_batch_lines" ADD CONSTRAINT "assistance_check_batch_lines_check_id_assistance_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."assistance_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_check_batch_lines_check_idx" ON "assistance_check_batch_lines" USING btree ("check_id");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON assistance_check_batches, assistance_check_batch_lines TO jimin_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jimin_app;
