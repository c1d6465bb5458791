/**
 * The ledger, the sending service and the tracker together, against the sandbox over HTTP and a real PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { healthSamples } from "@/lib/db/schema";
import { countJobsByGroup } from "@/lib/jobs/counts";
import { getJobWithEvents, listJobs } from "@/lib/jobs/ledger";
import {
  cancelJobs,
  importJob,
  JobInputTooLarge,
  resubmitJob,
  recordAndSendJobs,
  type JobServiceDeps,
} from "@/lib/jobs/service";
import { createNovitaClient, type NovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { createServingEndpoint, makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { EventBus, type LiveEvent } from "./bus";
import { JobTracker } from "./tracker";

const KEY = "sk_tracker_test_key_00000000";
const sandbox = sandboxForTestFile({
  apiKey: KEY,
  coldStartMs: 50,
  endpointStartupMs: 30,
  tickMs: 20,
  retentionMs: 60_000,
});
let client: NovitaClient;
let database: DatabaseHandle;
let deps: JobServiceDeps;
let bus: EventBus;
let sleeperId: string;
let echoId: string;

const serving = (spec: Parameters<typeof makeEndpointSpec>[0]) => createServingEndpoint(client.management, spec);

/** Runs tracker passes until `done`, with real time passing (the sandbox runs in real time). */
async function trackUntil(tracker: JobTracker, done: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("tracking did not reach the expected state");
    await tracker.tick(new Date(Date.now() + 60_000));
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

beforeAll(async () => {
  client = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    retry: { maxRetries: 0 },
  });
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
  bus = new EventBus();
  deps = { db: database.db, management: client.management, gateway: client.jobs, bus };
  sleeperId = await serving({
    appName: "",
    imageName: "example/sleep-worker:1",
    workers: { ...makeEndpointSpec().workers, min: 1, max: 1 },
  });
  echoId = await serving({
    appName: "",
    imageName: "example/echo-worker:1",
    workers: { ...makeEndpointSpec().workers, min: 1, max: 2, maxConcurrent: 4 },
  });
});

afterAll(async () => {
  await database?.close();
});

function newTracker() {
  return new JobTracker({ db: database.db, gateway: client.jobs, bus, healthEveryMs: 0 });
}

