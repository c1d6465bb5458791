import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { testDatabaseFor } from "@/tests/support/database";
import { readEvents } from "@/tests/support/sse-jobs";
import { EventBus, type LiveEvent } from "./bus";
import { DatabaseEventLog } from "./event-log";
import { createEventStream } from "./sse";

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(["pglite", "postgres"] as const)("the bus's database log on %s", (engine) => {
  const { skip, database } = testDatabaseFor(engine);
  const opened: { bus: EventBus; log: DatabaseEventLog }[] = [];
  const extraHandles: DatabaseHandle[] = [];

  /** A replica's bus: on Postgres over its own connections (as another process would), on PGlite the same one. */
  async function replica(keep?: number) {
    const shared = database();
    let handle: DatabaseHandle = shared;
    if (shared.url) {
      handle = await openDatabase({ engine: "postgres", url: shared.url });
      extraHandles.push(handle);
    }
    const log = new DatabaseEventLog(async () => handle, { keep, pollMs: 60_000 });
    const bus = new EventBus(log);
    await log.ready();
    opened.push({ bus, log });
    return bus;
  }

  afterAll(async () => {
    for (const { bus } of opened) await bus.close();
    for (const handle of extraHandles) await handle.close();
  });

  it.skipIf(skip)("every replica's watchers get every replica's events, once each, in id order", async () => {
    const a = await replica();
    const b = await replica();
    const seenOnA: LiveEvent[] = [];
    const seenOnB: LiveEvent[] = [];
    a.subscribe((event) => seenOnA.push(event));
    b.subscribe((event) => seenOnB.push(event));
    const published = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? a : b).publish({ type: "job", job: { n: index, from: index % 2 ? "a" : "b" } }),
      ),
    );
    await until(() => seenOnA.length >= 40 && seenOnB.length >= 40);
    const ids = published.map((event) => event.id).sort((x, y) => x - y);
    expect(seenOnA.map((event) => event.id)).toEqual(ids);
    expect(seenOnB.map((event) => event.id)).toEqual(ids);
    // Ids are consecutive: none committed out of order, none skipped.
    expect(ids.at(-1)! - ids[0]!).toBe(39);
    expect(seenOnB.find((event) => event.id === published[1]!.id)).toMatchObject({ job: { n: 1, from: "a" } });
  });

  it.skipIf(skip)(
    "a browser reconnecting to another replica gets what it missed, then live events, no repeats",
    async () => {
      const a = await replica();
      const b = await replica();
      const first = await a.publish({ type: "job", job: { step: 1 } });
      await a.publish({ type: "job", job: { step: 2 } });
      await a.publish({ type: "health", endpointId: "e1", sample: { step: 3 } });
      const abort = new AbortController();
      const reader = createEventStream(b, { lastEventId: first.id, signal: abort.signal }).getReader();
      await a.publish({ type: "outputs", jobId: "j1", count: 1 });
      const decoder = new TextDecoder();
      let text = "";
      while ((text.match(/^id: /gm) ?? []).length < 3) text += decoder.decode((await reader.read()).value);
      const frames = text.split("\n\n").filter((part) => part.startsWith("id:"));
      expect(frames.map((frame) => frame.split("\n")[0])).toEqual([
        `id: ${first.id + 1}`,
        `id: ${first.id + 2}`,
        `id: ${first.id + 3}`,
      ]);
      expect(text).not.toContain("resync");
      abort.abort();
    },
  );

  it.skipIf(skip)(
    "20 watchers, a third cut and reconnected with Last-Event-ID while events keep coming: each gets every one once",
    async () => {
      const bus = await replica();
      const stop = new AbortController();
      const watchers = Array.from({ length: 20 }, (_, index) => {
        const ids: number[] = [];
        const done = (async () => {
          while (!stop.signal.aborted) {
            const connection = new AbortController();
            const cut = () => connection.abort();
            stop.signal.addEventListener("abort", cut, { once: true });
            // Cut only once it holds a Last-Event-ID (a stream that saw nothing reconnects fresh, as EventSource does).
            const timer = index % 3 === 0 ? setTimeout(() => ids.length && cut(), 10 + Math.random() * 20) : undefined;
            const stream = createEventStream(bus, { lastEventId: ids.at(-1), signal: connection.signal, flushMs: 5 });
            await readEvents(stream, (event) => void (event.id !== undefined && ids.push(event.id)));
            clearTimeout(timer);
            stop.signal.removeEventListener("abort", cut);
          }
        })();
        return { ids, done };
      });
      // In bursts, so that events also arrive while a reconnected stream is still reading what it missed.
      const published: number[] = [];
      for (let burst = 0; burst < 15; burst += 1) {
        const events = await Promise.all(
          Array.from({ length: 4 }, (_, index) => bus.publish({ type: "job", job: { burst, index } })),
        );
        published.push(...events.map((event) => event.id).sort((x, y) => x - y));
        await new Promise((resolve) => setTimeout(resolve, 4));
      }
      await until(() => watchers.every((watcher) => watcher.ids.at(-1) === published.at(-1)));
      stop.abort();
      await Promise.all(watchers.map((watcher) => watcher.done));
      for (const { ids } of watchers) expect(ids).toEqual(published.filter((id) => id >= ids[0]!));
    },
  );

  it.skipIf(skip)("pruned events are not pretended away: a too-old Last-Event-ID is told to resync", async () => {
    const a = await replica(5);
    const b = await replica(5);
    const first = await a.publish({ type: "job", job: { n: 0 } });
    for (let index = 1; index < 12; index += 1) await a.publish({ type: "job", job: { n: index } });
    // Pruning runs at most once a minute per log: a fresh log prunes on its first append.
    const fresh = new DatabaseEventLog(async () => database(), { keep: 5, pollMs: 60_000 });
    await fresh.append({ type: "job", job: { n: 12 } });
    await until(() => false, 200).catch(() => {});
    const missed = await b.since(first.id);
    expect(missed.complete).toBe(false);
    const recent = await b.since(first.id + 10);
    expect(recent.complete).toBe(true);
    expect(recent.events.map((event) => event.id)).toEqual([first.id + 11, first.id + 12]);
    await fresh.close();
  });
});
