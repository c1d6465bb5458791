import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listOutputs, toOutputFilters } from "@/lib/outputs/gallery";
import { outputListQuerySchema } from "@/lib/outputs/query";

export const dynamic = "force-dynamic";

/** A page of archived outputs for the gallery (newest first), under its filters. */
export const GET = guardRoute("viewer", async (request, _context, user) => {
  const parsed = outputListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json({ error: { code: "invalid", message: `${issue.path.join(".")}: ${issue.message}` } }, { status: 400 });
  }
  const page = await listOutputs(await getDb(), toOutputFilters(parsed.data), { userId: user.id, after: parsed.data.after, limit: parsed.data.limit });
  return Response.json(page, { headers: { "cache-control": "no-store" } });
});
