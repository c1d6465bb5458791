CREATE TABLE "cluster_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "archive_state" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "archive_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "archive_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_archive_due_idx" ON "jobs" USING btree ("archive_next_at") WHERE archive_state = 'pending';--> statement-breakpoint
CREATE INDEX "jobs_unfinished_endpoint_status_idx" ON "jobs" USING btree ("endpoint_id","status","submitted_at") WHERE finished = false;--> statement-breakpoint
-- Completed jobs whose outputs were never archived (the old in-process queue's backlog) wait in the durable queue.
UPDATE "jobs" SET "archive_state" = CASE
  WHEN EXISTS (SELECT 1 FROM "outputs" WHERE "outputs"."job_id" = "jobs"."id") THEN 'done'
  WHEN "output" IS NOT NULL AND jsonb_typeof("output") <> 'null' THEN 'pending'
  ELSE 'done' END
WHERE "status" = 'COMPLETED';
