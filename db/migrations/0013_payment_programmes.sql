CREATE TABLE "bank_formats" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_formats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"sheet_name" text NOT NULL,
	"columns" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_roll_lines" (
	"roll_id" bigint NOT NULL,
	"record_id" bigint NOT NULL,
	"household_id" bigint,
	"division_code" text NOT NULL,
	"benefit_type" text NOT NULL,
	"payee_person_id" bigint NOT NULL,
	"covered_count" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"breakdown" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"bank_name" text,
	"bank_account_enc" text,
	"payment_status" text DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	CONSTRAINT "payment_roll_lines_roll_id_record_id_pk" PRIMARY KEY("roll_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "payment_rolls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_rolls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme" text NOT NULL,
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
ALTER TABLE "payment_roll_lines" ADD CONSTRAINT "payment_roll_lines_roll_id_payment_rolls_id_fk" FOREIGN KEY ("roll_id") REFERENCES "public"."payment_rolls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_formats_name_idx" ON "bank_formats" USING btree ("name");--> statement-breakpoint
CREATE INDEX "payment_roll_lines_division_idx" ON "payment_roll_lines" USING btree ("roll_id","division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "payment_rolls_programme_county_month_idx" ON "payment_rolls" USING btree ("programme","county_code","month");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON payment_rolls, payment_roll_lines, bank_formats TO jimin_app;
--> statement-breakpoint
-- Social assistance's rolls become the rolls of programme assistance, with their ids: a line's 流水号 (roll-entitlement)
-- in a bank file already sent, and a result file still to come, names its roll by id.
INSERT INTO payment_rolls (id, programme, county_code, month, status, job_id, lines, total_fen, built_at, approved_by, approved_at,
  created_by, created_at)
OVERRIDING SYSTEM VALUE
SELECT r.id, 'assistance', r.county_code, r.month, r.status, r.job_id, r.lines, r.total_fen, r.built_at, r.approved_by, r.approved_at,
  r.created_by, r.created_at
FROM assistance_rolls r ORDER BY r.id;
--> statement-breakpoint
SELECT setval('payment_rolls_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM payment_rolls), false);
--> statement-breakpoint
-- Their lines as frozen: the entitlement is the line's record, its category the benefit type paid.
INSERT INTO payment_roll_lines (roll_id, record_id, household_id, division_code, benefit_type, payee_person_id, covered_count, amount_fen,
  breakdown, inputs, bank_name, bank_account_enc, payment_status, failure_reason)
SELECT l.roll_id, l.entitlement_id, l.household_id, l.division_code, l.category, l.payee_person_id, l.covered_count, l.amount_fen,
  l.breakdown, l.inputs, l.bank_name, l.bank_account_enc, l.payment_status, l.failure_reason
FROM assistance_roll_lines l ORDER BY l.roll_id, l.entitlement_id;
--> statement-breakpoint
-- A roll build queued or left running under the old job kind is the platform's now.
UPDATE jobs SET kind = 'payments.roll' WHERE kind = 'assistance.roll';
--> statement-breakpoint
DROP TABLE "assistance_roll_lines" CASCADE;--> statement-breakpoint
DROP TABLE "assistance_rolls" CASCADE;
