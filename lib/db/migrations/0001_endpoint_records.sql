CREATE TABLE "endpoint_records" (
	"endpoint_id" text PRIMARY KEY NOT NULL,
	"created_by" text,
	"job_route_name_override" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "endpoint_records" ADD CONSTRAINT "endpoint_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;