/**
 * Live tracking benchmarks, in one process: the sandbox (over HTTP), the ledger (PGlite), the tracker loop and
 * SSE streams built by the same function the `/api/events` route serves.
 * 1. Fan-out: 1 vs 50 SSE clients watching 100 in-flight jobs — status calls per second the sandbox receives.
 * 2. Freshness: 200 jobs — from the sandbox finishing a job to the SSE event reaching a client (p50 / p95).
 */
import { openDatabase } from "@/lib/db/client";
import { recordAndSendJobs, type JobServiceDeps } from "@/lib/jobs/service";
import type { JobSummary } from "@/lib/jobs/summary";
import type { RunningSandbox } from "@/lib/sandbox";
import { EventBus } from "@/lib/tracker/bus";
import { createEventStream } from "@/lib/tracker/sse";
import { JobTracker } from "@/lib/tracker/tracker";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { readJobEvents } from "@/tests/support/sse-jobs";
import { benchSandbox, percentile } from "./support";

const KEY = "sk_bench_live_key_000000000000";

async function statusCalls(sandbox: RunningSandbox): Promise<number> {
  const state = await (
    await fetch(`${sandbox.origin}/_sandbox/state`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json();
  return (state.requests?.["jobs.status"] as number | undefined) ?? 0;
}

/** An SSE client: reads the stream and hands each job event to `onJob`. */
function watch(bus: EventBus, signal: AbortSignal, onJob: (job: JobSummary, at: number) => void = () => {}) {
  void readJobEvents(createEventStream(bus, { lastEventId: undefined, signal }), onJob);
}

async function setUp(workers: { min: number; max: number; maxConcurrent: number }, image: string) {
  const { sandbox, client } = await benchSandbox(KEY);
  const database = await openDatabase({ engine: "pglite", dataDir: undefined });
  const bus = new EventBus();
  const { id } = await client.management.createEndpoint(
    makeEndpointSpec({
      imageName: image,
      workers: { ...makeEndpointSpec().workers, ...workers },
      policy: { type: "concurrency", value: 1 },
    }),
  );
  while ((await client.management.getEndpoint(id)).status.state !== "serving")
    await new Promise((resolve) => setTimeout(resolve, 20));
  const deps: JobServiceDeps = { db: database.db, management: client.management, gateway: client.jobs, bus };
  const tracker = new JobTracker({ db: database.db, gateway: client.jobs, bus });
  return {
    sandbox,
    bus,
    deps,
    tracker,
    endpointId: id,
    async close() {
      tracker.stop();
      await sandbox.close();
      await database.close();
    },
  };
}

async function fanOut(clients: number): Promise<number> {
  const setup = await setUp({ min: 2, max: 2, maxConcurrent: 50 }, "example/sleep-worker:1");
  await recordAndSendJobs(setup.deps, {
    endpointId: setup.endpointId,
    input: { seconds: 120 },
    copies: 100,
    userId: null,
  });
  const aborts = Array.from({ length: clients }, () => new AbortController());
  for (const abort of aborts) watch(setup.bus, abort.signal);
  setup.tracker.start();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const before = await statusCalls(setup.sandbox);
  const windowMs = 10_000;
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const rate = ((await statusCalls(setup.sandbox)) - before) / (windowMs / 1000);
  for (const abort of aborts) abort.abort();
  await setup.close();
  return rate;
}

async function freshness(jobCount: number): Promise<number[]> {
  const setup = await setUp({ min: 4, max: 4, maxConcurrent: 64 }, "example/sleep-worker:1");
  const lags: number[] = [];
  const abort = new AbortController();
  const seen = new Set<string>();
  watch(setup.bus, abort.signal, (job, at) => {
    if (job.status !== "COMPLETED" || !job.novitaJobId || seen.has(job.id)) return;
    seen.add(job.id);
    const finishedAt = setup.sandbox.engine.jobs.get(job.novitaJobId)?.finishedAt;
    if (finishedAt !== undefined) lags.push(at - finishedAt);
  });
  setup.tracker.start();
  for (let index = 0; index < jobCount; index += 1) {
    await recordAndSendJobs(setup.deps, {
      endpointId: setup.endpointId,
      input: { seconds: 0.5 + (index % 10) * 0.3 },
      copies: 1,
      userId: null,
    });
  }
  const deadline = Date.now() + 60_000;
  while (seen.size < jobCount && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  abort.abort();
  await setup.close();
  return lags.sort((a, b) => a - b);
}

async function main() {
  const one = await fanOut(1);
  const fifty = await fanOut(50);
  console.log("live bench 1 — fan-out: 100 in-flight jobs, status calls per second received by the sandbox");
  console.log(`  1 SSE client   ${one.toFixed(1)} calls/s`);
  const difference = (((fifty - one) / one) * 100).toFixed(1);
  console.log(`  50 SSE clients ${fifty.toFixed(1)} calls/s  (${difference} % difference; target within 10 %)`);

  const lags = await freshness(200);
  console.log(`live bench 2 — freshness: ${lags.length} jobs, sandbox finish → SSE event`);
  console.log(
    `  p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, ` +
      `max ${lags.at(-1)!.toFixed(0)} ms (target p95 ≤ 1,000 ms poll interval + 300 ms)`,
  );
}

void main();
