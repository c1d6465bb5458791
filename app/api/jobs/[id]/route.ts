import { guardRoute } from "@/lib/auth/guard";
import { loadJobDetails } from "@/lib/jobs/details";
import { JobNotFound } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

/** One job with its input, output, timeline and — when it has waited long — why it is stuck. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  const details = await loadJobDetails(id);
  if (!details) throw new JobNotFound(id);
  return Response.json(details, { headers: { "cache-control": "no-store" } });
});
