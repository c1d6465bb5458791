/**
 * Server-sent events from the bus: replays what a reconnecting browser missed (Last-Event-ID), then streams live,
 * with a comment every 15 s so proxies keep the connection open. Watching costs no Novita calls: the stream only
 * reads the bus the single tracker fills.
 */
import type { EventBus, LiveEvent } from "./bus";

const encoder = new TextEncoder();

function frame(event: LiveEvent): Uint8Array {
  const { id, type, ...data } = event;
  return encoder.encode(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function createEventStream(
  bus: EventBus,
  options: { lastEventId: number | undefined; signal: AbortSignal; heartbeatMs?: number },
): ReadableStream<Uint8Array> {
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        unsubscribe();
        if (heartbeat) clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      if (options.lastEventId !== undefined) {
        const missed = bus.since(options.lastEventId);
        // Too far behind: tell the browser to refetch everything rather than pretend nothing was missed.
        if (!missed.complete) controller.enqueue(encoder.encode(`event: resync\ndata: {}\n\n`));
        for (const event of missed.events) controller.enqueue(frame(event));
      }
      unsubscribe = bus.subscribe((event) => {
        try {
          controller.enqueue(frame(event));
        } catch {
          close();
        }
      });
      heartbeat = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(": keep-alive\n\n"));
        } catch {
          close();
        }
      }, options.heartbeatMs ?? 15_000);
      options.signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      unsubscribe();
      if (heartbeat) clearInterval(heartbeat);
    },
  });
}
