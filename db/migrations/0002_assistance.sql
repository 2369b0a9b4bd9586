CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"entered_by" bigint,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_actions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text NOT NULL,
	"actor_division" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_cases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_no" text NOT NULL,
	"category" text NOT NULL,
	"temporary_type" text,
	"household_id" bigint NOT NULL,
	"applicant_person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"due_date" date,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"notice_ends" date,
	"case_due_date" date,
	"accepted_on" date,
	"staff_relative" boolean DEFAULT false NOT NULL,
	"application" jsonb NOT NULL,
	"bank_name" text,
	"bank_account_enc" text,
	"computation" jsonb,
	"spot_check" text,
	"idempotency_key" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_documents" (
	"case_id" bigint NOT NULL,
	"file_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"uploaded_by" bigint,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_documents_case_id_file_id_pk" PRIMARY KEY("case_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "assistance_entitlement_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_entitlement_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entitlement_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"effective_month" text NOT NULL,
	"old_fen" integer,
	"new_fen" integer,
	"breakdown" text,
	"reason" text,
	"actor_user_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_entitlements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_entitlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint,
	"household_id" bigint NOT NULL,
	"category" text NOT NULL,
	"division_code" text NOT NULL,
	"county_code" text NOT NULL,
	"payee_person_id" bigint NOT NULL,
	"covered_person_ids" jsonb NOT NULL,
	"monthly_fen" integer NOT NULL,
	"breakdown" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"start_month" text NOT NULL,
	"end_month" text,
	"status" text DEFAULT 'active' NOT NULL,
	"bank_name" text,
	"bank_account_enc" text,
	"next_review_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_parameters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_parameters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"county_code" text DEFAULT '' NOT NULL,
	"effective_month" text NOT NULL,
	"value" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_roll_lines" (
	"roll_id" bigint NOT NULL,
	"entitlement_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"category" text NOT NULL,
	"payee_person_id" bigint NOT NULL,
	"covered_count" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"breakdown" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"bank_name" text,
	"bank_account_enc" text,
	"payment_status" text DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	CONSTRAINT "assistance_roll_lines_roll_id_entitlement_id_pk" PRIMARY KEY("roll_id","entitlement_id")
);
--> statement-breakpoint
CREATE TABLE "assistance_rolls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_rolls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'building' NOT NULL,
	"job_id" bigint,
	"lines" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"built_at" timestamp with time zone,
	"approved_by" bigint,
	"approved_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_standards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_standards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"hukou_type" text NOT NULL,
	"county_code" text DEFAULT '' NOT NULL,
	"effective_month" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefits" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "assistance_actions" ADD CONSTRAINT "assistance_actions_case_id_assistance_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."assistance_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_cases" ADD CONSTRAINT "assistance_cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_cases" ADD CONSTRAINT "assistance_cases_applicant_person_id_persons_id_fk" FOREIGN KEY ("applicant_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_documents" ADD CONSTRAINT "assistance_documents_case_id_assistance_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."assistance_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_documents" ADD CONSTRAINT "assistance_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_entitlement_changes" ADD CONSTRAINT "assistance_entitlement_changes_entitlement_id_assistance_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."assistance_entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD CONSTRAINT "assistance_entitlements_case_id_assistance_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."assistance_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD CONSTRAINT "assistance_entitlements_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD CONSTRAINT "assistance_entitlements_payee_person_id_persons_id_fk" FOREIGN KEY ("payee_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_roll_lines" ADD CONSTRAINT "assistance_roll_lines_roll_id_assistance_rolls_id_fk" FOREIGN KEY ("roll_id") REFERENCES "public"."assistance_rolls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_roll_lines" ADD CONSTRAINT "assistance_roll_lines_entitlement_id_assistance_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."assistance_entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_actions_case_idx" ON "assistance_actions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_cases_no_idx" ON "assistance_cases" USING btree ("case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_cases_idem_idx" ON "assistance_cases" USING btree ("created_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "assistance_cases_division_idx" ON "assistance_cases" USING btree ("division_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "assistance_cases_household_idx" ON "assistance_cases" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "assistance_entitlement_changes_ent_idx" ON "assistance_entitlement_changes" USING btree ("entitlement_id");--> statement-breakpoint
CREATE INDEX "assistance_entitlements_county_idx" ON "assistance_entitlements" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "assistance_entitlements_division_idx" ON "assistance_entitlements" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assistance_entitlements_household_idx" ON "assistance_entitlements" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_parameters_key_idx" ON "assistance_parameters" USING btree ("key","county_code","effective_month");--> statement-breakpoint
CREATE INDEX "assistance_roll_lines_division_idx" ON "assistance_roll_lines" USING btree ("roll_id","division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_rolls_county_month_idx" ON "assistance_rolls" USING btree ("county_code","month");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_standards_key_idx" ON "assistance_standards" USING btree ("kind","hukou_type","county_code","effective_month");--> statement-breakpoint
CREATE INDEX "benefits_source_ref_idx" ON "benefits" USING btree ("source_ref");