/**
 * The job ledger in the database: rows written before Novita is called, status changes recorded with their time,
 * keyset-paginated browsing with search inside the input. Pure database code (no Novita calls).
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobCounts, jobEvents, jobs } from "@/lib/db/schema";
import type { Job } from "@/lib/novita/types";
import type { AcceptedWebhook } from "@/lib/webhooks/accept";
import { inputSearchText, searchWordsQuery } from "./search-text";
import {
  EXPIRED,
  isSettled,
  JOB_STATUS_GROUPS,
  STATUSES_OF_GROUP,
  SUBMITTING,
  UNKNOWN_OUTCOME,
  type JobStatusGroup,
} from "./status";

export type JobRow = typeof jobs.$inferSelect;
export type JobEventRow = typeof jobEvents.$inferSelect;

/** How soon to ask Novita again about a running job: often while it moves, less and less while it sits still. */
export function nextPollDelayMs(lastChangedAt: Date, now: Date): number {
  const quietMs = now.getTime() - lastChangedAt.getTime();
  if (quietMs < 15_000) return 1_000;
  if (quietMs < 60_000) return 3_000;
  if (quietMs < 5 * 60_000) return 6_000;
  return 10_000;
}

/** Novita's statuses of a job that waits for a worker (polled rarely, lib/tracker/poll-policy.ts) or runs. */
export const WAITING_STATUSES = STATUSES_OF_GROUP.queued.filter((status) => status !== SUBMITTING);
export const RUNNING_STATUSES = STATUSES_OF_GROUP.running;

async function addEvent(db: Database, jobId: string, status: string, at: Date, detail?: string) {
  await db.insert(jobEvents).values({ jobId, status, at, detail: detail ?? null });
}

/** Step one of sending: the row exists before the upstream call, so no job can go missing. */
export async function recordSubmission(
  db: Database,
  input: {
    endpointId: string;
    routeName: string;
    input: unknown;
    userId: string | null;
    resubmittedFrom?: string;
    webhook?: AcceptedWebhook;
  },
): Promise<JobRow> {
  const now = new Date();
  const [row] = await db
    .insert(jobs)
    .values({
      id: randomUUID(),
      endpointId: input.endpointId,
      routeName: input.routeName,
      status: SUBMITTING,
      input: input.input as object,
      searchText: inputSearchText(input.input),
      submittedBy: input.userId,
      resubmittedFrom: input.resubmittedFrom ?? null,
      submittedAt: now,
      lastChangedAt: now,
      ...(input.webhook
        ? { webhookUrl: input.webhook.url, webhookOwner: input.webhook.ownerId, webhookState: "pending" }
        : {}),
    })
    .returning();
  await addEvent(db, row!.id, SUBMITTING, now);
  return row!;
}

/** Novita accepted the job: from now on the tracker follows it. */
export async function markAccepted(db: Database, id: string, accepted: Job): Promise<JobRow> {
  const now = new Date();
  const [row] = await db
    .update(jobs)
    .set({
      novitaJobId: accepted.id,
      status: accepted.status,
      lastChangedAt: now,
      nextPollAt: new Date(now.getTime() + 1_000),
      // Also when its send had been given up as abandoned meanwhile: the answer is the truth.
      finished: false,
      finishedAt: null,
      error: null,
      sendState: null,
      sendLeaseUntil: null,
    })
    .where(eq(jobs.id, id))
    .returning();
  await addEvent(db, id, accepted.status, now);
  return row!;
}

/** The run call failed: refused (nothing queued) or with an unknown outcome (maybe queued — never resent). */
export async function markRunFailed(
  db: Database,
  id: string,
  failure: { outcomeUnknown: boolean; message: string },
): Promise<JobRow> {
  const now = new Date();
  const status = failure.outcomeUnknown ? UNKNOWN_OUTCOME : "FAILED";
  const [row] = await db
    .update(jobs)
    .set({
      status,
      finished: true,
      error: failure.message,
      finishedAt: now,
      lastChangedAt: now,
      nextPollAt: null,
      sendState: null,
      sendLeaseUntil: null,
    })
    .where(eq(jobs.id, id))
    .returning();
  await addEvent(db, id, status, now, failure.message);
  return row!;
}

/**
 * Records what Novita says now; returns the updated row when something changed, else undefined. `delayMs` says
 * when to ask again while nothing changes (the tracker's policy; by default the running job's adaptive interval).
 * The write is conditional on the row being as it was read, so when two replicas happen to poll the same job the
 * second answer is not recorded twice (it returns undefined).
 */
