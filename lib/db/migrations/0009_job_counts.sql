CREATE TABLE "job_counts" (
	"endpoint_id" text NOT NULL,
	"status" text NOT NULL,
	"jobs" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "job_counts_endpoint_id_status_pk" PRIMARY KEY("endpoint_id","status")
);
--> statement-breakpoint
CREATE INDEX "jobs_endpoint_status_submitted_idx" ON "jobs" USING btree ("endpoint_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "jobs_submitter_submitted_idx" ON "jobs" USING btree ("submitted_by","submitted_at");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): job_counts follows every insert, delete, status change
-- and truncate of jobs. Counter rows are touched in (endpoint_id, status) order, so two writers cannot deadlock.
CREATE FUNCTION "job_counts_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO job_counts AS counter (endpoint_id, status, jobs)
		SELECT endpoint_id, status, count(*) FROM new_jobs GROUP BY endpoint_id, status ORDER BY endpoint_id, status
	ON CONFLICT (endpoint_id, status) DO UPDATE SET jobs = counter.jobs + excluded.jobs;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "job_counts_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO job_counts AS counter (endpoint_id, status, jobs)
		SELECT endpoint_id, status, -count(*) FROM old_jobs GROUP BY endpoint_id, status ORDER BY endpoint_id, status
	ON CONFLICT (endpoint_id, status) DO UPDATE SET jobs = counter.jobs + excluded.jobs;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "job_counts_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO job_counts AS counter (endpoint_id, status, jobs)
		SELECT endpoint_id, status, delta FROM (VALUES (OLD.endpoint_id, OLD.status, -1), (NEW.endpoint_id, NEW.status, 1))
			AS change (endpoint_id, status, delta) ORDER BY endpoint_id, status
	ON CONFLICT (endpoint_id, status) DO UPDATE SET jobs = counter.jobs + excluded.jobs;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "job_counts_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM job_counts;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "job_counts_insert" AFTER INSERT ON "jobs" REFERENCING NEW TABLE AS new_jobs
	FOR EACH STATEMENT EXECUTE FUNCTION "job_counts_after_insert"();
--> statement-breakpoint
CREATE TRIGGER "job_counts_delete" AFTER DELETE ON "jobs" REFERENCING OLD TABLE AS old_jobs
	FOR EACH STATEMENT EXECUTE FUNCTION "job_counts_after_delete"();
--> statement-breakpoint
CREATE TRIGGER "job_counts_update" AFTER UPDATE OF "status", "endpoint_id" ON "jobs" FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.endpoint_id IS DISTINCT FROM NEW.endpoint_id)
	EXECUTE FUNCTION "job_counts_after_update"();
--> statement-breakpoint
CREATE TRIGGER "job_counts_truncate" AFTER TRUNCATE ON "jobs"
	FOR EACH STATEMENT EXECUTE FUNCTION "job_counts_after_truncate"();
--> statement-breakpoint
INSERT INTO "job_counts" ("endpoint_id", "status", "jobs")
	SELECT "endpoint_id", "status", count(*) FROM "jobs" GROUP BY "endpoint_id", "status";