describe("sending and tracking", () => {
  it("writes the ledger row before the call, then follows the job to COMPLETED with its timeline", async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = bus.subscribe((event) => events.push(event));
    const [sent] = await recordAndSendJobs(deps, {
      endpointId: sleeperId,
      input: { seconds: 0.2, prompt: "a red apple" },
      copies: 1,
      userId: null,
    });
    expect(sent!.failure).toBeUndefined();
    expect(sent!.job.novitaJobId).toBeTruthy();

    const tracker = newTracker();
    await trackUntil(tracker, async () => (await getJobWithEvents(database.db, sent!.job.id))!.job.finished);
    const { job, events: timeline } = (await getJobWithEvents(database.db, sent!.job.id))!;
    expect(job).toMatchObject({ status: "COMPLETED", output: { slept: 0.2 } });
    expect(job.executionTimeMs).toBeGreaterThanOrEqual(150);
    expect(job.delayTimeMs).not.toBeNull();
    expect(timeline.map((event) => event.status)).toEqual(
      expect.arrayContaining(["SUBMITTING", "PENDING", "COMPLETED"]),
    );
    expect(timeline[0]!.status).toBe("SUBMITTING");
    expect(
      events.some((event) => event.type === "job" && (event.job as { status: string }).status === "COMPLETED"),
    ).toBe(true);
    // Health was sampled for the endpoint with a job in flight.
    expect((await database.db.select().from(healthSamples)).length).toBeGreaterThan(0);
    unsubscribe();
  });

  it("sends N copies as N jobs; refuses an input over 4 MiB before writing anything", async () => {
    const sent = await recordAndSendJobs(deps, {
      endpointId: echoId,
      input: { prompt: "copies" },
      copies: 3,
      userId: null,
    });
    expect(new Set(sent.map((item) => item.job.novitaJobId)).size).toBe(3);
    const before = (await countJobsByGroup(database.db, {})).all.count;
    await expect(
      recordAndSendJobs(deps, {
        endpointId: echoId,
        input: { blob: "x".repeat(4 * 1024 * 1024) },
        copies: 1,
        userId: null,
      }),
    ).rejects.toBeInstanceOf(JobInputTooLarge);
    expect((await countJobsByGroup(database.db, {})).all.count).toBe(before);
  });

  it("finds the route on the first run: <id>-<id> not found queues nothing; the bare id, each copy once", async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.origin}/_sandbox${path}`, {
        method,
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const bareId = await serving({
      appName: "",
      imageName: "example/echo-worker:1",
      workers: { ...makeEndpointSpec().workers, min: 1, max: 1, maxConcurrent: 4 },
    });
    await control("POST", "/quirks", { defaultAppRoute: "id" });
    try {
      const state = async () =>
        (await (await control("GET", "/state")).json()) as { jobs: number; requests: Record<string, number> };
      const before = await state();
      const sent = await recordAndSendJobs(deps, {
        endpointId: bareId,
        input: { prompt: "which name?" },
        copies: 2,
        userId: null,
      });
      const after = await state();
      expect(sent.map((item) => [item.failure, item.job.routeName])).toEqual([
        [undefined, bareId],
        [undefined, bareId],
      ]);
      // Three run calls: the composed form once (not found), then the learned bare id for each copy.
      expect(after.requests["jobs.run"]! - before.requests["jobs.run"]!).toBe(3);
      expect(after.jobs - before.jobs).toBe(2);
    } finally {
      await control("DELETE", "/quirks");
    }
  });

  it("records an unknown outcome when the run call is dropped, and never resends it", async () => {
    await fetch(`${sandbox.origin}/_sandbox/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ operation: "jobs.run", mode: "drop" }),
    });
    const [sent] = await recordAndSendJobs(deps, {
      endpointId: echoId,
      input: { prompt: "lost in transit" },
      copies: 1,
      userId: null,
    });
    expect(sent!.failure?.outcomeUnknown).toBe(true);
    expect(sent!.job).toMatchObject({ status: "UNKNOWN", finished: true, novitaJobId: null });
    expect(sent!.job.error).toMatch(/Novita|reach|connection/i);
  });

  it("cancels a queued job; the tracker records CANCELLED", async () => {
    const [busy] = await recordAndSendJobs(deps, {
      endpointId: sleeperId,
      input: { seconds: 5 },
      copies: 1,
      userId: null,
    });
    const [queued] = await recordAndSendJobs(deps, {
      endpointId: sleeperId,
      input: { seconds: 5 },
      copies: 1,
      userId: null,
    });
    const result = await cancelJobs(deps, [queued!.job.id, busy!.job.id, "no-such-id"]);
    expect(result.cancelled).toEqual([queued!.job.id, busy!.job.id]);
    expect(result.skipped).toEqual([{ id: "no-such-id", reason: "no such job" }]);
    const tracker = newTracker();
    await trackUntil(
      tracker,
      async () => (await getJobWithEvents(database.db, queued!.job.id))!.job.status === "CANCELLED",
    );
    await trackUntil(
      tracker,
      async () => (await getJobWithEvents(database.db, busy!.job.id))!.job.status === "CANCELLED",
    );
    expect((await cancelJobs(deps, [queued!.job.id])).skipped[0]!.reason).toBe("already cancelled");
  });

  it("resubmits a failed job with its input, or with an edited one, linked to the original", async () => {
    const [failed] = await recordAndSendJobs(deps, {
      endpointId: echoId,
      input: { error: "boom" },
      copies: 1,
      userId: null,
    });
    const tracker = newTracker();
    await trackUntil(
      tracker,
      async () => (await getJobWithEvents(database.db, failed!.job.id))!.job.status === "FAILED",
    );
    const again = await resubmitJob(deps, failed!.job.id, { userId: null });
    expect(again.job).toMatchObject({ resubmittedFrom: failed!.job.id, input: { error: "boom" } });
    const edited = await resubmitJob(deps, failed!.job.id, { userId: null, input: { fixed: true } });
    await trackUntil(
      tracker,
      async () => (await getJobWithEvents(database.db, edited.job.id))!.job.status === "COMPLETED",
    );
    expect((await getJobWithEvents(database.db, edited.job.id))!.job.output).toEqual({ fixed: true });
  });

  it("resumes after a restart: a new tracker on the same ledger finishes the job in flight", async () => {
    const [inFlight] = await recordAndSendJobs(deps, {
      endpointId: sleeperId,
      input: { seconds: 0.3 },
      copies: 1,
      userId: null,
    });
    const first = newTracker();
    await first.tick(new Date(Date.now() + 60_000));
    first.stop();
    const second = newTracker();
    await trackUntil(
      second,
      async () => (await getJobWithEvents(database.db, inFlight!.job.id))!.job.status === "COMPLETED",
    );
  });

  it("imports a job sent outside the console and marks a job Novita forgot as expired", async () => {
    const outside = await client.jobs.run(echoId, { sent: "by curl" });
    const imported = await importJob(deps, { endpointId: echoId, novitaJobId: outside.id, userId: null });
    const tracker = newTracker();
    await trackUntil(
      tracker,
      async () => (await getJobWithEvents(database.db, imported.id))!.job.status === "COMPLETED",
    );
    expect((await getJobWithEvents(database.db, imported.id))!.job.output).toEqual({ sent: "by curl" });

    // Unfinished when Novita forgets it (here: the sandbox is reset): the ledger keeps it, marked expired.
    const ghost = await importJob(deps, {
      endpointId: sleeperId,
      novitaJobId: (await client.jobs.run(sleeperId, { seconds: 30 })).id,
      userId: null,
    });
    expect(ghost.finished).toBe(false);
    await fetch(`${sandbox.origin}/_sandbox/reset`, { method: "POST", headers: { authorization: `Bearer ${KEY}` } });
    await trackUntil(tracker, async () => (await getJobWithEvents(database.db, ghost.id))!.job.status === "EXPIRED");
  });
});