export async function applyUpstreamStatus(
  db: Database,
  row: JobRow,
  upstream: Job,
  now = new Date(),
  delayMs = nextPollDelayMs(row.lastChangedAt, now),
): Promise<JobRow | undefined> {
  const changed =
    upstream.status !== row.status ||
    (upstream.delayTimeMs ?? null) !== row.delayTimeMs ||
    (upstream.finished && (upstream.executionTimeMs ?? null) !== row.executionTimeMs);
  const settled = isSettled(upstream.status);
  const unchangedSinceRead = and(
    eq(jobs.id, row.id),
    eq(jobs.status, row.status),
    eq(jobs.finished, false),
    // To the millisecond: a row read back carries milliseconds, Postgres may hold microseconds (a default now()).
    sql`date_trunc('milliseconds', ${jobs.lastChangedAt}) = ${row.lastChangedAt.toISOString()}::timestamptz`,
  );
  if (!changed) {
    await db
      .update(jobs)
      .set({ nextPollAt: new Date(now.getTime() + delayMs) })
      .where(unchangedSinceRead);
    return undefined;
  }
  const started =
    upstream.delayTimeMs !== undefined ? new Date(row.submittedAt.getTime() + upstream.delayTimeMs) : row.startedAt;
  const [updated] = await db
    .update(jobs)
    .set({
      status: upstream.status,
      finished: settled,
      output: upstream.output === undefined ? row.output : (upstream.output as object),
      error: upstream.error ?? row.error,
      delayTimeMs: upstream.delayTimeMs ?? row.delayTimeMs,
      executionTimeMs: upstream.executionTimeMs ?? row.executionTimeMs,
      startedAt: started,
      finishedAt: settled ? now : null,
      lastChangedAt: now,
      nextPollAt: settled ? null : new Date(now.getTime() + 1_000),
      // A completed job joins the durable archive queue in the same write (lib/outputs/archive.ts claims it).
      ...(upstream.status === "COMPLETED" && row.status !== "COMPLETED"
        ? { archiveState: "pending", archiveNextAt: null }
        : {}),
    })
    .where(unchangedSinceRead)
    .returning();
  if (!updated) return undefined;
  if (upstream.status !== row.status) await addEvent(db, row.id, upstream.status, now, upstream.error);
  return updated;
}

export async function markExpired(db: Database, row: JobRow): Promise<JobRow> {
  const now = new Date();
  const message =
    "Novita no longer knows this job: it was not finished when its record expired (Novita keeps jobs 6 hours).";
  const [updated] = await db
    .update(jobs)
    .set({
      status: EXPIRED,
      finished: true,
      error: row.error ?? message,
      finishedAt: now,
      lastChangedAt: now,
      nextPollAt: null,
    })
    .where(eq(jobs.id, row.id))
    .returning();
  await addEvent(db, row.id, EXPIRED, now, message);
  return updated!;
}

/**
 * Claims the jobs due for a status call, oldest due first, for this replica alone: their `next_poll_at` moves to
 * `now + leaseMs` in the same statement (rows another replica is claiming are skipped), so each job is asked about
 * by one replica per interval; if that replica dies, the job is due again when the lease ends.
 */
