CREATE TABLE "payee_account_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payee_account_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"payee_account_id" bigint NOT NULL,
	"source" text NOT NULL,
	"previous_bank_name" text,
	"previous_account_masked" text,
	"bank_name" text,
	"account_masked" text,
	"reason" text,
	"actor_user_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payee_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payee_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme" text NOT NULL,
	"person_id" bigint NOT NULL,
	"division_code" text NOT NULL,
	"household_id" bigint,
	"bank_name" text,
	"bank_account_enc" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payee_account_changes" ADD CONSTRAINT "payee_account_changes_payee_account_id_payee_accounts_id_fk" FOREIGN KEY ("payee_account_id") REFERENCES "public"."payee_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payee_account_changes_account_idx" ON "payee_account_changes" USING btree ("payee_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payee_accounts_programme_person_idx" ON "payee_accounts" USING btree ("programme","person_id");--> statement-breakpoint
CREATE INDEX "payee_accounts_division_idx" ON "payee_accounts" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
-- Every new table is granted to the application's role (0006_app_role.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON payee_accounts, payee_account_changes TO jimin_app;
--> statement-breakpoint
-- Each social-assistance payee's account, from the entitlements that held it: one record per person
-- (programme 'assistance'), the account of their latest entitlement that has one, where it is paid.
INSERT INTO payee_accounts (programme, person_id, division_code, household_id, bank_name, bank_account_enc)
SELECT DISTINCT ON (e.payee_person_id) 'assistance', e.payee_person_id, e.division_code, e.household_id, e.bank_name, e.bank_account_enc
FROM assistance_entitlements e
ORDER BY e.payee_person_id, (e.bank_account_enc IS NOT NULL) DESC, e.id DESC;
--> statement-breakpoint
-- Every 更正发放账户 the entitlements' histories hold (原账户：<bank> <masked>；新账户：<bank> <masked>) as a
-- correction of the payee's record, masked as it was; the entitlements keep their history lines.
INSERT INTO payee_account_changes (payee_account_id, source, previous_bank_name, previous_account_masked, bank_name, account_masked,
  reason, actor_user_id, at)
SELECT a.id, 'correction', nullif(r.m[1], '无'), r.m[2], r.m[3], r.m[4], c.reason, c.actor_user_id, c.at
FROM assistance_entitlement_changes c
JOIN assistance_entitlements e ON e.id = c.entitlement_id
JOIN payee_accounts a ON a.programme = 'assistance' AND a.person_id = e.payee_person_id
CROSS JOIN LATERAL (SELECT regexp_match(c.breakdown, '^原账户：(.*) (\S+)；新账户：(.*) (\S+)$') AS m) r
WHERE c.kind = 'account' AND r.m IS NOT NULL
ORDER BY c.id;
--> statement-breakpoint
ALTER TABLE "assistance_entitlements" DROP COLUMN "bank_name";--> statement-breakpoint
ALTER TABLE "assistance_entitlements" DROP COLUMN "bank_account_enc";