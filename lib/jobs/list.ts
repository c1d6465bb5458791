/** A page of the ledger as the Jobs page, `/api/jobs` and `/api/v1/jobs` answer it: one reading for all three. */
import type { Database } from "@/lib/db/client";
import { countJobsByGroup } from "./counts";
import { listJobs } from "./ledger";
import { decodeCursor, encodeCursor, toJobFilters, type JobListQuery } from "./query";
import { listRowSummary } from "./summary";
import { toWireTabCounts } from "./tab-counts";

/** Newest first under the query's filters and word search, with the counts per status tab under the
 * same filters (`countsAtLeast`: the tabs whose count stopped at its bound). */
export async function loadJobPage(db: Database, query: JobListQuery) {
  const filters = toJobFilters(query);
  const [page, counts] = await Promise.all([
    listJobs(db, { ...filters, group: query.group }, { cursor: decodeCursor(query.after), limit: query.limit }),
    countJobsByGroup(db, filters),
  ]);
  return {
    jobs: page.jobs.map(listRowSummary),
    next: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    ...toWireTabCounts(counts),
  };
}