describe("browsing the ledger", () => {
  it("pages newest first with a keyset cursor, filters by tab and finds text inside the input", async () => {
    const all = await listJobs(database.db, {}, { limit: 1000 });
    const first = await listJobs(database.db, {}, { limit: 3 });
    const second = await listJobs(database.db, {}, { cursor: first.nextCursor, limit: 3 });
    expect([...first.jobs, ...second.jobs].map((job) => job.id)).toEqual(all.jobs.slice(0, 6).map((job) => job.id));

    const found = await listJobs(database.db, { search: "red apple" }, { limit: 10 });
    expect(found.jobs).toHaveLength(1);
    expect((await getJobWithEvents(database.db, found.jobs[0]!.id))?.job.input).toMatchObject({
      prompt: "a red apple",
    });
    expect((await listJobs(database.db, { search: found.jobs[0]!.novitaJobId! }, { limit: 10 })).jobs).toHaveLength(1);
    expect((await listJobs(database.db, { search: "100%_literal" }, { limit: 10 })).jobs).toHaveLength(0);

    const tabs = await countJobsByGroup(database.db, {});
    const counts = Object.fromEntries(Object.entries(tabs).map(([tab, { count }]) => [tab, count])) as Record<
      keyof typeof tabs,
      number
    >;
    expect(counts.all).toBe(all.jobs.length);
    expect(counts.completed + counts.failed + counts.cancelled + counts.queued + counts.running + counts.unknown).toBe(
      counts.all,
    );
    const cancelled = await listJobs(database.db, { group: "cancelled" }, { limit: 100 });
    expect(cancelled.jobs.every((job) => job.status === "CANCELLED")).toBe(true);
    expect(cancelled.jobs).toHaveLength(counts.cancelled);
  });
});
