/** The "Novita unreachable" state: the monitor's rules, the shared row, and the real client against the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseReachabilityStore, readReachability } from "@/lib/cluster/novita-reachability";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox/server";
import { EventBus, type LiveEvent } from "@/lib/tracker/bus";
import { createNovitaClient } from "./client";
import { CLAIM_TTL_MS, ReachabilityMonitor, transportReason, type ReachabilityStore } from "./reachability";

function recordingStore() {
  const writes: string[] = [];
  const store: ReachabilityStore = {
    markUnreachable: async (since, reason, until) =>
      void writes.push(`down ${since.getTime()} ${reason} ${until.getTime()}`),
    markReachable: async () => void writes.push("up"),
  };
  return { writes, store };
}

describe("ReachabilityMonitor", () => {
  it("says unreachable after 5 s of failures unbroken by an answer, renews at most every 5 s, clears on an answer", () => {
    let now = 0;
    const { writes, store } = recordingStore();
    const monitor = new ReachabilityMonitor(store, { now: () => now });
    const fail = (at: number) => ((now = at), monitor.record({ ok: false, reason: "connection refused" }));
    fail(1_000);
    fail(3_000);
    expect(writes).toEqual([]);
    fail(6_000);
    expect(writes).toEqual([`down 1000 connection refused ${6_000 + CLAIM_TTL_MS}`]);
    expect(monitor.unreachable).toBe(true);
    fail(7_000);
    fail(10_000);
    expect(writes).toHaveLength(1);
    fail(11_000);
    expect(writes[1]).toBe(`down 1000 connection refused ${11_000 + CLAIM_TTL_MS}`);
    now = 12_000;
    monitor.record({ ok: true });
    expect(writes[2]).toBe("up");
    expect(monitor.unreachable).toBe(false);
  });

  it("an answer between failures starts the streak again; answers clear others' statements at most every 5 s", () => {
    let now = 0;
    const { writes, store } = recordingStore();
    const monitor = new ReachabilityMonitor(store, { now: () => now });
    monitor.record({ ok: true });
    expect(writes).toEqual(["up"]);
    for (let at = 1_000; at <= 20_000; at += 1_000) {
      now = at;
      monitor.record({ ok: false, reason: "HTTP 500" });
      now = at + 500;
      monitor.record({ ok: true });
    }
    expect(writes.filter((write) => write.startsWith("down"))).toEqual([]);
    // One clear per 5 s at most: at 0 (above), then 5.5 s, 10.5 s, 15.5 s, 20.5 s.
    expect(writes).toHaveLength(5);
  });

  it("a store that fails is reported, never thrown at the caller", async () => {
    const errors: unknown[] = [];
    const monitor = new ReachabilityMonitor(
      {
        markUnreachable: () => Promise.reject(new Error("db down")),
        markReachable: () => Promise.reject(new Error("x")),
      },
      { now: () => 0, unreachableAfterMs: 0, onError: (error) => errors.push(error) },
    );
    expect(() => monitor.record({ ok: false, reason: "connection reset" })).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toHaveLength(1);
  });

  it("names transport failures in a few words", () => {
    expect(transportReason("fetch failed: connect ECONNREFUSED 127.0.0.1:1", false)).toBe("connection refused");
    expect(transportReason("fetch failed: other side closed", false)).toBe("connection reset");
    expect(transportReason("anything", true)).toBe("no answer before the timeout");
    expect(transportReason("fetch failed: getaddrinfo ENOTFOUND api.novita.ai", false)).toBe("host not found");
  });
});

describe("the shared statement, with the real client against an unreachable sandbox", () => {
  const KEY = "sk_reachability_test_key_0000";
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  const events: LiveEvent[] = [];
  let bus: EventBus;

  beforeAll(async () => {
    handle = await openDatabase({ engine: "pglite", dataDir: undefined });
    sandbox = await startSandbox({ port: 0, apiKey: KEY, dataDir: undefined });
    bus = new EventBus();
    bus.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  it("refused connections set it (once, with an event, on both replicas' view); one answer clears it", async () => {
    const store = databaseReachabilityStore(
      async () => handle.db,
      () => bus,
    );
    const replicas = [0, 1].map(() => new ReachabilityMonitor(store, { unreachableAfterMs: 200 }));
    const clients = replicas.map((monitor) =>
      createNovitaClient({
        apiKey: KEY,
        apiBaseUrl: sandbox.managementBaseUrl,
        jobsBaseUrl: sandbox.jobsBaseUrl,
        retry: { maxRetries: 0 },
        onAttempt: (outcome) => monitor.record(outcome),
      }),
    );
    await clients[0]!.management.listEndpoints();
    const down = await fetch(`${sandbox.origin}/_sandbox/unreachable`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ forMs: 1_500 }),
    });
    expect(down.status).toBe(200);
    const started = Date.now();
    while (Date.now() - started < 700) {
      for (const client of clients) await client.management.listEndpoints().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await readReachability(handle.db);
    expect(state.reason).toBe("connection refused");
    expect(Date.parse(state.unreachableSince!)).toBeGreaterThanOrEqual(started - 50);
    expect(Date.parse(state.unreachableSince!)).toBeLessThan(started + 300);
    const said = events.filter((event) => event.type === "novita");
    expect(said).toHaveLength(1);

    // Back: the other replica's first answer clears the statement for everyone.
    for (let answered = false; !answered;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answered = await clients[1]!.management.listEndpoints().then(
        () => true,
        () => false,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readReachability(handle.db)).toEqual({ unreachableSince: null, reason: null });
    const last = events.filter((event) => event.type === "novita").at(-1);
    expect(last).toMatchObject({ reachability: { unreachableSince: null } });
  });

  it("a statement lapses when nobody renews it", async () => {
    const store = databaseReachabilityStore(
      async () => handle.db,
      () => bus,
    );
    await store.markUnreachable(new Date(), "HTTP 502", new Date(Date.now() + 100));
    expect((await readReachability(handle.db)).reason).toBe("HTTP 502");
    expect(await readReachability(handle.db, new Date(Date.now() + 200))).toEqual({
      unreachableSince: null,
      reason: null,
    });
  });
});
