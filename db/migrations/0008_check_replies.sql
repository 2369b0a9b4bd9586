CREATE TABLE "assistance_check_replies" (
	"check_id" bigint NOT NULL,
	"agency" text NOT NULL,
	"batch_id" bigint,
	"records" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"replied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_check_replies_check_id_agency_pk" PRIMARY KEY("check_id","agency")
);
--> statement-breakpoint
-- Every agency a check had marked replied becomes one reply, carrying that agency's records in
-- their import order (an agency that found nothing: no records).
INSERT INTO "assistance_check_replies" ("check_id", "agency", "records", "replied_at")
SELECT k.id, a.agency,
       coalesce((SELECT jsonb_agg(jsonb_build_object('personId', r.person_id, 'kind', r.kind, 'amountFen', r.amount_fen, 'detail', r.detail) ORDER BY r.id)
                 FROM "assistance_check_records" r WHERE r.check_id = k.id AND r.agency = a.agency), '[]'::jsonb),
       k.updated_at
FROM "assistance_checks" k CROSS JOIN LATERAL jsonb_array_elements_text(k.replied_agencies) AS a(agency);
--> statement-breakpoint
DROP TABLE "assistance_check_records" CASCADE;--> statement-breakpoint
ALTER TABLE "assistance_check_replies" ADD CONSTRAINT "assistance_check_replies_check_id_assistance_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."assistance_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_check_replies" ADD CONSTRAINT "assistance_check_replies_batch_id_assistance_check_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."assistance_check_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_checks" DROP COLUMN "replied_agencies";--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON assistance_check_replies TO jimin_app;
