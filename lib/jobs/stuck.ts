/** "Why is it stuck?": a plain reason and a fix for a job that has waited in the queue, from health and config. */
import { formatDuration } from "@/lib/format/duration";
import type { EndpointHealth, EndpointStatus } from "@/lib/novita/types";

export const STUCK_AFTER_MS = 30_000;

export interface WaitExplanation {
  reason: string;
  fix: string;
}

export interface WaitContext {
  waitedMs: number;
  endpoint: { status: EndpointStatus; minWorkers: number; maxWorkers: number };
  health: EndpointHealth | null;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Undefined while the wait is still ordinary (under ~30 s). */
export function explainWait({ waitedMs, endpoint, health }: WaitContext): WaitExplanation | undefined {
  if (waitedMs < STUCK_AFTER_MS) return undefined;
  const waited = `It has waited ${formatDuration(waitedMs)}.`;

  if (endpoint.status.state !== "serving") {
    const detail = [endpoint.status.error, endpoint.status.message].filter(Boolean).join(": ");
    const state = `"${endpoint.status.state}"${detail ? ` (${detail})` : ""}`;
    return {
      reason: `${waited} The endpoint is not serving: its state is ${state}.`,
      fix:
        "Jobs wait until the endpoint serves. " +
        "Open the endpoint to see its state; fix its image or settings if it failed.",
    };
  }
  if (!health) {
    return {
      reason: `${waited} The endpoint's queue could not be read just now.`,
      fix: "Check the endpoint's page; the console keeps tracking the job.",
    };
  }
  const { workers, jobs } = health;
  const ready = workers.idle + workers.running + workers.throttled;
  if (workers.throttled > 0 && workers.idle === 0) {
    return {
      reason:
        `${waited} ${plural(workers.throttled, "worker is", "workers are")} throttled: ` +
        "GPUs of this type are short right now.",
      fix: "Wait for capacity, or create the endpoint on another GPU type.",
    };
  }
  if (ready === 0) {
    return endpoint.minWorkers === 0
      ? {
          reason:
            `${waited} No worker is running and min workers is 0, so a worker is cold-starting ` +
            "(pulling the image and loading models).",
          fix:
            "Cold starts can take minutes. To avoid them, keep a worker warm: " +
            "set min workers to 1 (you then pay for it while idle).",
        }
      : {
          reason: `${waited} Workers are still starting (${plural(workers.total, "worker")} cold-starting).`,
          fix:
            "Wait for the cold start to finish; " +
            "if it never does, check the image and start command in the endpoint's settings.",
        };
  }
  if (workers.idle === 0 && ready >= endpoint.maxWorkers) {
    return {
      reason:
        `${waited} All ${plural(workers.total, "worker")} are busy and the endpoint is at its maximum ` +
        `(${endpoint.maxWorkers}); ${plural(jobs.inQueue, "job is", "jobs are")} queued.`,
      fix:
        `Raise max workers (now ${endpoint.maxWorkers}) or max concurrent requests per worker, ` +
        "or wait for the queue to drain.",
    };
  }
  if (workers.total > ready) {
    return {
      reason:
        `${waited} ${plural(workers.total - ready, "more worker is", "more workers are")} starting for the queue ` +
        `(${plural(jobs.inQueue, "job")} waiting).`,
      fix: "Wait for the new workers to start; a lower queue-wait threshold in the scaling policy adds workers sooner.",
    };
  }
  return {
    reason:
      `${waited} ${plural(jobs.inQueue, "job is", "jobs are")} queued ` +
      "and the scaling policy has not added a worker yet.",
    fix: "Lower the scaling threshold (queue wait or queued requests) so workers are added sooner.",
  };
}
