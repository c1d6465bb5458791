/**
 * Gateway benchmarks (issue 14), in one process: the sandbox (over HTTP), the ledger (PGlite), the process's tracker
 * and the gateway's handlers behind a node:http server (tests/support/gateway-http.ts), called with a console token.
 * 1. Fan-in: 100 in-flight jobs — sandbox `jobs.status` calls per second with 0, then 200 gateway status pollers
 *    (in a worker thread, as scripts run apart from the console) polling once a second like runpod-python's
 *    `Job.output()`, then the same 200 back to back (a stress figure, no target).
 * 2. Run overhead: sequential `run` straight to the sandbox vs through the gateway (p50 / p95).
 * 3. Status latency: sequential gateway `status` of one completed job (p50 / p95).
 * Figures are printed against the targets, not asserted. Knobs (env): BENCH_GATEWAY_WINDOW_MS, BENCH_GATEWAY_POLLERS,
 * BENCH_GATEWAY_CALLS, BENCH_GATEWAY_POLL_PAUSE_MS.
 */
import { eq } from "drizzle-orm";
import { TokenBucketLimiter, setApiRateLimiter } from "@/lib/api/v1/rate-limit";
import { openDatabase } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import type { NovitaClient } from "@/lib/novita/client";
import type { RunningSandbox } from "@/lib/sandbox";
import { findPostgresBinaries, startThrowawayPostgres } from "@/scripts/throwaway-postgres.mjs";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { startGatewayConsole } from "@/tests/support/gateway-console";
import { pollWhile } from "./gateway-pollers";
import { benchSandbox, percentile } from "./support";

const KEY = "sk_bench_gateway_key_0000000000";
// A multiple of the tracker's steady 6 s interval, so each window holds whole rounds of polls.
const WINDOW_MS = Number(process.env.BENCH_GATEWAY_WINDOW_MS ?? 30_000);
const POLLERS = Number(process.env.BENCH_GATEWAY_POLLERS ?? 200);
const CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 300);
const IN_FLIGHT = 100;
/** The console's database: PGlite (one connection, the default deployment) or a throwaway Postgres 15. */
const ENGINE = process.env.BENCH_GATEWAY_ENGINE === "postgres" ? "postgres" : "pglite";
/** runpod-python's `Job.output()` (the seeds' own client) polls once a second. */
const STEADY_AFTER_MS = 66_000;
const POLL_PAUSE_MS = Number(process.env.BENCH_GATEWAY_POLL_PAUSE_MS ?? 1000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sandboxRequests(sandbox: RunningSandbox, kind: string): Promise<number> {
  const response = await fetch(`${sandbox.origin}/_sandbox/state`, { headers: { authorization: `Bearer ${KEY}` } });
  const state = (await response.json()) as { requests?: Record<string, number> };
  return state.requests?.[kind] ?? 0;
}

async function servingEndpoint(client: NovitaClient, workers: { min: number; max: number; maxConcurrent: number }) {
  const { id } = await client.management.createEndpoint(
    makeEndpointSpec({
      imageName: "example/sleep-worker:1",
      workers: { ...makeEndpointSpec().workers, ...workers },
      policy: { type: "concurrency", value: 1 },
    }),
  );
  while ((await client.management.getEndpoint(id)).status.state !== "serving") await sleep(20);
  return id;
}

/** One timed call; the body is read before the clock stops. */
async function timed(url: string, init: RequestInit): Promise<{ ms: number; status: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body: unknown = await response.json();
  return { ms: performance.now() - started, status: response.status, body };
}

const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b);
const fixed = (ms: number) => ms.toFixed(2);
const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");

/**
 * Every poller uses the one token: a per-token rate limit would throttle the bench, not Novita. The REST API's is
 * lifted here; a limit on the gateway should be lifted the same way (its limiter's setter), and 429s are counted.
 */
function liftRateLimits() {
  setApiRateLimiter(new TokenBucketLimiter({ perSecond: 1e9, burst: 1e9 }));
}

async function throwawayPostgres() {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error("PostgreSQL binaries not found (apt-get install postgresql)");
  const server = await startThrowawayPostgres(bin);
  const database = await openDatabase({ engine: "postgres", url: server.url });
  return { database, stop: () => server.stop() };
}

