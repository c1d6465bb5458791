/**
 * The console's database schema: one schema for PGlite and Postgres (drizzle, Postgres dialect).
 * The four auth tables follow better-auth's core model (property names are what its drizzle adapter expects).
 */
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { ROLES } from "../auth/roles";

/** Postgres' full-text document type (drizzle has no built-in for it). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

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
  /** Set by a person on the endpoint page; wins over everything. */
  jobRouteNameOverride: text("job_route_name_override"),
  /** The route-name candidate the gateway last answered to (see lib/endpoints/job-route.ts). */
  jobRouteNameLearned: text("job_route_name_learned"),
  jobRouteNameLearnedAt: timestamp("job_route_name_learned_at", { withTimezone: true }),
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
    /**
     * The input's words (its string values, lower-cased, long blobs left out): what "search inside the input" scans.
     */
    searchText: text("search_text").notNull().default(""),
    /** `search_text` as words for the full-text index (lib/jobs/ledger.ts searches it); kept by the database. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
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
    /** The run's `webhook` (lib/webhooks): the final status object is POSTed there, signed with the owner's secret. */
    webhookUrl: text("webhook_url"),
    webhookOwner: text("webhook_owner").references(() => users.id, { onDelete: "set null" }),
    /** `pending` until delivered or given up (`delivered`, `failed`, `skipped`: no final status); null: no webhook. */
    webhookState: text("webhook_state"),
    /** When the next delivery attempt is due; null: as soon as the job is final. */
    webhookNextAt: timestamp("webhook_next_at", { withTimezone: true }),
    /** `pending` from the moment the job completes until its outputs are archived (`done`) or given up (`failed`). */
    archiveState: text("archive_state"),
    /** When the archiver should next try (a lease while one is at work); null: as soon as it can. */
    archiveNextAt: timestamp("archive_next_at", { withTimezone: true }),
    archiveAttempts: integer("archive_attempts").notNull().default(0),
    /** Why the archive is still pending or failed (a download refused, the output store full), for the job page. */
    archiveNote: text("archive_note"),
    /**
     * The send outbox (lib/jobs/outbox.ts): `to_send` from the moment the job is recorded until a sender claims it,
     * `sending` while its run call is under way; null once Novita answered (or the outcome is unknown).
     */
    sendState: text("send_state"),
    /** While `sending`: when the call counts as abandoned (its sender died); while `to_send`: not before then. */
    sendLeaseUntil: timestamp("send_lease_until", { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    index("jobs_archive_due_idx")
      .on(table.archiveNextAt)
      .where(sql`archive_state = 'pending'`),
    /** The unfinished jobs of each endpoint by status and age: what the tracker claims and counts (0010). */
    index("jobs_unfinished_endpoint_status_idx")
      .on(table.endpointId, table.status, table.submittedAt)
      .where(sql`finished = false`),
    /** The outbox: what is left to send, oldest first, and the sends under way (0011). */
    index("jobs_send_due_idx")
      .on(table.sendState, table.submittedAt)
      .where(sql`send_state IS NOT NULL`),
    index("jobs_webhook_due_idx")
      .on(table.webhookNextAt)
      .where(sql`webhook_state = 'pending'`),
    index("jobs_submitted_at_id_idx").on(table.submittedAt, table.id),
    index("jobs_endpoint_submitted_idx").on(table.endpointId, table.submittedAt),
    index("jobs_status_submitted_idx").on(table.status, table.submittedAt),
    /** An endpoint's status tab, newest first (0009). */
    index("jobs_endpoint_status_submitted_idx").on(table.endpointId, table.status, table.submittedAt, table.id),
    index("jobs_submitter_submitted_idx").on(table.submittedBy, table.submittedAt),
    index("jobs_next_poll_idx").on(table.nextPollAt),
    index("jobs_search_vector_idx").using("gin", table.searchVector),
  ],
);

/**
 * Jobs per (endpoint, status), kept by triggers on `jobs` (migration 0009: statement triggers on insert and delete,
 * a row trigger when a status changes): the Jobs page's tab counts without counting rows (lib/jobs/counts.ts).
 */
export const jobCounts = pgTable(
  "job_counts",
  {
    endpointId: text("endpoint_id").notNull(),
    status: text("status").notNull(),
    jobs: bigint("jobs", { mode: "number" }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.endpointId, table.status] })],
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

/**
 * A ComfyUI workflow in the library. Its graphs live in `workflow_versions` (every save is a new version); the form
 * curation (hidden/renamed/reordered/advanced fields, keyed by node path such as `6.inputs.text`) belongs to the
 * workflow so it is re-applied to each new version.
 */
