import { runJob } from "@/lib/gateway/handlers";

/** Novita-compatible `POST /{route}/run` with a console token (lib/gateway). */
export async function POST(request: Request, { params }: { params: Promise<{ route: string }> }) {
  return runJob(request, (await params).route);
}
