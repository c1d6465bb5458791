import { guardRoute } from "@/lib/auth/guard";
import { sharedEndpointViews } from "@/lib/endpoints/shared-views";

export const dynamic = "force-dynamic";

/** Every endpoint with its health; a failed Novita call is guardRoute's 502 (404 for not found). */
export const GET = guardRoute("viewer", async () =>
  Response.json({ endpoints: await sharedEndpointViews() }, { headers: { "cache-control": "no-store" } }),
);
