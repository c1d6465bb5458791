import { guardRoute } from "@/lib/auth/guard";
import { getEventBus } from "@/lib/tracker/bus";
import { createEventStream } from "@/lib/tracker/sse";

export const dynamic = "force-dynamic";

/** Live job changes and health samples for signed-in browsers (SSE; reconnects resume from Last-Event-ID). */
export const GET = guardRoute("viewer", async (request) => {
  const header = request.headers.get("last-event-id");
  const lastEventId = header && /^\d+$/.test(header) ? Number(header) : undefined;
  return new Response(createEventStream(getEventBus(), { lastEventId, signal: request.signal }), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
