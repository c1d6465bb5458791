/**
 * The parts of the load scenario (bench/faults/load.ts): SSE viewers that
 * reconnect the way EventSource does (Last-Event-ID), an open-loop request driver, and the server's resident memory.
 */
import { readFileSync } from "node:fs";
import { readEvents } from "@/tests/support/sse-jobs";
import { sleep } from "./support";

export interface Viewer {
  /** Every event id received, in arrival order, across all of its connections. */
  ids: number[];
  connects: number;
  resyncs: number;
  /** The stream's Content-Encoding, as last answered ("identity" when none). */
  encoding: string;
  /** Answers other than 200 and failed connections. */
  refused: string[];
  done: Promise<void>;
}

/**
 * One browser tab on `/api/events` until `stop` aborts: reconnects after `retryMs` with the last id it saw when its
 * stream ends; `dropAfterMs()` (when it returns a number) cuts each connection that long after it opened.
 */
export function startViewer(
  baseURL: string,
  cookie: string,
  stop: AbortSignal,
  options: { retryMs: number; dropAfterMs: () => number | undefined },
): Viewer {
  const viewer: Viewer = { ids: [], connects: 0, resyncs: 0, encoding: "", refused: [], done: Promise.resolve() };
  viewer.done = (async () => {
    while (!stop.aborted) {
      const connection = new AbortController();
      const abort = () => connection.abort();
      stop.addEventListener("abort", abort, { once: true });
      const last = viewer.ids.at(-1);
      const headers: Record<string, string> = { cookie };
      if (last !== undefined) headers["last-event-id"] = String(last);
      const dropMs = options.dropAfterMs();
      const dropTimer = dropMs === undefined ? undefined : setTimeout(abort, dropMs);
      try {
        const response = await fetch(`${baseURL}/api/events`, { headers, signal: connection.signal });
        if (response.status !== 200 || !response.body) {
          viewer.refused.push(`HTTP ${response.status}`);
          await response.body?.cancel();
        } else {
          viewer.connects++;
          viewer.encoding = response.headers.get("content-encoding") ?? "identity";
          await readEvents(response.body, (event) => {
            if (event.type === "resync") viewer.resyncs++;
            if (event.id !== undefined) viewer.ids.push(event.id);
          });
        }
      } catch (error) {
        if (!stop.aborted && !connection.signal.aborted) viewer.refused.push(describe(error));
      } finally {
        clearTimeout(dropTimer);
        stop.removeEventListener("abort", abort);
      }
      if (!stop.aborted) await sleep(options.retryMs);
    }
  })();
  return viewer;
}

export interface Driven {
  latencies: number[];
  statuses: Map<string, number>;
  /** Latencies by the label `request` gave (the route, say). */
  byLabel: Map<string, number[]>;
  /** Latencies by the 10 s window of the run they were sent in. */
  byWindow: number[][];
}

/**
 * `perSecond` requests a second until `until` (epoch ms), open loop: each goes out on its schedule whether or not
 * the earlier ones were answered, so a slow server shows as latency rather than as a lower rate.
 */
export async function drive(
  perSecond: number,
  until: number,
  request: (index: number) => Promise<Response>,
  label: (index: number) => string = () => "",
): Promise<Driven> {
  const driven: Driven = { latencies: [], statuses: new Map(), byLabel: new Map(), byWindow: [] };
  const count = (status: string) => {
    driven.statuses.set(status, (driven.statuses.get(status) ?? 0) + 1);
  };
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  for (let index = 0; ; index++) {
    const due = started + (index * 1000) / perSecond;
    if (due >= until) break;
    if (due > Date.now()) await sleep(due - Date.now());
    const sentAt = performance.now();
    const sentWindow = Math.floor((Date.now() - started) / 10_000);
    inFlight.push(
      request(index).then(
        async (response) => {
          await response.arrayBuffer();
          const ms = performance.now() - sentAt;
          driven.latencies.push(ms);
          (driven.byWindow[sentWindow] ??= []).push(ms);
          const key = label(index);
          driven.byLabel.set(key, [...(driven.byLabel.get(key) ?? []), ms]);
          count(`HTTP ${response.status}`);
        },
        (error: unknown) => count(`no answer (${describe(error)})`),
      ),
    );
  }
  await Promise.all(inFlight);
  return driven;
}

/** An error and its cause (undici's "fetch failed" says why only there). */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error ? `: ${(error.cause as { code?: string }).code ?? error.cause.message}` : "";
  return `${error.message}${cause}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The `next-server` process `next start` (pid `leader`, its group's leader) forked, or the leader itself. */
export function serverPid(leader: number): number {
  try {
    const children = readFileSync(`/proc/${leader}/task/${leader}/children`, "utf8").trim().split(/\s+/);
    for (const child of children.filter(Boolean)) {
      const title = readFileSync(`/proc/${child}/cmdline`, "utf8");
      if (title.includes("next-server") || title.includes("start-server")) return Number(child);
    }
    return children[0] ? Number(children[0]) : leader;
  } catch {
    return leader;
  }
}

/** CPU seconds `pid` has used (user + system), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident memory of `pid` in MB (VmRSS), NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
