/**
 * Scale benchmark (issue 15), in one run:
 * 1. Replicas: 100 in-flight jobs tracked by 1 replica, then by 2 replicas on one Postgres — upstream status calls per
 *    second the sandbox answers (target ratio ≤ 1.05: a second replica shares the work, it does not double it).
 * 2. Sweep: 10,000 jobs on one 4-worker endpoint — status calls per second over a window of the sweep, and from the
 *    sandbox finishing a job to its event reaching a watcher through the database bus (targets ≤ 20 calls/s,
 *    p95 ≤ 1.5 s).
 * 3. Ledger at 1,000,000 jobs on Postgres and 4. bundle sizes per route: bench/ledger.ts and bench/bundle.ts, run as
 *    child processes (`--skip-ledger`, `--skip-bundle` leave them out).
 * Trackers run in this process against a throwaway Postgres (Debian's binaries), each replica with its own
 * connections; the sandbox is real HTTP.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { recordAndSendJobs, type JobServiceDeps } from "@/lib/jobs/service";
import type { RunningSandbox } from "@/lib/sandbox";
import { EventBus } from "@/lib/tracker/bus";
import { DatabaseEventLog } from "@/lib/tracker/event-log";
import { JobTracker } from "@/lib/tracker/tracker";
import { findPostgresBinaries, startThrowawayPostgres } from "@/scripts/throwaway-postgres.mjs";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import postgres from "postgres";
import { benchSandbox, percentile } from "./support";

const KEY = "sk_bench_scale_key_0000000000";
const SWEEP_JOBS = Number(process.env.BENCH_SCALE_SWEEP ?? 10_000);
const SWEEP_WINDOW_MS = Number(process.env.BENCH_SCALE_WINDOW_MS ?? 120_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function statusCalls(sandbox: RunningSandbox): Promise<number> {
  const state = await (
    await fetch(`${sandbox.origin}/_sandbox/state`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json();
  return (state.requests?.["jobs.status"] as number | undefined) ?? 0;
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function servingEndpoint(sandbox: Awaited<ReturnType<typeof benchSandbox>>, workers: number, concurrent = 1) {
  const { id } = await sandbox.client.management.createEndpoint(
    makeEndpointSpec({
      imageName: "example/sleep-worker:1",
      workers: { ...makeEndpointSpec().workers, min: workers, max: workers, maxConcurrent: concurrent },
      policy: { type: "concurrency", value: 1 },
    }),
  );
  while ((await sandbox.client.management.getEndpoint(id)).status.state !== "serving") await sleep(20);
  return id;
}

/** `count` replicas' trackers on one database, each with its own connections (as separate processes would have). */
async function replicas(url: string, count: number, client: Awaited<ReturnType<typeof benchSandbox>>["client"]) {
  const handles: DatabaseHandle[] = [];
  const trackers: JobTracker[] = [];
  for (let index = 0; index < count; index += 1) {
    const handle = await openDatabase({ engine: "postgres", url });
    handles.push(handle);
    trackers.push(
      new JobTracker({
        db: handle.db,
        gateway: { status: (route, id) => client.jobs.status(route, id), health: (route) => client.jobs.health(route) },
        bus: new EventBus(new DatabaseEventLog(async () => handle)),
        replicaId: `replica-${index}`,
      }),
    );
  }
  return {
    start: () => trackers.forEach((tracker) => tracker.start()),
    async stop() {
      trackers.forEach((tracker) => tracker.stop());
      await sleep(300);
      for (const handle of handles) await handle.close();
    },
  };
}

/** Status calls per second for 100 in-flight (running) jobs, tracked by `count` replicas. */
async function inFlightRate(serverUrl: string, count: number): Promise<number> {
  const url = await freshDatabase(serverUrl, `bench_replicas_${count}_${Date.now()}`);
  const setup = await benchSandbox(KEY);
  const endpointId = await servingEndpoint(setup, 2, 50);
  const database = await openDatabase({ engine: "postgres", url });
  const deps: JobServiceDeps = {
    db: database.db,
    management: setup.client.management,
    gateway: setup.client.jobs,
    bus: new EventBus(),
  };
  await recordAndSendJobs(deps, { endpointId, input: { seconds: 600 }, copies: 100, userId: null });
  const cluster = await replicas(url, count, setup.client);
  cluster.start();
  // Past the first 15 s of a running job (1 s polls) into its steady 3 s interval, then a 20 s window.
  await sleep(18_000);
  const before = await statusCalls(setup.sandbox);
  await sleep(20_000);
  const rate = ((await statusCalls(setup.sandbox)) - before) / 20;
  await cluster.stop();
  await database.close();
  await setup.sandbox.close();
  return rate;
}

