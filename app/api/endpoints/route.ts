import { guardRoute } from "@/lib/auth/guard";
import { withNovitaErrors } from "@/lib/endpoints/route-errors";
import { sharedEndpointViews } from "@/lib/endpoints/shared-views";

export const dynamic = "force-dynamic";

export const GET = guardRoute("viewer", () =>
  withNovitaErrors(async () => Response.json({ endpoints: await sharedEndpointViews() }, { headers: { "cache-control": "no-store" } })),
);
