/**
 * The send outbox against the sandbox over HTTP and a real PGlite: a batch is recorded whole or not at all, a
 * crash before a send leaves it to the background sender (sent once, by one of two senders), a crash during a send
 * leaves "outcome unknown" (never resent), and Novita's 429 puts the job back until its Retry-After.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterPausedUntil, NOVITA_PAUSE } from "@/lib/cluster/lease";
import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { clusterLeases, jobs } from "@/lib/db/schema";
import { createNovitaClient, type NovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { EventBus } from "@/lib/tracker/bus";
import { createServingEndpoint, makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { claimToSend, recordJobsToSend, SENDING, TO_SEND } from "./outbox";
import { JobSender } from "./sender";
import { recordAndSendBatch, settleUnknownJob, type JobServiceDeps } from "./service";
import { UNKNOWN_OUTCOME } from "./status";

const KEY = "sk_outbox_test_key_000000000";
const sandbox = sandboxForTestFile({ apiKey: KEY, coldStartMs: 20, endpointStartupMs: 20, tickMs: 20 });
let client: NovitaClient;
let database: DatabaseHandle;
let deps: JobServiceDeps;
let endpointId: string;

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.origin}/_sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function runCalls(): Promise<number> {
  const state = (await (await control("GET", "/state")).json()) as { requests: Record<string, number> };
  return state.requests["jobs.run"] ?? 0;
}

async function rowsOf(ids: string[]) {
  const rows = await database.db.select().from(jobs);
  return rows.filter((row) => ids.includes(row.id));
}

/** Jobs recorded as a crashed request leaves them: in the outbox, never claimed. */
async function recordedOnly(count: number, at = new Date(Date.now() - 60_000)) {
  const rows = await recordJobsToSend(
    database.db,
    { endpointId, routeName: endpointId, userId: null },
    Array.from({ length: count }, (_, index) => ({ prompt: `left behind ${index}` })),
  );
  const ids = rows.map((row) => row.id);
  // Recorded a minute ago: past the grace a live request has to send its own.
  for (const id of ids) await database.db.update(jobs).set({ submittedAt: at }).where(eq(jobs.id, id));
  return ids;
}

function sender(graceMs = 2_000) {
  return new JobSender({ deps: async () => deps, graceMs });
}

beforeAll(async () => {
  client = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    retry: { maxRetries: 0 },
  });
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
  deps = { db: database.db, management: client.management, gateway: client.jobs, bus: new EventBus() };
  endpointId = await createServingEndpoint(client.management, {
    appName: "",
    imageName: "example/echo-worker:1",
    workers: { ...makeEndpointSpec().workers, min: 1, max: 2, maxConcurrent: 4 },
  });
});

afterAll(async () => {
  await database?.close();
});

