-- Issue 10: a resident whose household is not registered applies with the household proposed
-- (assistance_cases.household_id stays empty until the acceptance registers it; the members' ID
-- numbers are kept encrypted apart); sign-up asks for the hukou division, kept 待核实 until a clerk
-- confirms it (persons.hukou_unverified).
ALTER TABLE "assistance_cases" ALTER COLUMN "household_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_signups" ADD COLUMN "hukou_division_code" text;--> statement-breakpoint
ALTER TABLE "portal_signups" ADD COLUMN "hukou_type" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "hukou_unverified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assistance_cases" ADD COLUMN "proposal_id_numbers_enc" text;