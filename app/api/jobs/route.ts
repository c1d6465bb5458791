import { parseQuery } from "@/lib/api/query";
import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { countJobsByGroup, listJobs } from "@/lib/jobs/ledger";
import { decodeCursor, encodeCursor, jobListQuerySchema, toJobFilters } from "@/lib/jobs/query";
import { toJobSummary } from "@/lib/jobs/summary";

export const dynamic = "force-dynamic";

/** A page of the ledger, newest first, with counts per status tab under the same filters. */
export const GET = guardRoute("viewer", async (request) => {
  const parsed = parseQuery(jobListQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) return parsed.response;
  const query = parsed.data;
  const filters = toJobFilters(query);
  const db = await getDb();
  const [page, counts] = await Promise.all([
    listJobs(db, { ...filters, group: query.group }, { cursor: decodeCursor(query.after), limit: query.limit }),
    countJobsByGroup(db, filters),
  ]);
  return Response.json(
    { jobs: page.jobs.map(toJobSummary), next: page.nextCursor ? encodeCursor(page.nextCursor) : null, counts },
    { headers: { "cache-control": "no-store" } },
  );
});