export const workflows = pgTable("workflows", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  defaultEndpointId: text("default_endpoint_id"),
  latestVersion: integer("latest_version").notNull().default(1),
  curation: jsonb("curation").notNull().default({}),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

/** One saved version of a workflow's API-format graph (node id → `{class_type, inputs}`). */
export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: serial("id").primaryKey(),
    workflowId: text("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    graph: jsonb("graph").notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("workflow_versions_workflow_version_idx").on(table.workflowId, table.version)],
);

/**
 * Which workflow run a ledger job came from: the workflow, its version, the form values as resolved (seed after
 * randomising), and the sweep it belongs to. One row per job sent from the workflow form; other jobs have none.
 */
export const workflowRuns = pgTable(
  "workflow_runs",
  {
    jobId: text("job_id")
      .primaryKey()
      .references(() => jobs.id, { onDelete: "cascade" }),
    workflowId: text("workflow_id").references(() => workflows.id, { onDelete: "set null" }),
    workflowVersion: integer("workflow_version").notNull(),
    inputs: jsonb("inputs").notNull(),
    sweepId: text("sweep_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("workflow_runs_workflow_idx").on(table.workflowId, table.createdAt),
    index("workflow_runs_sweep_idx").on(table.sweepId),
  ],
);

/** Archived bytes, stored once per sha256 (identical outputs share one blob and one thumbnail). */
export const outputBlobs = pgTable("output_blobs", {
  sha256: text("sha256").primaryKey(),
  mime: text("mime").notNull(),
  bytes: integer("bytes").notNull(),
  width: integer("width"),
  height: integer("height"),
  /** Key in the output store (a path under DATA_DIR/outputs, or an S3 key). */
  storageKey: text("storage_key").notNull(),
  thumbnailKey: text("thumbnail_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One output of one job (an image, video or GIF), archived from the job's output the moment it completed. */
export const outputs = pgTable(
  "outputs",
  {
    id: text("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    /** Position in the job's output, so a job's outputs keep their order. */
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    /** A safe display/download file name (no path parts). */
    filename: text("filename").notNull(),
    sha256: text("sha256")
      .notNull()
      .references(() => outputBlobs.sha256),
    /** Where the bytes came from: `base64` or the URL's host (never the presigned query). */
    source: text("source").notNull(),
    endpointId: text("endpoint_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("outputs_job_position_idx").on(table.jobId, table.position),
    index("outputs_created_id_idx").on(table.createdAt, table.id),
    index("outputs_endpoint_created_idx").on(table.endpointId, table.createdAt),
  ],
);

/** A person's favourite outputs. */
export const outputFavourites = pgTable(
  "output_favourites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    outputId: text("output_id")
      .notNull()
      .references(() => outputs.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.outputId] })],
);

/** Single-use invite links: only the token's sha256 is stored; the link is shown once to the admin who made it. */
export const invites = pgTable("invites", {
  id: text("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  role: userRole("role").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  usedBy: text("used_by").references(() => users.id, { onDelete: "set null" }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who did what: one row per mutation, written by the action after it ran (also when it failed). `before`/`after`
 * hold the change with secrets already redacted; actor name/email are copied so the log survives removing a member.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    result: text("result").notNull(),
    errorMessage: text("error_message"),
    /** The console token the change was made with (its name at the time); null for the browser. */
    tokenName: text("token_name"),
  },
  (table) => [
    index("audit_log_at_idx").on(table.at),
    index("audit_log_actor_idx").on(table.actorId, table.at),
    index("audit_log_action_idx").on(table.action, table.at),
  ],
);

/** Fixed-window counters for sign-in attempts (per address and per account). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
});

/**
 * Console API tokens, kept by better-auth's API-key plugin (property names are its model's): only a hash of the key
 * (`key`), its first characters (`start`) for the list, the owner (`referenceId`, a user: removing the member removes
 * their tokens), and `metadata` holding the token's role (JSON `{"role": …}`), which the owner's current role caps.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    configId: text("config_id").notNull().default("default"),
    name: text("name"),
    start: text("start"),
    prefix: text("prefix"),
    key: text("key").notNull(),
    referenceId: text("reference_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    refillInterval: integer("refill_interval"),
    refillAmount: integer("refill_amount"),
    lastRefillAt: timestamp("last_refill_at", { withTimezone: true }),
    enabled: boolean("enabled").default(true),
    rateLimitEnabled: boolean("rate_limit_enabled").default(false),
    rateLimitTimeWindow: integer("rate_limit_time_window"),
    rateLimitMax: integer("rate_limit_max"),
    requestCount: integer("request_count").default(0),
    remaining: integer("remaining"),
    lastRequest: timestamp("last_request", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    permissions: text("permissions"),
    metadata: text("metadata"),
    ...timestamps,
  },
  (table) => [uniqueIndex("api_tokens_key_idx").on(table.key), index("api_tokens_reference_idx").on(table.referenceId)],
);

/** Each member's webhook signing secret (`whsec_…`), sealed with CONSOLE_SECRET (lib/custody/cipher.ts). */
export const webhookSecrets = pgTable("webhook_secrets", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text("secret_ciphertext").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every webhook delivery attempt of a job: its HTTP status or why it failed, and how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: serial("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (table) => [uniqueIndex("webhook_attempts_job_attempt_idx").on(table.jobId, table.attempt)],
);

/**
 * Cluster-wide leases (lib/cluster/lease.ts): the replica holding `name` until `until` does that work (health
 * sampling, compaction); another replica takes it over once it has lapsed. Also short-lived flags such as a Novita
 * 429 pause, which every replica honours.
 */
export const clusterLeases = pgTable("cluster_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  until: timestamp("until", { withTimezone: true }).notNull(),
});

/**
 * The live event stream (lib/tracker/bus.ts): ids come from the database, so every replica and every reconnecting
 * browser agrees on them; NOTIFY carries only the id, readers fetch the rows. Old rows are pruned.
 */
export const liveEvents = pgTable("live_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  payload: jsonb("payload").notNull(),
});
