CREATE TABLE "elderly_allowance_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elderly_allowance_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"allowance_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text NOT NULL,
	"actor_division" text,
	"reason" text,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elderly_allowances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elderly_allowances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"county_code" text NOT NULL,
	"start_month" text NOT NULL,
	"end_month" text,
	"status" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elderly_allowance_history" ADD CONSTRAINT "elderly_allowance_history_allowance_id_elderly_allowances_id_fk" FOREIGN KEY ("allowance_id") REFERENCES "public"."elderly_allowances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elderly_allowances" ADD CONSTRAINT "elderly_allowances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elderly_allowance_history_allowance_idx" ON "elderly_allowance_history" USING btree ("allowance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "elderly_allowances_person_idx" ON "elderly_allowances" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "elderly_allowances_county_idx" ON "elderly_allowances" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "elderly_allowances_division_idx" ON "elderly_allowances" USING btree ("division_code" text_pattern_ops);
--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON elderly_allowances, elderly_allowance_history TO jimin_app;
