import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { storedHealthHistory } from "@/lib/endpoints/health-store";

export const dynamic = "force-dynamic";

/**
 * Stored health samples of an endpoint (raw for a day, 5-minute averages for 30 days): `?hours=` (1–720, default 24).
 */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>("viewer", async (request, { params }) => {
  const { id } = await params;
  const hours = Math.min(720, Math.max(1, Number(new URL(request.url).searchParams.get("hours")) || 24));
  const samples = await storedHealthHistory(await getDb(), id, new Date(Date.now() - hours * 60 * 60 * 1000));
  return Response.json({ samples }, { headers: { "cache-control": "no-store" } });
});
