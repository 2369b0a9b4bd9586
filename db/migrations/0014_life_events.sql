CREATE TABLE "person_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"evidence" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"division_code" text NOT NULL,
	"household_id" bigint,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_relations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_relations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"related_person_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"source" text NOT NULL,
	"evidence" text,
	"note" text,
	"end_reason" text,
	"recorded_by" bigint,
	"ended_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_enrolments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "school_enrolments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"school" text NOT NULL,
	"organisation_id" bigint,
	"stage" text NOT NULL,
	"enrolled_on" date NOT NULL,
	"expected_end" date NOT NULL,
	"left_on" date,
	"source" text NOT NULL,
	"evidence" text,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_away_spells" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_away_spells_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date,
	"destination" text NOT NULL,
	"source" text NOT NULL,
	"evidence" text,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "died_on" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "marital_status" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "moved_out_on" date;--> statement-breakpoint
ALTER TABLE "person_events" ADD CONSTRAINT "person_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_related_person_id_persons_id_fk" FOREIGN KEY ("related_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_away_spells" ADD CONSTRAINT "work_away_spells_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_events_person_idx" ON "person_events" USING btree ("person_id","occurred_on");--> statement-breakpoint
CREATE INDEX "person_events_household_idx" ON "person_events" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "person_events_kind_idx" ON "person_events" USING btree ("kind","division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_relations_person_idx" ON "person_relations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_relations_related_idx" ON "person_relations" USING btree ("related_person_id");--> statement-breakpoint
CREATE INDEX "school_enrolments_person_idx" ON "school_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "work_away_spells_person_idx" ON "work_away_spells" USING btree ("person_id");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON person_events, person_relations, work_away_spells, school_enrolments TO jimin_app;
--> statement-breakpoint
-- The registry's facts-changed announcement is an event now, answered by social assistance as a job of its own.
UPDATE jobs SET kind = 'registry.facts_changed>assistance' WHERE kind = 'registry.facts_changed' AND status IN ('queued', 'running');