describe("the send outbox", () => {
  it("records a batch whole or not at all: a failure while recording sends nothing", async () => {
    const before = await runCalls();
    const count = async () => (await database.db.select({ id: jobs.id }).from(jobs)).length;
    const rowsBefore = await count();
    await expect(
      recordAndSendBatch(deps, {
        endpointId,
        inputs: [{ prompt: "a" }, { prompt: "b" }, { prompt: "c" }],
        userId: null,
        alsoRecord: async () => {
          throw new Error("the run rows could not be written");
        },
      }),
    ).rejects.toThrow("the run rows could not be written");
    expect(await count()).toBe(rowsBefore);
    expect(await runCalls()).toBe(before);
  });

  it("sends a batch in order, each job once, and leaves nothing in the outbox", async () => {
    const before = await runCalls();
    const sent = await recordAndSendBatch(deps, {
      endpointId,
      inputs: Array.from({ length: 9 }, (_, index) => ({ prompt: `copy ${index}` })),
      userId: null,
    });
    expect(sent.map(({ job }) => (job.input as { prompt: string }).prompt)).toEqual(
      Array.from({ length: 9 }, (_, index) => `copy ${index}`),
    );
    expect(sent.every(({ job, failure }) => job.novitaJobId && !failure && job.sendState === null)).toBe(true);
    expect(new Set(sent.map(({ job }) => job.novitaJobId)).size).toBe(9);
    expect(await runCalls()).toBe(before + 9);
  });

  it("jobs a crashed request never sent are sent once by the background senders, two of them at once", async () => {
    const ids = await recordedOnly(12);
    const before = await runCalls();
    const [a, b] = [sender(), sender()];
    for (let pass = 0; pass < 5; pass += 1) await Promise.all([a.tick(), b.tick()]);
    const rows = await rowsOf(ids);
    expect(rows.every((row) => row.novitaJobId && row.sendState === null)).toBe(true);
    expect(new Set(rows.map((row) => row.novitaJobId)).size).toBe(12);
    expect(await runCalls()).toBe(before + 12);
  });

  it("a young row is left to its request; the sender takes it after the grace", async () => {
    const [id] = await recordedOnly(1, new Date());
    await sender().tick();
    expect((await rowsOf([id!]))[0]!.sendState).toBe(TO_SEND);
    await sender().tick(new Date(Date.now() + 3_000));
    expect((await rowsOf([id!]))[0]!.novitaJobId).toBeTruthy();
  });

  it("a send claimed by a process that died mid-call is outcome unknown once its lease ends, never resent", async () => {
    const ids = await recordedOnly(2);
    const claimed = await claimToSend(database.db, { ids, limit: 2, leaseMs: 30_000 });
    expect(claimed.map((row) => row.sendState)).toEqual([SENDING, SENDING]);
    const before = await runCalls();
    await sender().tick(); // the lease still holds: nothing happens
    expect((await rowsOf(ids)).map((row) => row.status)).toEqual(["SUBMITTING", "SUBMITTING"]);
    await sender().tick(new Date(Date.now() + 31_000));
    const rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.finished, row.sendState])).toEqual([
      [UNKNOWN_OUTCOME, true, null],
      [UNKNOWN_OUTCOME, true, null],
    ]);
    expect(rows[0]!.error).toMatch(/may or may not have queued it/);
    expect(await runCalls()).toBe(before);
  });

  it("Novita's 429 puts the job back until its Retry-After and pauses every replica; then it is sent once", async () => {
    await control("POST", "/faults", { operation: "jobs.run", mode: "rate_limit", retryAfterSeconds: 1 });
    const before = await runCalls();
    const [sent] = await recordAndSendBatch(deps, { endpointId, inputs: [{ prompt: "throttled" }], userId: null });
    expect(sent!.failure).toBeUndefined();
    expect([sent!.job.status, sent!.job.sendState]).toEqual(["SUBMITTING", TO_SEND]);
    expect(await clusterPausedUntil(deps.db as Database, NOVITA_PAUSE)).toBeInstanceOf(Date);
    await sender(0).tick(); // not past the pause: nothing sent
    expect((await rowsOf([sent!.job.id]))[0]!.novitaJobId).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await sender(0).tick();
    expect((await rowsOf([sent!.job.id]))[0]!.novitaJobId).toBeTruthy();
    expect(await runCalls()).toBe(before + 2); // the refused call and the one that went through
  });

  it("a 503 or a connection refused puts the job back (sent once later); a 500 is outcome unknown, not failed", async () => {
    const liftPause = () => deps.db.delete(clusterLeases).where(eq(clusterLeases.name, NOVITA_PAUSE));
    await liftPause();
    await control("POST", "/faults", {
      operation: "jobs.run",
      mode: "refuse",
      status: 503,
      reason: "SERVICE_UNAVAILABLE",
    });
    const [unavailable] = await recordAndSendBatch(deps, { endpointId, inputs: [{ prompt: "503" }], userId: null });
    expect([unavailable!.job.status, unavailable!.job.sendState]).toEqual(["SUBMITTING", TO_SEND]);
    expect(await clusterPausedUntil(deps.db as Database, NOVITA_PAUSE)).toBeInstanceOf(Date);
    await liftPause();

    // Novita gone: the endpoint cannot be read, but it was sent to before, so its jobs are kept all the same.
    await control("POST", "/unreachable", { forMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [refused] = await recordAndSendBatch(deps, { endpointId, inputs: [{ prompt: "refused" }], userId: null });
    expect([refused!.job.status, refused!.job.sendState, refused!.failure]).toEqual(["SUBMITTING", TO_SEND, undefined]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await liftPause();
    for (const row of await rowsOf([unavailable!.job.id, refused!.job.id]))
      await deps.db.update(jobs).set({ sendLeaseUntil: new Date() }).where(eq(jobs.id, row.id));
    const before = await runCalls();
    await sender(0).tick();
    const sentLater = await rowsOf([unavailable!.job.id, refused!.job.id]);
    expect(sentLater.map((row) => Boolean(row.novitaJobId))).toEqual([true, true]);
    expect(await runCalls()).toBe(before + 2);

    await control("POST", "/faults", { operation: "jobs.run", mode: "error500" });
    const [crashed] = await recordAndSendBatch(deps, { endpointId, inputs: [{ prompt: "500" }], userId: null });
    expect([crashed!.job.status, crashed!.job.finished, crashed!.failure?.status]).toEqual([
      UNKNOWN_OUTCOME,
      true,
      500,
    ]);
  });

  it("an answer lost after Novita queued the job: outcome unknown, settled with the id Novita shows, never resent", async () => {
    await control("POST", "/faults", { operation: "jobs.run", mode: "lose_answer" });
    const before = await runCalls();
    const [sent] = await recordAndSendBatch(deps, { endpointId, inputs: [{ prompt: "lost answer" }], userId: null });
    expect(sent!.failure?.outcomeUnknown).toBe(true);
    expect([sent!.job.status, sent!.job.finished, sent!.job.sendState]).toEqual([UNKNOWN_OUTCOME, true, null]);
    const queued = (await (await control("GET", `/jobs?endpoint=${endpointId}`)).json()) as {
      id: string;
      input: unknown;
    }[];
    const found = queued.find((job) => (job.input as { prompt?: string }).prompt === "lost answer")!;
    expect(found).toBeTruthy();

    await expect(settleUnknownJob(deps, { id: sent!.job.id, novitaJobId: "no-such-job" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await rowsOf([sent!.job.id]))[0]).toMatchObject({ status: UNKNOWN_OUTCOME, novitaJobId: null });

    const settled = await settleUnknownJob(deps, { id: sent!.job.id, novitaJobId: found.id });
    expect(settled.novitaJobId).toBe(found.id);
    expect(settled.status).not.toBe(UNKNOWN_OUTCOME);
    expect(settled.error).toBeNull();
    await expect(settleUnknownJob(deps, { id: sent!.job.id, novitaJobId: found.id })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await runCalls()).toBe(before + 1);
  });
});
