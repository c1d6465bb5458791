/**
 * Workers and queue over time, sampled in the browser while a details page is open (issue 5 makes it durable).
 * Pure and browser-safe: the hook feeds it one sample per poll.
 */
import type { EndpointHealth } from "@/lib/novita/types";

export const HEALTH_HISTORY_LIMIT = 200;

export interface HealthSample {
  /** Epoch milliseconds of the poll that produced the sample. */
  at: number;
  workersRunning: number;
  workersTotal: number;
  /** null when `/health` could not be read at that moment (a gap in the chart, not a zero). */
  jobsInQueue: number | null;
  jobsInProgress: number | null;
}

/** The parts of an `EndpointView` a sample needs (structural, so this file stays free of server code). */
export interface SampledView {
  runningWorkers: number;
  endpoint: { workers: readonly unknown[] };
  health: EndpointHealth | null;
}

export function healthSampleOf(view: SampledView, at: number): HealthSample {
  return {
    at,
    workersRunning: view.runningWorkers,
    workersTotal: view.endpoint.workers.length,
    jobsInQueue: view.health?.jobs.inQueue ?? null,
    jobsInProgress: view.health?.jobs.inProgress ?? null,
  };
}

/** Appends in time order, ignoring a sample not newer than the last one, and keeps only the newest `limit`. */
export function appendHealthSample(
  history: readonly HealthSample[],
  sample: HealthSample,
  limit = HEALTH_HISTORY_LIMIT,
): HealthSample[] {
  const last = history.at(-1);
  if (last && sample.at <= last.at) return [...history];
  const next = [...history, sample];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The tracker's stored samples (older history) followed by this page's live ones, in time order, capped. */
export function mergeHealthHistories(
  stored: readonly HealthSample[],
  live: readonly HealthSample[],
  limit = HEALTH_HISTORY_LIMIT * 4,
): HealthSample[] {
  const firstLive = live[0]?.at ?? Number.POSITIVE_INFINITY;
  const merged = [...stored.filter((sample) => sample.at < firstLive), ...live];
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}
