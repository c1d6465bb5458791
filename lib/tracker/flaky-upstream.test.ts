/**
 * Faults 3, short (bench/faults/flaky.ts is the long one): 30 jobs sent and tracked by the real client, outbox
 * sender and tracker on PGlite while 20 % of every call to the sandbox fails at random — 500, connection reset,
 * a hang past the client's timeout, 429 with Retry-After. Every job must reach its true end (Novita's), none may
 * be lost or failed, an unknown outcome only where a run call was struck ambiguously (reset, hang, 500), run calls
 * only repeated after a 429, and status calls per job bounded.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { JobSender } from "@/lib/jobs/sender";
import { recordAndSendBatch, routedEndpoint, type JobServiceDeps } from "@/lib/jobs/service";
import { createNovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { createServingEndpoint, makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { EventBus } from "./bus";
import { JobTracker } from "./tracker";

const KEY = "sk_flaky_upstream_test_key_0000";
const JOBS = 30;
const TIMEOUT_MS = 1_500;
const sandbox = sandboxForTestFile({ apiKey: KEY, coldStartMs: 20, endpointStartupMs: 20, tickMs: 20 });
let database: DatabaseHandle;

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.origin}/_sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
};

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
});
afterAll(() => database?.close());

it("20 % of calls failing: every job reaches Novita's end, none lost or failed, retries bounded", async () => {
  const client = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    timeoutMs: TIMEOUT_MS,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  const endpointId = await createServingEndpoint(client.management, {
    appName: "",
    imageName: "example/sleep-worker:1",
    workers: { ...makeEndpointSpec().workers, min: 4, max: 4, maxConcurrent: 4 },
  });
  const bus = new EventBus();
  const deps: JobServiceDeps = { db: database.db, management: client.management, gateway: client.jobs, bus };
  const endpoint = await routedEndpoint(deps, endpointId);
  const tracker = new JobTracker({ db: database.db, gateway: client.jobs, bus, loopMs: 50, queueWatchMs: 300 });
  const sender = new JobSender({ deps: async () => deps, graceMs: 0, loopMs: 100 });
  await control("POST", "/faults", {
    operation: "*",
    mode: "mix",
    probability: 0.2,
    retryAfterSeconds: 0.2,
    hangMs: TIMEOUT_MS * 3,
  });
  tracker.start();
  sender.start();
  try {
    for (let batch = 0; batch < 3; batch += 1)
      await recordAndSendBatch(deps, {
        endpointId,
        endpoint,
        inputs: Array.from({ length: JOBS / 3 }, (_, index) => ({ seconds: 0.1 * (index % 4), tag: `flaky ${batch}` })),
        userId: null,
      });
    const deadline = Date.now() + 60_000;
    while ((await database.db.select().from(jobs)).some((row) => !row.finished) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    tracker.stop();
    sender.stop();
    await control("DELETE", "/faults");
  }

  const rows = await database.db.select().from(jobs);
  const upstream = (await control("GET", `/jobs?endpoint=${endpointId}&limit=1000`)) as {
    id: string;
    status: string;
  }[];
  const state = (await control("GET", "/state")) as {
    requests: Record<string, number>;
    struck: Record<string, Record<string, number>>;
  };
  const statusCalls = (await control("GET", "/status-calls")) as Record<string, { calls: number }>;
  const novitaStatus = new Map(upstream.map((job) => [job.id, job.status]));
  const run = state.struck["jobs.run"] ?? {};
  const unknown = rows.filter((row) => row.status === "UNKNOWN");

  expect(rows).toHaveLength(JOBS);
  expect(rows.filter((row) => !row.finished)).toEqual([]);
  expect(rows.filter((row) => row.status === "FAILED")).toEqual([]);
  // The struck calls of this run: the mix reached every kind of call, and every mode.
  expect(Object.keys(state.struck)).toEqual(expect.arrayContaining(["jobs.run", "jobs.status"]));
  // Each job with Novita's id ended as Novita says; the others are unknown, one per ambiguous strike at most.
  for (const row of rows.filter((candidate) => candidate.novitaJobId))
    expect(row.status, row.id).toBe(novitaStatus.get(row.novitaJobId!));
  expect(unknown.every((row) => row.novitaJobId === null)).toBe(true);
  expect(unknown.length).toBeLessThanOrEqual((run.drop ?? 0) + (run.hang ?? 0) + (run.error500 ?? 0));
  // Nothing sent twice: Novita has no job the ledger does not know; a run call repeated only after a 429.
  expect(upstream.length).toBe(rows.filter((row) => row.novitaJobId).length);
  expect(state.requests["jobs.run"]).toBeLessThanOrEqual(JOBS + (run.rate_limit ?? 0));
  // Status calls bounded: at most 4 attempts per ask, one ask per job a second (plus one).
  for (const row of rows.filter((candidate) => candidate.novitaJobId)) {
    const seconds = Math.ceil((row.finishedAt!.getTime() - row.submittedAt.getTime()) / 1000);
    expect(statusCalls[row.novitaJobId!]?.calls ?? 0, row.id).toBeLessThanOrEqual(4 * (seconds + 1));
  }
}, 90_000);
