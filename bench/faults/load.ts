/**
 * Faults 8 — load. VIEWERS signed-in browsers watch `/api/events` (a share of them cut and reconnected with
 * Last-Event-ID now and then, as a flaky network does to EventSource) while the page APIs get API_RPS requests a
 * second (open loop, spread over the routes the browser calls) and jobs are sent through `/api/v1/jobs` all along,
 * for SECONDS. Then, with the console stopped, the `live_events` table is the ground truth: every viewer must have
 * received every event from its first one up to the cut-off, once each, in order.
 * Printed: the API's p50/p95/p99 and non-2xx answers; viewers, events, viewers with a gap, events missed, duplicates;
 * next-server's resident memory before, every 15 s, and after. Promises: p95 ≤ 200 ms, 0 events lost, memory bounded.
 * Knobs (env): BENCH_FAULTS_LOAD_SECONDS (60), BENCH_FAULTS_LOAD_VIEWERS (200), BENCH_FAULTS_LOAD_RPS (50),
 * BENCH_FAULTS_LOAD_SENDS (sends a second, 2 copies each: 2), BENCH_FAULTS_LOAD_CHURN (share of viewers cut: 0.25);
 * to look inside: BENCH_FAULTS_LOAD_NODE_OPTIONS (the server's NODE_OPTIONS, e.g. `--require` a profiler) and
 * BENCH_FAULTS_LOAD_LOG (a file for the server's output). Also printed, because the machine is shared: the server's
 * CPU per request one at a time, its CPU under load, and the bench's own CPU and event-loop delay.
 * Other ports: BENCH_FAULTS_CONSOLE_PORT / BENCH_FAULTS_SANDBOX_PORT (bench/faults/support.ts).
 */
import { setMaxListeners } from "node:events";
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { asc } from "drizzle-orm";
import { liveEvents } from "@/lib/db/schema";
import { waitForHealthy } from "@/e2e/support/server";
import { cpuSeconds, drive, percentile, rssMb, serverPid, startViewer, type Viewer } from "./load-support";
import { settle, sleep, startConsole, verdict, withLedger, type FaultsBench } from "./support";

const knob = (name: string, fallback: number) => Number(process.env[`BENCH_FAULTS_LOAD_${name}`] ?? fallback);
const SECONDS = knob("SECONDS", 60);
const VIEWERS = knob("VIEWERS", 200);
const API_RPS = knob("RPS", 50);
const SENDS = knob("SENDS", 2);
const CHURN = knob("CHURN", 0.25);
const P95_LIMIT_MS = 200;
const COST_SAMPLES = 50;
/**
 * Bounded: the last sample under load at most this much above the one at half time. The heap and PGlite's caches
 * grow for about a minute and then stay (a 120 s run: 533 MB at 15 s, 692 at 60 s, 698 at 120 s); a backlog or a
 * leak keeps growing through the second half.
 */
const GROWTH_LIMIT = 1.1;
const MARKER = "load-bench";

/** A viewer's received ids against the ground truth: those from its first id up to `cutoff`. */
function check(viewer: Viewer, truth: number[], cutoff: number) {
  const received = viewer.ids.filter((id) => id <= cutoff);
  const first = received[0];
  if (first === undefined) return { expected: 0, missed: 0, duplicates: 0, disorder: 0 };
  const seen = new Set<number>();
  let duplicates = 0;
  let disorder = 0;
  received.forEach((id, index) => {
    if (seen.has(id)) duplicates++;
    else if (index > 0 && id < received[index - 1]!) disorder++;
    seen.add(id);
  });
  const expected = truth.filter((id) => id >= first);
  const missed = expected.filter((id) => !seen.has(id)).length;
  return { expected: expected.length, missed, duplicates, disorder };
}

