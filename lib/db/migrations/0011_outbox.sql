ALTER TABLE "jobs" ADD COLUMN "send_state" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "send_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "jobs_send_due_idx" ON "jobs" USING btree ("send_state","submitted_at") WHERE send_state IS NOT NULL;--> statement-breakpoint
-- Rows the old one-by-one sender wrote but never heard back about (a crash between the row and the answer): sent
-- or not, nobody can tell, so they are "outcome unknown" to settle by hand, never sent blindly.
INSERT INTO "job_events" ("job_id", "status", "at", "detail")
SELECT "id", 'UNKNOWN', now(), 'The console stopped while sending this job: Novita may or may not have queued it.'
FROM "jobs" WHERE "status" = 'SUBMITTING' AND "novita_job_id" IS NULL;
--> statement-breakpoint
UPDATE "jobs" SET "status" = 'UNKNOWN', "finished" = true, "finished_at" = now(), "last_changed_at" = now(),
  "next_poll_at" = NULL,
  "error" = 'The console stopped while sending this job: Novita may or may not have queued it.'
WHERE "status" = 'SUBMITTING' AND "novita_job_id" IS NULL;
