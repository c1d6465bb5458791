import { guardRoute } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

/** The signed-in user, for the browser's React Query cache. */
export const GET = guardRoute("viewer", async (_request, _context, user) =>
  Response.json({ user }, { headers: { "cache-control": "no-store" } }),
);
