import { parseQuery } from "@/lib/api/query";
import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { loadJobPage } from "@/lib/jobs/list";
import { jobListQuerySchema } from "@/lib/jobs/query";

export const dynamic = "force-dynamic";

/** A page of the ledger, newest first, with counts per status tab under the same filters. */
export const GET = guardRoute("viewer", async (request) => {
  const parsed = parseQuery(jobListQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) return parsed.response;
  return Response.json(await loadJobPage(await getDb(), parsed.data), { headers: { "cache-control": "no-store" } });
});
