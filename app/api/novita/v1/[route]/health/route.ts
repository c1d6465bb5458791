import { endpointHealth } from "@/lib/gateway/handlers";

/** Novita-compatible `GET /{route}/health` (lib/gateway). */
export async function GET(request: Request, { params }: { params: Promise<{ route: string }> }) {
  return endpointHealth(request, (await params).route);
}
