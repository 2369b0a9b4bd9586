CREATE TABLE "foster_families" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "foster_families_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "organisation_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" bigint NOT NULL,
	"what" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"user_id" bigint,
	"username" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "organisation_roles" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" bigint NOT NULL,
	"role" text NOT NULL,
	"partner_kind" text,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "platform_no" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_type" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "registration_authority" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_rep_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_rep_person_id" bigint;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "parent_id" bigint;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "status_on" date;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "foster_families" ADD CONSTRAINT "foster_families_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foster_families" ADD CONSTRAINT "foster_families_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_events" ADD CONSTRAINT "organisation_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_roles" ADD CONSTRAINT "organisation_roles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "foster_families_org_idx" ON "foster_families" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "foster_families_household_idx" ON "foster_families" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "organisation_events_org_idx" ON "organisation_events" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "organisation_roles_org_idx" ON "organisation_roles" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisation_roles_role_idx" ON "organisation_roles" USING btree ("role");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_credit_code_idx" ON "organisations" USING btree ("credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_platform_no_idx" ON "organisations" USING btree ("platform_no");--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON organisation_roles, organisation_events, foster_families TO jimin_app;
--> statement-breakpoint
-- The organisations registered before the registry (name, kind, division only): a team not registered as a
-- legal person until its credit code is entered, numbered by the platform; its kind becomes a role from today
-- (a 局机关科室 has none: it is a unit of the bureau), and the kind column goes.
UPDATE organisations SET platform_no = 'JM' || lpad(id::text, 8, '0') WHERE credit_code IS NULL;
--> statement-breakpoint
INSERT INTO organisation_roles (organisation_id, role, from_date)
  SELECT id, CASE kind WHEN 'rescue_station' THEN 'rescue_station' WHEN 'care_facility' THEN 'care_facility'
    WHEN 'volunteer_team' THEN 'volunteer_organisation' WHEN 'charity' THEN 'charity_organisation' WHEN 'shop' THEN 'charity_shop' END,
    (now() AT TIME ZONE 'Asia/Shanghai')::date
  FROM organisations WHERE kind IN ('rescue_station', 'care_facility', 'volunteer_team', 'charity', 'shop');
--> statement-breakpoint
INSERT INTO organisation_events (organisation_id, what, new_value) SELECT id, 'created', name FROM organisations;
--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "kind";
