/**
 * The gateway bench's status pollers, in a worker thread of their own: scripts run apart from the console, so their
 * loop must not share the console's event loop (in one loop, 200 pollers starve the tracker and measure that).
 */
import { Worker } from "node:worker_threads";
import { percentile } from "./support";

export interface PollPlan {
  gateway: string;
  auth: Record<string, string>;
  route: string;
  ids: string[];
  /** The pause between one poller's calls: 0 polls back to back. */
  pauseMs: number;
  pollers?: number;
}

export interface PollFigures {
  novitaPerSecond: number;
  answeredPerSecond: number;
  p50: number;
  p95: number;
  throttled: number;
  other: number;
}

/** Plain JavaScript for the worker: `pollers` loops of GET status, until told to stop; then it posts its samples. */
const POLLER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { gateway, auth, route, ids, pauseMs, pollers } = workerData;
let polling = true;
const answers = { ok: 0, throttled: 0, other: 0, latencies: [] };
parentPort.on("message", (message) => {
  if (message === "count") parentPort.postMessage({ count: answers.ok });
  if (message === "stop") polling = false;
});
const loops = Array.from({ length: pollers }, async (_, poller) => {
  await new Promise((resolve) => setTimeout(resolve, (poller * pauseMs) / pollers));
  for (let call = poller; polling; call += 1) {
    const started = performance.now();
    const response = await fetch(gateway + "/" + route + "/status/" + ids[call % ids.length], { headers: auth });
    await response.arrayBuffer();
    answers.latencies.push(performance.now() - started);
    if (response.status === 200) answers.ok += 1;
    else if (response.status === 429) answers.throttled += 1;
    else answers.other += 1;
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
});
Promise.all(loops).then(() => parentPort.postMessage({ done: answers }));
`;

/**
 * Starts the pollers, lets them settle for 2 s, then measures `rate()` (Novita status calls per second over the
 * bench's window) while they poll, and stops them.
 */
export async function pollWhile(rate: () => Promise<number>, plan: PollPlan): Promise<PollFigures> {
  const worker = new Worker(POLLER_SOURCE, { eval: true, workerData: { pollers: 200, ...plan } });
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((resolve) => {
      const listen = (reply: Record<string, unknown>) => {
        if (!(key in reply)) return;
        worker.off("message", listen);
        resolve(reply[key] as T);
      };
      worker.on("message", listen);
      worker.postMessage(message);
    });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = await ask<number>("count", "count");
  const started = performance.now();
  const novitaPerSecond = await rate();
  const after = await ask<number>("count", "count");
  const seconds = (performance.now() - started) / 1000;
  const done = await ask<{ throttled: number; other: number; latencies: number[] }>("stop", "done");
  await worker.terminate();
  const latencies = [...done.latencies].sort((a, b) => a - b);
  return {
    novitaPerSecond,
    answeredPerSecond: (after - before) / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    throttled: done.throttled,
    other: done.other,
  };
}
