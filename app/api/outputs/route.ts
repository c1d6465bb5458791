import { parseQuery } from "@/lib/api/query";
import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { loadOutputPage } from "@/lib/outputs/gallery";
import { outputListQuerySchema } from "@/lib/outputs/query";

export const dynamic = "force-dynamic";

/** A page of archived outputs for the gallery (newest first), under its filters. */
export const GET = guardRoute("viewer", async (request, _context, user) => {
  const parsed = parseQuery(outputListQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) return parsed.response;
  const page = await loadOutputPage(await getDb(), parsed.data, user.id);
  return Response.json(page, { headers: { "cache-control": "no-store" } });
});
