import { guardRoute } from "@/lib/auth/guard";
import { currentReachability } from "@/lib/novita/process";

export const dynamic = "force-dynamic";

/** Whether the console's recent calls to Novita failed (the header's "Novita unreachable since …"). */
export const GET = guardRoute("viewer", async () =>
  Response.json(await currentReachability(), { headers: { "cache-control": "no-store" } }),
);