export async function claimDueJobs(db: Database, now: Date, limit: number, leaseMs: number): Promise<JobRow[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.finished, false), isNotNull(jobs.novitaJobId), lte(jobs.nextPollAt, now)))
    .orderBy(asc(jobs.nextPollAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(jobs)
    .set({ nextPollAt: new Date(now.getTime() + leaseMs) })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

/**
 * Makes the `count` oldest queued jobs of an endpoint due now (a worker probably took them: ask at once), leaving
 * out those asked about (or claimed) within the last second, so no job is asked twice within one interval.
 */
export async function wakeOldestQueued(db: Database, endpointId: string, count: number, now: Date): Promise<number> {
  if (count <= 0) return 0;
  const oneSecondAgo = new Date(now.getTime() - 1_000).toISOString();
  const oldest = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.finished, false),
        eq(jobs.endpointId, endpointId),
        inArray(jobs.status, WAITING_STATUSES),
        isNotNull(jobs.novitaJobId),
        // Every poll and claim writes `updated_at`, so this is "not asked within the last second".
        sql`${jobs.updatedAt} <= ${oneSecondAgo}::timestamptz`,
        sql`${jobs.nextPollAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(jobs.submittedAt))
    .limit(count);
  const woken = await db
    .update(jobs)
    .set({ nextPollAt: now })
    .where(inArray(jobs.id, oldest))
    .returning({ id: jobs.id });
  return woken.length;
}

/** An endpoint with jobs in flight: the route name to ask its health by, and its queued and running jobs. */
export interface EndpointInFlight {
  endpointId: string;
  routeName: string;
  queued: number;
  running: number;
}

/** The endpoints that have jobs in flight; the counts come from `job_counts` (kept by triggers, no row counting). */
export async function endpointsInFlight(db: Database): Promise<EndpointInFlight[]> {
  const [routes, counts] = await Promise.all([
    db
      .selectDistinctOn([jobs.endpointId], { endpointId: jobs.endpointId, routeName: jobs.routeName })
      .from(jobs)
      .where(eq(jobs.finished, false)),
    db
      .select({ endpointId: jobCounts.endpointId, status: jobCounts.status, jobs: jobCounts.jobs })
      .from(jobCounts)
      .where(inArray(jobCounts.status, [...WAITING_STATUSES, ...RUNNING_STATUSES])),
  ]);
  const countOf = (endpointId: string, statuses: string[]) =>
    counts
      .filter((row) => row.endpointId === endpointId && statuses.includes(row.status))
      .reduce((sum, row) => sum + row.jobs, 0);
  return routes.map((route) => ({
    ...route,
    queued: countOf(route.endpointId, WAITING_STATUSES),
    running: countOf(route.endpointId, RUNNING_STATUSES),
  }));
}

// ——— browsing ———

export interface JobFilters {
  group?: JobStatusGroup;
  endpointId?: string;
  submittedBy?: string;
  from?: Date;
  to?: Date;
  /** A job id (ours or Novita's), or text inside the input (a prompt, say). */
  search?: string;
}

export interface JobCursor {
  submittedAt: string;
  id: string;
}

export function groupCondition(group: JobStatusGroup): SQL {
  if (group !== "unknown") return inArray(jobs.status, STATUSES_OF_GROUP[group]);
  const known = JOB_STATUS_GROUPS.filter((candidate) => candidate !== "unknown").flatMap(
    (candidate) => STATUSES_OF_GROUP[candidate as Exclude<JobStatusGroup, "unknown">],
  );
  return sql`${jobs.status} not in (${sql.join(
    known.map((status) => sql`${status}`),
    sql`, `,
  )})`;
}

/** The filters but the word search (see `searchCondition`). */
export function filterConditions(filters: Omit<JobFilters, "search">): SQL[] {
  const conditions: SQL[] = [];
  if (filters.endpointId) conditions.push(eq(jobs.endpointId, filters.endpointId));
  if (filters.submittedBy) conditions.push(eq(jobs.submittedBy, filters.submittedBy));
  if (filters.from) conditions.push(sql`${jobs.submittedAt} >= ${filters.from}`);
  if (filters.to) conditions.push(sql`${jobs.submittedAt} < ${filters.to}`);
  return conditions;
}

/** A job id (ours or Novita's) or words of the input; undefined for an empty search. */
export function searchCondition(search: string | undefined): SQL | undefined {
  const text = search?.trim();
  return text ? or(eq(jobs.id, text), eq(jobs.novitaJobId, text), inputTextCondition(text)) : undefined;
}

/**
 * "Text inside the input": every word of the query must begin a word of the input (any order), answered from the
 * full-text index on `search_text` (bench/ledger.ts: a full scan of 100k inputs was over the 100 ms target). A query
 * with no letters or digits falls back to a substring scan.
 */
export function inputTextCondition(search: string): SQL {
  const query = searchWordsQuery(search);
  if (query) return sql`${jobs.searchVector} @@ to_tsquery('simple', ${query})`;
  return like(jobs.searchText, `%${search.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
}

/**
 * How many of the newest rows a word search reads newest first before it asks the full-text index instead: enough
 * for a page of a word in 1 of 200 jobs (fewer matches than 5,000 per million the index sorts quickly); a word that
 * is not there costs the whole walk (20,000 rows took 15–27 ms at 1M, the index answers such a word in 0.1 ms).
 */
export const SEARCH_WINDOW = 10_000;

/** The walk's first look: a word not among these rows goes straight to the index (a rare word's usual case). */
export const SEARCH_FIRST_WINDOW = 1_000;

/**
 * The newest `SEARCH_WINDOW` rows under `windowConditions` (the filters and the cursor), newest first, as a derived
 * table named `jobs` with what a list row and a word search read, so that conditions written on the table's columns
 * read these rows. A condition on a derived table with a limit is not moved into it: the planner walks an index by
 * time and tests rows as they come until the page is full, never asking the full-text index (which has no order).
 * The status tab is tested on the window, not in it: no index yields a tab's statuses newest first, and finding
 * where the tab's 20,000th newest row lay walked 160,000 rows for "failed" at 1M jobs (bench/ledger.ts).
 */
function newestWindow(db: Database, windowConditions: SQL[], size = SEARCH_WINDOW) {
  return db
    .select({ ...summaryColumns, output: jobs.output, searchVector: jobs.searchVector, searchText: jobs.searchText })
    .from(jobs)
    .where(windowConditions.length ? and(...windowConditions) : undefined)
    .orderBy(desc(jobs.submittedAt), desc(jobs.id))
    .limit(size)
    .as("jobs");
}

/**
 * What a list row needs (lib/jobs/summary.ts): the summary columns, never `input` or `output` (up to 4 MiB each;
 * the detail route reads them). `output is not null` reads the null bitmap only, not the value.
 */
const summaryColumns = {
  id: jobs.id,
  novitaJobId: jobs.novitaJobId,
  endpointId: jobs.endpointId,
  routeName: jobs.routeName,
  status: jobs.status,
  finished: jobs.finished,
  error: jobs.error,
  submittedBy: jobs.submittedBy,
  resubmittedFrom: jobs.resubmittedFrom,
  submittedAt: jobs.submittedAt,
  startedAt: jobs.startedAt,
  finishedAt: jobs.finishedAt,
  delayTimeMs: jobs.delayTimeMs,
  executionTimeMs: jobs.executionTimeMs,
};
export const jobListColumns = {
  ...summaryColumns,
  hasOutput: sql<boolean>`${jobs.output} is not null`.mapWith(Boolean),
};
export type JobListRow = Pick<JobRow, Exclude<keyof typeof jobListColumns, "hasOutput">> & { hasOutput: boolean };

/**
 * One page, newest first, after `cursor` (keyset: stable while new jobs arrive). A word search first walks the
 * newest rows (common words fill the page there: 1,000, then 10,000 when the first held some matches); when they
 * hold less than a page, it asks the full-text index (rare words: few matches), sorting those by time.
 */
export async function listJobs(
  db: Database,
  filters: JobFilters,
  options: { cursor?: JobCursor; limit: number },
): Promise<{ jobs: JobListRow[]; nextCursor: JobCursor | undefined }> {
  const windowConditions = filterConditions(filters);
  if (options.cursor) {
    const at = new Date(options.cursor.submittedAt);
    windowConditions.push(or(lt(jobs.submittedAt, at), and(eq(jobs.submittedAt, at), lt(jobs.id, options.cursor.id)))!);
  }
  const conditions = filters.group ? [...windowConditions, groupCondition(filters.group)] : windowConditions;
  const page = (
    where: SQL[],
    newest: SQL = desc(jobs.submittedAt),
    from: typeof jobs | ReturnType<typeof newestWindow> = jobs,
  ) =>
    db
      .select(jobListColumns)
      .from(from)
      .where(where.length ? and(...where) : undefined)
      .orderBy(newest, desc(jobs.id))
      .limit(options.limit + 1);
  const match = searchCondition(filters.search);
  const tab = filters.group ? [groupCondition(filters.group)] : [];
  if (!match) return pageOf(await page(conditions), options.limit);
  const walk = (size: number) => page([...tab, match], undefined, newestWindow(db, windowConditions, size));
  let rows = await walk(SEARCH_FIRST_WINDOW);
  // Some matches but not a page: the words are not rare, a longer walk may fill it.
  if (rows.length > 0 && rows.length <= options.limit) rows = await walk(SEARCH_WINDOW);
  // `+ interval '0'` orders the same but is no index order: the planner takes the matches from the GIN index.
  if (rows.length <= options.limit)
    rows = await page([...conditions, match], sql`${jobs.submittedAt} + interval '0 seconds' desc`);
  return pageOf(rows, options.limit);
}

/** `limit + 1` rows read: a page of `limit`, and where the next one starts when there was one more. */
function pageOf(rows: JobListRow[], limit: number): { jobs: JobListRow[]; nextCursor: JobCursor | undefined } {
  const last = rows.at(limit - 1);
  const nextCursor: JobCursor | undefined =
    rows.length > limit && last ? { submittedAt: last.submittedAt.toISOString(), id: last.id } : undefined;
  return { jobs: rows.slice(0, limit), nextCursor };
}

export async function getJobWithEvents(
  db: Database,
  id: string,
): Promise<{ job: JobRow; events: JobEventRow[] } | undefined> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) return undefined;
  const events = await db
    .select()
    .from(jobEvents)
    .where(eq(jobEvents.jobId, id))
    .orderBy(asc(jobEvents.at), asc(jobEvents.id));
  return { job, events };
}
