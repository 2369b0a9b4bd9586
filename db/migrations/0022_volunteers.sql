CREATE TABLE "volunteer_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"volunteer_id" bigint NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text NOT NULL,
	"reason" text,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"volunteer_no" text GENERATED ALWAYS AS ('ZY' || lpad(id::text, 10, '0')) STORED NOT NULL,
	"person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"organisation_id" bigint,
	"skills" jsonb NOT NULL,
	"categories" jsonb NOT NULL,
	"available_times" jsonb NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"registered_on" date NOT NULL,
	"deregistered_on" date,
	"deregister_reason" text,
	"consent_guardian_id" bigint,
	"consent_method" text,
	"consented_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "volunteer_history" ADD CONSTRAINT "volunteer_history_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_consent_guardian_id_persons_id_fk" FOREIGN KEY ("consent_guardian_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_history_volunteer_idx" ON "volunteer_history" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_person_idx" ON "volunteers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_no_idx" ON "volunteers" USING btree ("volunteer_no");--> statement-breakpoint
CREATE INDEX "volunteers_division_idx" ON "volunteers" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteers_organisation_idx" ON "volunteers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "volunteers_registered_idx" ON "volunteers" USING btree ("registered_on");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON volunteers, volunteer_history TO jimin_app;
