import { guardRoute } from "@/lib/auth/guard";
import { withNovitaErrors } from "@/lib/endpoints/route-errors";
import { listEndpointViews } from "@/lib/endpoints/service";

export const dynamic = "force-dynamic";

export const GET = guardRoute("viewer", () =>
  withNovitaErrors(async () => Response.json({ endpoints: await listEndpointViews() }, { headers: { "cache-control": "no-store" } })),
);
