/**
 * Server-sent events from the bus: replays what a reconnecting browser missed (Last-Event-ID), then streams live,
 * with a comment every 15 s so proxies keep the connection open. Watching costs no Novita calls: the stream only
 * reads the bus the trackers fill (on whichever replica they run).
 *
 * Fan-out cost: every event is encoded once for all the streams of the process (the bus hands each of them the same
 * object), and each stream writes what arrived within `flushMs` as one chunk — one socket write per stream per
 * flush rather than per event, which is what 200 open tabs cost the server (bench/faults/load.ts).
 */
import type { EventBus, LiveEvent, MissedEvents } from "./bus";

const encoder = new TextEncoder();
const frameCache = new WeakMap<LiveEvent, Uint8Array>();

function frame(event: LiveEvent): Uint8Array {
  let bytes = frameCache.get(event);
  if (!bytes) {
    const { id, type, ...data } = event;
    bytes = encoder.encode(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    frameCache.set(event, bytes);
  }
  return bytes;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** How long live events wait to be written together: below what a person notices on a job table. */
export const SSE_FLUSH_MS = 100;

export function createEventStream(
  bus: EventBus,
  options: { lastEventId: number | undefined; signal: AbortSignal; heartbeatMs?: number; flushMs?: number },
): ReadableStream<Uint8Array> {
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  const stopTimers = () => {
    unsubscribe();
    if (heartbeat) clearInterval(heartbeat);
    if (flushTimer) clearTimeout(flushTimer);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        stopTimers();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const write = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          close();
        }
      };
      let pending: Uint8Array[] = [];
      const flush = () => {
        flushTimer = undefined;
        const chunks = pending;
        pending = [];
        if (chunks.length) write(concat(chunks));
      };
      write(encoder.encode("retry: 2000\n\n"));
      // Ids only grow: an event at or below the last one sent was already sent (by the replay, say).
      let lastSent = options.lastEventId ?? 0;
      const send = (event: LiveEvent) => {
        if (event.id <= lastSent) return;
        lastSent = event.id;
        pending.push(frame(event));
        flushTimer ??= setTimeout(flush, options.flushMs ?? SSE_FLUSH_MS);
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
              pending.push(encoder.encode(`event: resync\ndata: {}\n\n`));
              lastSent = 0;
            }
            for (const event of missed.events) send(event);
            const live = buffered ?? [];
            buffered = undefined;
            for (const event of live) send(event);
            // The replay goes out at once; live events after it wait for the next flush as usual.
            if (flushTimer) clearTimeout(flushTimer);
            flush();
          })
          .catch(close);
      }
      heartbeat = setInterval(() => write(encoder.encode(": keep-alive\n\n")), options.heartbeatMs ?? 15_000);
      options.signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      stopTimers();
    },
  });
}