export async function load({ setup, endpointId }: FaultsBench): Promise<boolean> {
  console.log(
    `faults 8: ${VIEWERS} SSE viewers (${Math.round(CHURN * 100)}% cut and reconnected), ${API_RPS} page-API ` +
      `requests/s, ${SENDS} sends/s of 2 jobs, for ${SECONDS} s`,
  );
  const { cookie } = setup;
  const console_ = startConsole(
    setup,
    process.env.BENCH_FAULTS_LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_FAULTS_LOAD_NODE_OPTIONS } : {},
  );
  const stop = new AbortController();
  setMaxListeners(VIEWERS + 10, stop.signal);
  try {
    await waitForHealthy(console_);
    const base = console_.baseURL;
    const pid = serverPid(console_.process.pid!);
    let jobIds: string[] = [];
    const routes: [string, () => string][] = [
      ["jobs", () => "/api/jobs"],
      ["jobs completed", () => "/api/jobs?group=completed"],
      ["jobs of endpoint", () => `/api/jobs?endpoint=${endpointId}`],
      ["jobs search", () => `/api/jobs?q=${MARKER}`],
      ["job", () => `/api/jobs/${jobIds.length ? jobIds[Math.floor(Math.random() * jobIds.length)] : "none"}`],
      ["endpoints", () => "/api/endpoints"],
      ["endpoint", () => `/api/endpoints/${endpointId}`],
      ["endpoint health", () => `/api/endpoints/${endpointId}/health`],
      ["outputs", () => "/api/outputs"],
      ["me", () => "/api/me"],
    ];
    const get = (route: string) => fetch(`${base}${route}`, { headers: { cookie } });
    const send = (label: string) =>
      fetch(`${base}/api/v1/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${setup.token}`, "content-type": "application/json" },
        body: JSON.stringify({ endpointId, input: { prompt: `${MARKER} ${label}` }, copies: 2 }),
      });
    await (await send("warm-up")).arrayBuffer();
    jobIds = ((await (await get("/api/jobs")).json()) as { jobs: { id: string }[] }).jobs.map((job) => job.id);
    for (const [, route] of routes) await (await get(route())).arrayBuffer(); // first hits load each route's code
    // What one request costs the server, one at a time on a quiet console: CPU milliseconds by route.
    // The server's own background work (tracker, sender, archiver) is taken off: its rate measured idle for 3 s.
    const idleFrom = [cpuSeconds(pid), performance.now()] as const;
    await sleep(3_000);
    const idleRate = (cpuSeconds(pid) - idleFrom[0]) / (performance.now() - idleFrom[1]);
    const costs: string[] = [];
    for (const [label, route] of [["health", () => "/api/health"] as [string, () => string], ...routes]) {
      const [cpuBefore, before] = [cpuSeconds(pid), performance.now()];
      for (let i = 0; i < COST_SAMPLES; i++) await (await get(route())).arrayBuffer();
      const ms = ((cpuSeconds(pid) - cpuBefore) * 1000 - idleRate * 1000 * (performance.now() - before)) / COST_SAMPLES;
      costs.push(`${label} ${ms.toFixed(1)}`);
    }
    console.log(
      `  server CPU per request, one at a time (ms; idle ${(idleRate * 1e5).toFixed(0)}% of a core taken off): ${costs.join(", ")}`,
    );
    const memory: [string, number][] = [["before viewers", rssMb(pid)]];

    const viewers = Array.from({ length: VIEWERS }, (_, index) => {
      const churns = index < VIEWERS * CHURN;
      return startViewer(base, cookie, stop.signal, {
        retryMs: 500,
        dropAfterMs: () => (churns ? 5_000 + Math.random() * 10_000 : undefined),
      });
    });
    const connectBy = Date.now() + 30_000;
    while (viewers.some((viewer) => viewer.connects === 0) && Date.now() < connectBy) await sleep(200);
    memory.push(["viewers connected", rssMb(pid)]);

    const cpuAtStart = cpuSeconds(pid);
    const benchCpuAtStart = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    const started = Date.now();
    const until = started + SECONDS * 1000;
    let samples = 0;
    const sampler = setInterval(() => memory.push([`${15 * ++samples} s`, rssMb(pid)]), 15_000);
    let sent = 0;
    const [api, sends] = await Promise.all([
      drive(
        API_RPS,
        until,
        async (index) => {
          const response = await get(routes[index % routes.length]![1]());
          if (index % routes.length === 0 && response.ok) {
            const page = (await response.clone().json()) as { jobs?: { id: string }[] };
            jobIds = (page.jobs ?? []).map((job) => job.id);
          }
          return response;
        },
        (index) => routes[index % routes.length]![0],
      ),
      drive(SENDS, until, (index) => {
        sent += 2;
        return send(String(index));
      }),
    ]);
    clearInterval(sampler);
    const cpuUsed = cpuSeconds(pid) - cpuAtStart;
    lag.disable();
    const benchCpu = process.cpuUsage(benchCpuAtStart);
    const wall = (Date.now() - started) / 1000;
    memory.push(["load over", rssMb(pid)]);
    await settle(console_, setup.token, MARKER, 60_000);
    await sleep(3_000);
    // Everything up to the highest id any viewer has is judged, after 3 s more for it to reach the others.
    const cutoff = Math.max(0, ...viewers.map((viewer) => viewer.ids.at(-1) ?? 0));
    await sleep(3_000);
    stop.abort();
    await Promise.all(viewers.map((viewer) => viewer.done));
    await sleep(2_000);
    memory.push(["viewers gone", rssMb(pid)]);
    await console_.stop();
    if (process.env.BENCH_FAULTS_LOAD_LOG) writeFileSync(process.env.BENCH_FAULTS_LOAD_LOG, console_.output());

    const truth = await withLedger(setup, async ({ db }) =>
      (await db.select({ id: liveEvents.id }).from(liveEvents).orderBy(asc(liveEvents.id))).map((row) => row.id),
    );
    const judged = truth.filter((id) => id <= cutoff);
    const checks = viewers.map((viewer) => check(viewer, judged, cutoff));
    const firstSeen = Math.min(...viewers.map((viewer) => viewer.ids[0] ?? Infinity));
    const emitted = judged.filter((id) => id >= firstSeen).length;
    const gaps = checks.filter((result) => result.missed > 0).length;
    const missed = checks.reduce((sum, result) => sum + result.missed, 0);
    const duplicates = checks.reduce((sum, result) => sum + result.duplicates, 0);
    const disorder = checks.reduce((sum, result) => sum + result.disorder, 0);
    const delivered = checks.reduce((sum, result) => sum + result.expected - result.missed, 0);
    const resyncs = viewers.reduce((sum, viewer) => sum + viewer.resyncs, 0);
    const connects = viewers.reduce((sum, viewer) => sum + viewer.connects, 0);
    const refused = viewers.flatMap((viewer) => viewer.refused);
    const silent = viewers.filter((viewer) => viewer.ids.length === 0).length;

    const sorted = [...api.latencies].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    const non2xx = [...api.statuses].filter(([status]) => !/^HTTP 2/.test(status));
    const loadSamples = memory.filter(([label]) => label.endsWith(" s") || label === "load over");
    const steady = loadSamples[Math.floor((loadSamples.length - 1) / 2)]![1];
    const underLoad = loadSamples.at(-1)![1];
    const bounded = Number.isFinite(underLoad) && underLoad <= steady * GROWTH_LIMIT;
    const lostNone = missed === 0 && duplicates === 0 && disorder === 0 && resyncs === 0 && silent === 0;

    console.log(
      `  page APIs: ${api.latencies.length + non2xx.reduce((sum, [, n]) => sum + n, 0)} requests in ${SECONDS} s; ` +
        `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, ` +
        `max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms; non-2xx ${non2xx.length ? non2xx.map(([s, n]) => `${s} ×${n}`).join(", ") : "0"}`,
    );
    const perRoute = [...api.byLabel].map(([route, ms]) => {
      const byRoute = [...ms].sort((a, b) => a - b);
      return `${route} ${percentile(byRoute, 50).toFixed(0)}/${percentile(byRoute, 95).toFixed(0)}`;
    });
    console.log(`    p50/p95 by route (ms): ${perRoute.join(", ")}`);
    const perWindow = api.byWindow.map((ms, window) => {
      const sortedWindow = [...ms].sort((a, b) => a - b);
      return `${window * 10}s ${percentile(sortedWindow, 50).toFixed(0)}/${percentile(sortedWindow, 95).toFixed(0)}`;
    });
    console.log(`    p50/p95 by 10 s window (ms): ${perWindow.join(", ")}`);
    console.log(`    p95 ≤ ${P95_LIMIT_MS} ms ${verdict(p95 <= P95_LIMIT_MS)}`);
    const sendAnswers = [...sends.statuses].map(([status, n]) => `${status} ×${n}`).join(", ");
    console.log(
      `  jobs sent: ${sent} (answers: ${sendAnswers}); sends' p95 ${percentile(
        [...sends.latencies].sort((a, b) => a - b),
        95,
      ).toFixed(0)} ms`,
    );
    console.log(
      `  viewers: ${VIEWERS}, connections ${connects} (refused: ${refused.length ? refused.slice(0, 3).join("; ") : "none"}${refused.length > 3 ? ` … ${refused.length}` : ""}), ` +
        `events emitted while watched ${emitted} (ids up to ${cutoff}; table from ${truth[0] ?? "-"}), delivered ${delivered}`,
    );
    console.log(
      `    viewers with a gap ${gaps} (must be 0), events missed ${missed} (must be 0), duplicates ${duplicates}, ` +
        `out of order ${disorder}, resyncs ${resyncs}, viewers that saw nothing ${silent} ${verdict(lostNone)}`,
    );
    console.log(
      `  next-server CPU under load: ${cpuUsed.toFixed(1)} s in ${wall.toFixed(0)} s (${((100 * cpuUsed) / wall).toFixed(0)}% of a core); ` +
        `the bench's own: ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s, its event-loop delay p99 ` +
        `${(lag.percentile(99) / 1e6).toFixed(0)} ms; SSE content-encoding: ${[...new Set(viewers.map((viewer) => viewer.encoding))].join(", ")}`,
    );
    console.log(`  next-server RSS (MB): ${memory.map(([label, mb]) => `${label} ${mb.toFixed(0)}`).join(", ")}`);
    console.log(
      `    bounded (last sample under load ≤ ${GROWTH_LIMIT} × the one at half time: ${underLoad.toFixed(0)} vs ${steady.toFixed(0)}) ` +
        `${verdict(bounded)}`,
    );
    return p95 <= P95_LIMIT_MS && lostNone && bounded;
  } finally {
    stop.abort();
    await console_.stop();
  }
}