/** The sweep: calls per second over a window, and finish → watcher lag for the jobs that finished in it. */
async function sweep(serverUrl: string) {
  const url = await freshDatabase(serverUrl, `bench_sweep_${Date.now()}`);
  const setup = await benchSandbox(KEY);
  const endpointId = await servingEndpoint(setup, 4);
  const database = await openDatabase({ engine: "postgres", url });
  const watcherBus = new EventBus(new DatabaseEventLog(async () => database));
  const deps: JobServiceDeps = {
    db: database.db,
    management: setup.client.management,
    gateway: setup.client.jobs,
    bus: watcherBus,
  };
  const lags: number[] = [];
  const seen = new Set<string>();
  let measuring = false;
  watcherBus.subscribe((event) => {
    if (event.type !== "job" || !measuring) return;
    const job = event.job as { id: string; status: string; novitaJobId: string | null };
    if (job.status !== "COMPLETED" || !job.novitaJobId || seen.has(job.id)) return;
    seen.add(job.id);
    const finishedAt = setup.sandbox.engine.jobs.get(job.novitaJobId)?.finishedAt;
    if (finishedAt !== undefined) lags.push(Date.now() - finishedAt);
  });
  const cluster = await replicas(url, 1, setup.client);
  cluster.start();
  const sendStarted = Date.now();
  for (let sent = 0; sent < SWEEP_JOBS; sent += 100) {
    await recordAndSendJobs(deps, {
      endpointId,
      input: { seconds: 0.5 + ((sent / 100) % 10) * 0.3 },
      copies: Math.min(100, SWEEP_JOBS - sent),
      userId: null,
    });
  }
  const sendSeconds = (Date.now() - sendStarted) / 1000;
  // The first polls of 10,000 freshly accepted jobs are behind us; the window is the sweep's steady state.
  await sleep(15_000);
  measuring = true;
  const before = await statusCalls(setup.sandbox);
  const healthBefore = await healthCalls(setup.sandbox);
  await sleep(SWEEP_WINDOW_MS);
  const rate = ((await statusCalls(setup.sandbox)) - before) / (SWEEP_WINDOW_MS / 1000);
  const healthRate = ((await healthCalls(setup.sandbox)) - healthBefore) / (SWEEP_WINDOW_MS / 1000);
  measuring = false;
  await cluster.stop();
  await watcherBus.close();
  await database.close();
  await setup.sandbox.close();
  return { rate, healthRate, lags: lags.sort((a, b) => a - b), sendSeconds };
}

async function healthCalls(sandbox: RunningSandbox): Promise<number> {
  const state = await (
    await fetch(`${sandbox.origin}/_sandbox/state`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json();
  return (state.requests?.["jobs.health"] as number | undefined) ?? 0;
}

function runChild(script: string, env: Record<string, string> = {}) {
  if (!existsSync(script)) return console.log(`  (${script} is not in this checkout)`);
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", script], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) console.log(`  (${script} exited with ${result.status})`);
}

async function main() {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error("no Postgres binaries: apt-get install postgresql");
  const server = await startThrowawayPostgres(bin);
  try {
    const one = await inFlightRate(server.url, 1);
    const two = await inFlightRate(server.url, 2);
    console.log("scale bench 1 — 100 in-flight jobs, upstream status calls per second");
    console.log(`  1 replica   ${one.toFixed(1)} calls/s`);
    const ratio = two / one;
    console.log(
      `  2 replicas  ${two.toFixed(1)} calls/s  (ratio ${ratio.toFixed(3)}; target ≤ 1.05 ${ratio <= 1.05 ? "PASS" : "MISS"})`,
    );

    const result = await sweep(server.url);
    console.log(
      `scale bench 2 — sweep of ${SWEEP_JOBS.toLocaleString("en")} jobs on one 4-worker endpoint ` +
        `(sent in ${result.sendSeconds.toFixed(0)} s; measured over ${SWEEP_WINDOW_MS / 1000} s of it)`,
    );
    console.log(
      `  status calls ${result.rate.toFixed(1)}/s (target ≤ 20 ${result.rate <= 20 ? "PASS" : "MISS"}), ` +
        `health calls ${result.healthRate.toFixed(1)}/s`,
    );
    if (result.lags.length) {
      const p95 = percentile(result.lags, 95);
      console.log(
        `  finish → watcher: ${result.lags.length} jobs, p50 ${percentile(result.lags, 50).toFixed(0)} ms, ` +
          `p95 ${p95.toFixed(0)} ms (target ≤ 1,500 ${p95 <= 1_500 ? "PASS" : "MISS"})`,
      );
    }
  } finally {
    await server.stop();
  }
  if (!process.argv.includes("--skip-ledger")) {
    console.log("scale bench 3 — ledger at 1,000,000 jobs on Postgres (bench/ledger.ts)");
    runChild("bench/ledger.ts", { BENCH_LEDGER_ENGINE: "postgres" });
  }
  if (!process.argv.includes("--skip-bundle")) {
    console.log("scale bench 4 — first-load JavaScript per route (bench/bundle.ts)");
    runChild("bench/bundle.ts");
  }
}

void main();
