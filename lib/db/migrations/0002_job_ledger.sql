CREATE TABLE "health_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"resolution" text DEFAULT 'raw' NOT NULL,
	"workers_idle" integer NOT NULL,
	"workers_running" integer NOT NULL,
	"workers_throttled" integer NOT NULL,
	"workers_total" integer NOT NULL,
	"jobs_in_queue" integer NOT NULL,
	"jobs_in_progress" integer NOT NULL,
	"jobs_completed" integer NOT NULL,
	"jobs_failed" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"novita_job_id" text,
	"endpoint_id" text NOT NULL,
	"route_name" text NOT NULL,
	"status" text NOT NULL,
	"finished" boolean DEFAULT false NOT NULL,
	"input" jsonb NOT NULL,
	"output" jsonb,
	"error" text,
	"submitted_by" text,
	"resubmitted_from" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"delay_time_ms" integer,
	"execution_time_ms" integer,
	"next_poll_at" timestamp with time zone,
	"last_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_novita_job_id_unique" UNIQUE("novita_job_id")
);
--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_samples_endpoint_at_idx" ON "health_samples" USING btree ("endpoint_id","at");--> statement-breakpoint
CREATE INDEX "job_events_job_idx" ON "job_events" USING btree ("job_id","at");--> statement-breakpoint
CREATE INDEX "jobs_submitted_at_id_idx" ON "jobs" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "jobs_endpoint_submitted_idx" ON "jobs" USING btree ("endpoint_id","submitted_at");--> statement-breakpoint
CREATE INDEX "jobs_status_submitted_idx" ON "jobs" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "jobs_next_poll_idx" ON "jobs" USING btree ("next_poll_at");