/**
 * The console's database schema: one schema for PGlite and Postgres (drizzle, Postgres dialect).
 * The four auth tables follow better-auth's core model (property names are what its drizzle adapter expects).
 */
import { boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const userRole = pgEnum("user_role", ROLES);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: userRole("role").notNull().default("viewer"),
  ...timestamps,
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    /** A password hash (better-auth's scrypt), never the password. */
    password: text("password"),
    ...timestamps,
  },
  (table) => [index("accounts_user_id_idx").on(table.userId)],
);

export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (table) => [index("verifications_identifier_idx").on(table.identifier)],
);

export type User = typeof users.$inferSelect;

/** Console-wide settings and one-time markers, one row per key. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  ...timestamps,
});

/**
 * What the console knows about an endpoint beyond Novita's answer: when and by whom it was created here (Novita's
 * endpoint detail has no creation time), and a job route name override (the guides show `<id>-<app>` and bare ids).
 */
export const endpointRecords = pgTable("endpoint_records", {
  endpointId: text("endpoint_id").primaryKey(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  jobRouteNameOverride: text("job_route_name_override"),
  ...timestamps,
});

/**
 * The job ledger: every job the console sends, written before the upstream call, kept after Novita forgets it
 * (6 hours). `status` is Novita's status text, or the console's own: SUBMITTING (row written, call not answered
 * yet), UNKNOWN (the run call failed in a way that leaves open whether Novita queued it), EXPIRED (Novita no longer
 * knows a job that had not finished).
 */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    novitaJobId: text("novita_job_id").unique(),
    endpointId: text("endpoint_id").notNull(),
    routeName: text("route_name").notNull(),
    status: text("status").notNull(),
    finished: boolean("finished").notNull().default(false),
    input: jsonb("input").notNull(),
    /** The input's words (its string values, lower-cased, long blobs left out): what "search inside the input" scans. */
    searchText: text("search_text").notNull().default(""),
    output: jsonb("output"),
    error: text("error"),
    submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
    resubmittedFrom: text("resubmitted_from"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    delayTimeMs: integer("delay_time_ms"),
    executionTimeMs: integer("execution_time_ms"),
    /** When the tracker should next ask Novita; null once finished. */
    nextPollAt: timestamp("next_poll_at", { withTimezone: true }),
    lastChangedAt: timestamp("last_changed_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (table) => [
    index("jobs_submitted_at_id_idx").on(table.submittedAt, table.id),
    index("jobs_endpoint_submitted_idx").on(table.endpointId, table.submittedAt),
    index("jobs_status_submitted_idx").on(table.status, table.submittedAt),
    index("jobs_next_poll_idx").on(table.nextPollAt),
  ],
);

/** Each status a job went through, with its time: the job's timeline. */
export const jobEvents = pgTable(
  "job_events",
  {
    id: serial("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    detail: text("detail"),
  },
  (table) => [index("job_events_job_idx").on(table.jobId, table.at)],
);

/** `/health` samples per endpoint: raw for 24 hours, then 5-minute averages for 30 days. */
export const healthSamples = pgTable(
  "health_samples",
  {
    id: serial("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    resolution: text("resolution").notNull().default("raw"),
    workersIdle: integer("workers_idle").notNull(),
    workersRunning: integer("workers_running").notNull(),
    workersThrottled: integer("workers_throttled").notNull(),
    workersTotal: integer("workers_total").notNull(),
    jobsInQueue: integer("jobs_in_queue").notNull(),
    jobsInProgress: integer("jobs_in_progress").notNull(),
    jobsCompleted: integer("jobs_completed").notNull(),
    jobsFailed: integer("jobs_failed").notNull(),
  },
  (table) => [index("health_samples_endpoint_at_idx").on(table.endpointId, table.at)],
);