async function main() {
  // The archiver logs every completed job: thousands of lines around the figures.
  logger.level = "warn";
  const { sandbox, client } = await benchSandbox(KEY);
  const postgres = ENGINE === "postgres" ? await throwawayPostgres() : undefined;
  const console_ = await startGatewayConsole(sandbox, { sandboxKey: KEY, tracker: true, database: postgres?.database });
  liftRateLimits();
  const auth = { authorization: `Bearer ${console_.token}` };
  const json = { ...auth, "content-type": "application/json" };
  const gateway = console_.baseUrl;

  // ——— 1. fan-in ———
  const slow = await servingEndpoint(client, { min: 2, max: 2, maxConcurrent: 50 });
  const ids: string[] = [];
  for (let index = 0; index < IN_FLIGHT; index += 1) {
    const run = await timed(`${gateway}/${slow}/run`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ input: { seconds: 600 } }),
    });
    ids.push((run.body as { id: string }).id);
  }
  // The tracker polls a job every 1 s for its first quiet 15 s, every 3 s up to a minute, then every 6 s up to five
  // (lib/jobs/ledger.ts nextPollDelayMs): every window is measured in that last, steady stretch, and the quiet rate
  // is taken before and after the pollers.
  await sleep(STEADY_AFTER_MS);
  const rate = async () => {
    const before = await sandboxRequests(sandbox, "jobs.status");
    await sleep(WINDOW_MS);
    return ((await sandboxRequests(sandbox, "jobs.status")) - before) / (WINDOW_MS / 1000);
  };
  const quietBefore = await rate();

  const paced = await pollWhile(rate, { gateway, auth, route: slow, ids, pauseMs: POLL_PAUSE_MS, pollers: POLLERS });
  const flooded = await pollWhile(rate, { gateway, auth, route: slow, ids, pauseMs: 0, pollers: POLLERS });
  const quiet = (quietBefore + (await rate())) / 2;
  for (const id of ids) await fetch(`${gateway}/${slow}/cancel/${id}`, { method: "POST", headers: auth });

  // ——— 2. run overhead ———
  const fast = await servingEndpoint(client, { min: 1, max: 1, maxConcurrent: 64 });
  const first = await timed(`${gateway}/${fast}/run`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ input: { seconds: 0 } }),
  });
  const firstId = (first.body as { id: string }).id;
  const [row] = await console_.database.db.select().from(jobs).where(eq(jobs.id, firstId));
  const route = row!.routeName;
  const body = JSON.stringify({ input: { seconds: 0 } });
  const direct: number[] = [];
  const viaGateway: number[] = [];
  for (let index = 0; index < CALLS + 20; index += 1) {
    const straight = await timed(`${sandbox.jobsBaseUrl}/${route}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body,
    });
    const through = await timed(`${gateway}/${route}/run`, { method: "POST", headers: json, body });
    if (straight.status !== 200 || through.status !== 200) throw new Error(`run failed: ${JSON.stringify(through)}`);
    if (index < 20) continue;
    direct.push(straight.ms);
    viaGateway.push(through.ms);
  }

  // ——— 3. status latency ———
  for (let status = ""; status !== "COMPLETED"; await sleep(50)) {
    status = ((await timed(`${gateway}/${route}/status/${firstId}`, { headers: auth })).body as { status: string })
      .status;
  }
  const statusLatencies: number[] = [];
  for (let index = 0; index < CALLS + 20; index += 1) {
    const { ms, status } = await timed(`${gateway}/${route}/status/${firstId}`, { headers: auth });
    if (status !== 200) throw new Error(`status answered ${status}`);
    if (index >= 20) statusLatencies.push(ms);
  }

  console.log(`gateway bench on ${ENGINE}`);
  console.log(`gateway bench 1 — fan-in: ${IN_FLIGHT} in-flight jobs, tracker running, ${WINDOW_MS / 1000} s windows`);
  console.log(`  0 pollers      ${quiet.toFixed(1)} Novita status calls/s (mean of a window before and after)`);
  for (const [label, polled, target] of [
    [`${POLLERS} pollers, ${POLL_PAUSE_MS} ms apart`, paced, true],
    [`${POLLERS} pollers back to back (stress, no target)`, flooded, false],
  ] as const) {
    const change = ((polled.novitaPerSecond - quiet) / quiet) * 100;
    console.log(
      `  ${label}: ${polled.novitaPerSecond.toFixed(1)} Novita status calls/s (ratio ` +
        `${(polled.novitaPerSecond / quiet).toFixed(3)}, ${change.toFixed(1)} %` +
        (target ? `; target within 5 %)  ${verdict(Math.abs(change) <= 5)}` : ")"),
    );
    console.log(
      `    served ${polled.answeredPerSecond.toFixed(0)} status answers/s (p50 ${fixed(polled.p50)} ms, ` +
        `p95 ${fixed(polled.p95)} ms); 429: ${polled.throttled}, other: ${polled.other}`,
    );
  }
  const [d, g] = [sorted(direct), sorted(viaGateway)];
  const overhead = percentile(g, 95) - percentile(d, 95);
  console.log(`gateway bench 2 — run: ${CALLS} sequential calls each (after 20 warm-up), interleaved`);
  console.log(`  direct sandbox p50 ${fixed(percentile(d, 50))} ms, p95 ${fixed(percentile(d, 95))} ms`);
  console.log(`  gateway        p50 ${fixed(percentile(g, 50))} ms, p95 ${fixed(percentile(g, 95))} ms`);
  console.log(`  p95 overhead   ${fixed(overhead)} ms (target ≤ 20 ms)  ${verdict(overhead <= 20)}`);
  const s = sorted(statusLatencies);
  console.log(`gateway bench 3 — status: ${CALLS} sequential calls on one completed job (after 20 warm-up)`);
  console.log(
    `  gateway        p50 ${fixed(percentile(s, 50))} ms, p95 ${fixed(percentile(s, 95))} ms ` +
      `(target p95 ≤ 15 ms)  ${verdict(percentile(s, 95) <= 15)}`,
  );

  await console_.close();
  await postgres?.stop();
  await sandbox.close();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
