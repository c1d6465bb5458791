import { guardRoute } from "@/lib/auth/guard";
import { sharedEndpointView } from "@/lib/endpoints/shared-views";

export const dynamic = "force-dynamic";

export const GET = guardRoute<{ params: Promise<{ id: string }> }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  return Response.json(await sharedEndpointView(id), { headers: { "cache-control": "no-store" } });
});
