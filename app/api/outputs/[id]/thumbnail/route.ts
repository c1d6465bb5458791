import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { serveThumbnail } from "@/lib/outputs/serve";
import { getOutputStore } from "@/lib/outputs/process";

export const dynamic = "force-dynamic";

export const GET = guardRoute("viewer", async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return serveThumbnail(await getDb(), getOutputStore(), id, request);
});
