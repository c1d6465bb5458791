import { cancelJob } from "@/lib/gateway/handlers";

type Context = { params: Promise<{ route: string; id: string }> };

/** Novita-compatible `POST /{route}/cancel/{id}` (lib/gateway). */
export async function POST(request: Request, { params }: Context) {
  const { route, id } = await params;
  return cancelJob(request, route, id);
}

/** The older guide's `GET /{route}/cancel/{id}`, answered the same way. */
export const GET = POST;
