import { guardRoute } from "@/lib/auth/guard";
import { withNovitaErrors } from "@/lib/endpoints/route-errors";
import { sharedEndpointView } from "@/lib/endpoints/shared-views";

export const dynamic = "force-dynamic";

export const GET = guardRoute<{ params: Promise<{ id: string }> }>("viewer", (_request, { params }) =>
  withNovitaErrors(async () => {
    const { id } = await params;
    return Response.json(await sharedEndpointView(id), { headers: { "cache-control": "no-store" } });
  }),
);
