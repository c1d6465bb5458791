import { guardRoute } from "@/lib/auth/guard";
import { loadEndpointOptions } from "@/lib/endpoints/service";

export const dynamic = "force-dynamic";

/** Limits, GPU products, registry credentials (never passwords) and network storages for the endpoint forms. */
export const GET = guardRoute("viewer", async () =>
  Response.json(await loadEndpointOptions(), { headers: { "cache-control": "no-store" } }),
);
