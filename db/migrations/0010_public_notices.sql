CREATE TABLE "public_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "public_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"matter" text NOT NULL,
	"shown" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"last_day" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "public_notices_running_idx" ON "public_notices" USING btree ("kind","record_id") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "public_notices_division_idx" ON "public_notices" USING btree ("division_code" text_pattern_ops) WHERE status = 'running';--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON public_notices TO jimin_app;
--> statement-breakpoint
-- The notices running when the board arrives: cases in 公示 and 特困 recipients in 终止公示, shown as the
-- public page showed them (the name masked as src/shared/mask.ts maskName does), 7 days to their last day.
INSERT INTO public_notices (kind, record_id, division_code, matter, shown, starts_on, last_day)
SELECT 'assistance_case', c.id, c.division_code, '拟批准救助',
  jsonb_build_object(
    'name', left(btrim(p.name), 1) || repeat('*', greatest(1, char_length(btrim(p.name)) - 1)),
    'category', CASE c.category WHEN 'dibao' THEN '低保' WHEN 'tekun' THEN '特困' WHEN 'temporary' THEN '临时救助' ELSE '低保边缘家庭' END,
    'householdSize', jsonb_array_length(c.application->'members'),
    'monthlyFen', (c.computation->>'monthlyFen')::int),
  c.notice_ends - 6, c.notice_ends
FROM assistance_cases c JOIN persons p ON p.id = c.applicant_person_id
WHERE c.status = 'notice' AND c.notice_ends IS NOT NULL;
--> statement-breakpoint
INSERT INTO public_notices (kind, record_id, division_code, matter, shown, starts_on, last_day)
SELECT 'assistance_stop', e.id, e.division_code, '拟终止供养',
  jsonb_build_object(
    'name', left(btrim(p.name), 1) || repeat('*', greatest(1, char_length(btrim(p.name)) - 1)),
    'category', CASE e.category WHEN 'dibao' THEN '低保' WHEN 'tekun' THEN '特困' WHEN 'temporary' THEN '临时救助' ELSE '低保边缘家庭' END,
    'householdSize', jsonb_array_length(e.covered_person_ids),
    'monthlyFen', e.monthly_fen),
  e.stop_notice_ends - 6, e.stop_notice_ends
FROM assistance_entitlements e JOIN persons p ON p.id = e.payee_person_id
WHERE e.stop_notice_ends IS NOT NULL;
