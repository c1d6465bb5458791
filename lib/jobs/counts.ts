/**
 * The tab counts of the Jobs page in constant time (see docs/decisions.md, "A ledger that stays fast"): read from
 * `job_counts`, which triggers on `jobs` keep (migration 0009), when the filters are none or the endpoint alone;
 * otherwise counted up to a bound (10,000) and reported as "at least" past it.
 */
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobCounts, jobs } from "@/lib/db/schema";
import { filterConditions, SEARCH_WINDOW, searchCondition, type JobFilters } from "./ledger";
import { jobStatusGroup } from "./status";
import { JOB_TABS, type JobTabCounts } from "./tab-counts";

/** Where a filtered count stops: past it the tab says "10,000+". */
export const TAB_COUNT_BOUND = 10_000;

/** Counts per status tab, under the same filters (but the tab itself). */
export async function countJobsByGroup(
  db: Database,
  filters: Omit<JobFilters, "group">,
  options: { bound?: number } = {},
): Promise<JobTabCounts> {
  const { endpointId, ...others } = filters;
  const onlyEndpoint = Object.values(others).every((value) => value === undefined || value === "");
  return onlyEndpoint
    ? countFromCounters(db, endpointId)
    : boundedCounts(db, filters, options.bound ?? TAB_COUNT_BOUND);
}

/** Exact, from the counters: one row per (endpoint, status), summed per status. */
async function countFromCounters(db: Database, endpointId: string | undefined): Promise<JobTabCounts> {
  const rows = await db
    .select({ status: jobCounts.status, value: sql<number>`sum(${jobCounts.jobs})`.mapWith(Number) })
    .from(jobCounts)
    .where(endpointId ? eq(jobCounts.endpointId, endpointId) : undefined)
    .groupBy(jobCounts.status);
  const counts = emptyCounts();
  for (const row of rows) {
    counts.all.count += row.value;
    counts[jobStatusGroup(row.status)].count += row.value;
  }
  return counts;
}

/**
 * The filtered jobs counted up to `bound` in one read of at most `bound + 1` rows, per status: exact while the total
 * stays within the bound, otherwise every tab "at least" what that read saw. A word search reads either newest
 * first (`is true`: not from the index) or from the full-text index, whichever reads fewer rows for how common its
 * words are among the newest jobs.
 */
async function boundedCounts(db: Database, filters: JobFilters, bound: number): Promise<JobTabCounts> {
  const conditions = filterConditions(filters);
  const match = searchCondition(filters.search);
  if (match) conditions.push((await walkReadsLess(db, conditions, match, bound)) ? sql`(${match}) is true` : match);
  const read = db
    .select({ status: jobs.status })
    .from(jobs)
    .where(conditions.length ? and(...conditions) : undefined)
    .limit(bound + 1)
    .as("bounded");
  const rows = await db
    .select({ status: read.status, value: sql<number>`count(*)`.mapWith(Number) })
    .from(read)
    .groupBy(read.status);
  const counts = emptyCounts();
  for (const row of rows) {
    counts.all.count += row.value;
    counts[jobStatusGroup(row.status)].count += row.value;
  }
  const more = counts.all.count > bound;
  for (const tab of JOB_TABS) {
    counts[tab].count = Math.min(counts[tab].count, bound);
    counts[tab].more = more;
  }
  return counts;
}

/**
 * Reading newest first stops after about `bound / share` rows; the index reads `share × total` matches. `share`
 * is how many of the newest `SEARCH_WINDOW` rows match: counted in a derived table named `jobs`, so that `match`
 * (written on the table's columns) reads the window's, and the planner walks the time index for it.
 */
async function walkReadsLess(db: Database, conditions: SQL[], match: SQL, bound: number): Promise<boolean> {
  const total = (await countFromCounters(db, undefined)).all.count;
  const window = db
    .select({
      id: jobs.id,
      novitaJobId: jobs.novitaJobId,
      searchVector: jobs.searchVector,
      searchText: jobs.searchText,
    })
    .from(jobs)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(jobs.submittedAt), desc(jobs.id))
    .limit(SEARCH_WINDOW)
    .as("jobs");
  const [sample] = await db.select({ value: count() }).from(window).where(match);
  const share = (sample?.value ?? 0) / Math.max(1, Math.min(SEARCH_WINDOW, total));
  return share > 0 && (bound + 1) / share < share * total;
}

function emptyCounts(): JobTabCounts {
  return Object.fromEntries(JOB_TABS.map((tab) => [tab, { count: 0, more: false }])) as JobTabCounts;
}
