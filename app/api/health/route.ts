import { getDatabase, pingDatabase } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** For load balancers and the container HEALTHCHECK: open to all, reveals nothing but up/down. */
export async function GET() {
  try {
    const database = await getDatabase();
    await pingDatabase(database.db);
    return Response.json({ status: "ok", db: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json(
      { status: "error", db: "unavailable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
