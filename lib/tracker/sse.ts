/**
 * Server-sent events from the bus: replays what a reconnecting browser missed (Last-Event-ID), then streams live,
 * with a comment every 15 s so proxies keep the connection open. Watching costs no Novita calls: the stream only
 * reads the bus the trackers fill (on whichever replica they run).
 */
import type { EventBus, LiveEvent, MissedEvents } from "./bus";

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
      // Ids only grow: an event at or below the last one sent was already sent (by the replay, say).
      let lastSent = options.lastEventId ?? 0;
      const send = (event: LiveEvent) => {
        if (event.id <= lastSent) return;
        lastSent = event.id;
        try {
          controller.enqueue(frame(event));
        } catch {
          close();
        }
      };
      // Live events are buffered while the missed ones are read, then sent after them.
      let buffered: LiveEvent[] | undefined = options.lastEventId === undefined ? undefined : [];
      unsubscribe = bus.subscribe((event) => (buffered ? buffered.push(event) : send(event)));
      if (options.lastEventId !== undefined) {
        void bus
          .since(options.lastEventId)
          // A read that fails counts as too far behind: the browser refetches.
          .catch((): MissedEvents => ({ events: [], complete: false }))
          .then((missed) => {
            // Too far behind: tell the browser to refetch everything rather than pretend nothing was missed.
            // (An id from another database — it was reset — may be ahead of every id here: start from scratch.)
            if (!missed.complete) {
              controller.enqueue(encoder.encode(`event: resync\ndata: {}\n\n`));
              lastSent = 0;
            }
            for (const event of missed.events) send(event);
            const live = buffered ?? [];
            buffered = undefined;
            for (const event of live) send(event);
          })
          .catch(close);
      }
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
