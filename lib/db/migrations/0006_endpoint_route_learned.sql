ALTER TABLE "endpoint_records" ADD COLUMN "job_route_name_learned" text;--> statement-breakpoint
ALTER TABLE "endpoint_records" ADD COLUMN "job_route_name_learned_at" timestamp with time zone;