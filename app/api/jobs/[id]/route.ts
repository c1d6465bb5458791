import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getJobWithEvents } from "@/lib/jobs/ledger";
import { toJobSummary } from "@/lib/jobs/summary";

export const dynamic = "force-dynamic";

/** One job with its input, output and timeline. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  const found = await getJobWithEvents(await getDb(), id);
  if (!found) return Response.json({ error: { code: "not_found", message: `No job ${id} in the ledger.` } }, { status: 404 });
  return Response.json(
    {
      job: { ...toJobSummary(found.job), input: found.job.input, output: found.job.output },
      events: found.events.map((event) => ({ status: event.status, at: event.at.toISOString(), detail: event.detail })),
    },
    { headers: { "cache-control": "no-store" } },
  );
});
