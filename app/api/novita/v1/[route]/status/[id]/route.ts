import { jobStatus } from "@/lib/gateway/handlers";

/** Novita-compatible `GET /{route}/status/{id}`, answered from the ledger (lib/gateway). */
export async function GET(request: Request, { params }: { params: Promise<{ route: string; id: string }> }) {
  const { route, id } = await params;
  return jobStatus(request, route, id);
}
