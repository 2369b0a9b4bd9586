ALTER TABLE "assistance_checks" ALTER COLUMN "case_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assistance_checks" ADD COLUMN "entitlement_id" bigint;--> statement-breakpoint
ALTER TABLE "assistance_checks" ADD CONSTRAINT "assistance_checks_entitlement_id_assistance_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."assistance_entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_checks_entitlement_idx" ON "assistance_checks" USING btree ("entitlement_id");