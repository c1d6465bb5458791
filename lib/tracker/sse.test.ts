import { describe, expect, it } from "vitest";
import { EventBus } from "./bus";
import { createEventStream } from "./sse";

async function readFrames(stream: ReadableStream<Uint8Array>, count: number): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (text.split("\n\n").filter((part) => part.startsWith("id:") || part.startsWith("event:")).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text.split("\n\n").filter((part) => part.startsWith("id:") || part.startsWith("event:"));
}

describe("event stream", () => {
  it("streams bus events with ids, types and JSON data", async () => {
    const bus = new EventBus();
    const abort = new AbortController();
    const stream = createEventStream(bus, { lastEventId: undefined, signal: abort.signal });
    const frames = readFrames(stream, 2);
    bus.publish({ type: "job", job: { id: "j1", status: "IN_QUEUE" } });
    bus.publish({ type: "health", endpointId: "e1", sample: { workersTotal: 1 } });
    expect(await frames).toEqual([
      'id: 1\nevent: job\ndata: {"job":{"id":"j1","status":"IN_QUEUE"}}',
      'id: 2\nevent: health\ndata: {"endpointId":"e1","sample":{"workersTotal":1}}',
    ]);
    abort.abort();
    expect(bus.watchers).toBe(0);
  });

  it("replays what a reconnecting client missed after Last-Event-ID", async () => {
    const bus = new EventBus();
    for (let index = 0; index < 5; index += 1) bus.publish({ type: "job", job: { n: index } });
    const abort = new AbortController();
    const frames = await readFrames(createEventStream(bus, { lastEventId: 3, signal: abort.signal }), 2);
    expect(frames.map((frame) => frame.split("\n")[0])).toEqual(["id: 4", "id: 5"]);
    abort.abort();
  });

  it("asks for a resync when the missed events are no longer kept", async () => {
    const bus = new EventBus(3);
    for (let index = 0; index < 10; index += 1) bus.publish({ type: "job", job: { n: index } });
    const abort = new AbortController();
    const frames = await readFrames(createEventStream(bus, { lastEventId: 2, signal: abort.signal }), 4);
    expect(frames[0]).toBe("event: resync\ndata: {}");
    expect(frames.slice(1).map((frame) => frame.split("\n")[0])).toEqual(["id: 8", "id: 9", "id: 10"]);
    abort.abort();
  });

  it("writes the live events of one flush window as one chunk (one socket write per watcher, not per event)", async () => {
    const bus = new EventBus();
    const abort = new AbortController();
    const reader = createEventStream(bus, { lastEventId: undefined, signal: abort.signal, flushMs: 20 }).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("retry: 2000\n\n");
    for (let index = 0; index < 3; index += 1) bus.publish({ type: "job", job: { n: index } });
    const chunk = new TextDecoder().decode((await reader.read()).value);
    expect(chunk.match(/^id: \d+$/gm)).toEqual(["id: 1", "id: 2", "id: 3"]);
    abort.abort();
  });

  it("fans out: many watchers share one bus and add no upstream work", () => {
    const bus = new EventBus();
    const aborts = Array.from({ length: 50 }, () => new AbortController());
    for (const abort of aborts) createEventStream(bus, { lastEventId: undefined, signal: abort.signal }).getReader();
    expect(bus.watchers).toBe(50);
    for (const abort of aborts) abort.abort();
    expect(bus.watchers).toBe(0);
  });
});
