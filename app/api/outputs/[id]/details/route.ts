import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { loadOutputDetails } from "@/lib/outputs/gallery";

export const dynamic = "force-dynamic";

/** Prompt, seed and job facts for the lightbox's metadata panel. */
export const GET = guardRoute("viewer", async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const details = await loadOutputDetails(await getDb(), id);
  if (!details) throw new ConsoleError("not_found", "No such output.");
  return Response.json(details, { headers: { "cache-control": "no-store" } });
});
