/**
 * The tab counts of the Jobs page in constant time (see docs/decisions.md, "A ledger that stays fast"): read from
 * `job_counts`, which triggers on `jobs` keep (migration 0009), when the filters are none or the endpoint alone;
 * otherwise counted up to a bound (10,000; 1,000 under a word search) and reported as "at least" past it.
 */
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobCounts, jobs } from "@/lib/db/schema";
import { filterConditions, searchCondition, type JobFilters } from "./ledger";
import { jobStatusGroup } from "./status";
import { JOB_TABS, type JobTabCounts } from "./tab-counts";

/** Where a filtered count stops: past it the tab says "10,000+". */
export const TAB_COUNT_BOUND = 10_000;

/**
 * Where a count under a word search stops ("1,000+"): reading 10,001 matches of a common word checked 60,000 inputs
 * at 1M jobs (40 ms on an idle 2-core machine, over 100 ms beside other work); 1,001 check a tenth of that.
 */
export const SEARCH_COUNT_BOUND = 1_000;

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
    : boundedCounts(db, filters, options.bound ?? (filters.search?.trim() ? SEARCH_COUNT_BOUND : TAB_COUNT_BOUND));
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
 * stays within the bound, otherwise every tab "at least" what that read saw. A word search reads either the newest
 * rows (when its words are common among them: `bound + 1` matches come soon) or the full-text index (rare words).
 */
async function boundedCounts(db: Database, filters: JobFilters, bound: number): Promise<JobTabCounts> {
  const conditions = filterConditions(filters);
  const match = searchCondition(filters.search);
  if (match) {
    const rows = await rowsToWalk(db, conditions, match, bound);
    if (rows !== undefined) {
      const walked = await countRead(db, newestRows(db, conditions, rows), match, bound);
      // Fewer matches than the bound among those rows: older rows may hold more, which the index counts.
      if (walked.all.more) return walked;
    }
    conditions.push(match);
  }
  return countRead(db, jobs, conditions.length ? and(...conditions) : undefined, bound);
}

/**
 * The newest `rows` rows under `conditions`, as a derived table named `jobs` with what a word search reads, so that
 * a condition written on the table's columns reads these rows. A condition on a derived table with a limit is not
 * moved into it, so the planner walks a time index and tests the rows as they come (it cannot use the full-text
 * index), and it costs `rows` rows: a plain filter of `jobs` instead is costed as a read of the whole table (the
 * planner guesses prefix queries far too rare), past `jit_above_cost` and in parallel — 250 ms at 1M jobs where the
 * read itself takes 40 ms.
 */
function newestRows(db: Database, conditions: SQL[], rows: number) {
  return db
    .select({
      id: jobs.id,
      novitaJobId: jobs.novitaJobId,
      status: jobs.status,
      searchVector: jobs.searchVector,
      searchText: jobs.searchText,
    })
    .from(jobs)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(jobs.submittedAt))
    .limit(rows)
    .as("jobs");
}

/** Up to `bound + 1` rows of `from` under `where`, counted per status and tab (`more` past the bound). */
async function countRead(
  db: Database,
  from: typeof jobs | ReturnType<typeof newestRows>,
  where: SQL | undefined,
  bound: number,
): Promise<JobTabCounts> {
  const read = db
    .select({ status: sql<string>`status`.as("status") })
    .from(from)
    .where(where)
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

/** How many of the newest rows under the filters tell how common the search's words are (below). */
export const SHARE_SAMPLE = 2_000;

/**
 * How many of the newest rows to read for `bound + 1` matches (twice what `share` says), or undefined when the index
 * reads less. Reading newest first stops after about `bound / share` rows; the index reads `share × total` matches.
 * `share` is how many of the newest `SHARE_SAMPLE` rows match, counted in the same statement as the ledger's size.
 * The choice turns near a share of `sqrt(bound / total)` (3% for 1,000 at 1M jobs), which 2,000 rows tell well
 * enough; reading the 20,000 rows it read before took 15–30 ms of the 100 ms at 1M.
 */
async function rowsToWalk(db: Database, conditions: SQL[], match: SQL, bound: number): Promise<number | undefined> {
  const [sample] = await db
    .select({
      rows: count(),
      matches: sql<number>`count(*) filter (where ${match})`.mapWith(Number),
      total: sql<number>`(select coalesce(sum(${jobCounts.jobs}), 0) from ${jobCounts})`.mapWith(Number),
    })
    .from(newestRows(db, conditions, SHARE_SAMPLE));
  if (!sample?.matches) return undefined;
  const share = sample.matches / sample.rows;
  return (bound + 1) / share < share * sample.total ? Math.ceil((2 * (bound + 1)) / share) : undefined;
}

function emptyCounts(): JobTabCounts {
  return Object.fromEntries(JOB_TABS.map((tab) => [tab, { count: 0, more: false }])) as JobTabCounts;
}
