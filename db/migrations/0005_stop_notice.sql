ALTER TABLE "assistance_entitlements" ADD COLUMN "stop_notice_ends" date;--> statement-breakpoint
ALTER TABLE "assistance_entitlements" ADD COLUMN "stop_pending" jsonb;--> statement-breakpoint
CREATE INDEX "assistance_entitlements_stop_notice_idx" ON "assistance_entitlements" USING btree ("stop_notice_ends") WHERE "assistance_entitlements"."stop_notice_ends" is not null;