CREATE TABLE "assistance_check_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_check_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"check_id" bigint NOT NULL,
	"agency" text NOT NULL,
	"person_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"detail" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"replied_agencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decisions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistance_check_records" ADD CONSTRAINT "assistance_check_records_check_id_assistance_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."assistance_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_checks" ADD CONSTRAINT "assistance_checks_case_id_assistance_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."assistance_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_check_records_check_idx" ON "assistance_check_records" USING btree ("check_id","agency");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_checks_case_idx" ON "assistance_checks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "assistance_checks_household_idx" ON "assistance_checks" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "assistance_checks_division_idx" ON "assistance_checks" USING btree ("division_code" text_pattern_ops,"status");