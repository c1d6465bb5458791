import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { serveOutput } from "@/lib/outputs/serve";
import { getOutputStore } from "@/lib/outputs/process";

export const dynamic = "force-dynamic";

/** The archived original (`?download=1`: as an attachment). Signed-in only; never a public URL. */
export const GET = guardRoute("viewer", async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return serveOutput(await getDb(), getOutputStore(), id, request);
});
