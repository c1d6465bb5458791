/**
 * How often the tracker asks Novita about a job (see docs/decisions.md, "Polling that grows with running jobs"):
 * a running job at the adaptive interval (1 s while it moves, up to 10 s while it sits still); a queued job rarely,
 * spaced so that an endpoint's whole queue costs about `QUEUED_POLLS_PER_SECOND` calls a second, however long it is.
 * What wakes a queued job sooner is the endpoint's `/health`: when Novita counts more jobs in progress than the
 * ledger knows to be running, or counts jobs finished since the last reading, the oldest queued ones have probably
 * started (or even finished) and are asked about at once — if they were not asked within the last second.
 */
import { nextPollDelayMs, WAITING_STATUSES } from "@/lib/jobs/ledger";
import type { EndpointHealth } from "@/lib/novita/types";

/** The safety net's budget per endpoint: queued jobs re-asked on their own, without a sign from `/health`. */
export const QUEUED_POLLS_PER_SECOND = 4;
const QUEUED_MIN_DELAY_MS = 30_000;
const QUEUED_MAX_DELAY_MS = 60 * 60_000;
/** At most this many queued jobs are woken per endpoint per `/health` reading. */
export const MAX_WOKEN_PER_READING = 32;

/** When to ask again about a job whose status did not change. */
export function pollDelayMs(job: { status: string; lastChangedAt: Date }, now: Date, queuedOnEndpoint: number): number {
  if (!WAITING_STATUSES.includes(job.status)) return nextPollDelayMs(job.lastChangedAt, now);
  const spread = (queuedOnEndpoint / QUEUED_POLLS_PER_SECOND) * 1_000;
  return Math.round(Math.min(QUEUED_MAX_DELAY_MS, Math.max(QUEUED_MIN_DELAY_MS, spread)));
}

/**
 * How many of an endpoint's queued jobs have probably started: the jobs Novita counts in progress beyond those the
 * ledger has as running, or — when jobs finish faster than `/health` is read — as many as finished since the last
 * reading (each freed a worker for the next in line), whichever is more. Jobs sent to the endpoint outside the
 * console count too, so the number is capped: at worst a few extra calls per reading.
 */
export function probablyStarted(
  health: EndpointHealth,
  previous: EndpointHealth | undefined,
  ledger: { running: number; queued: number },
): number {
  const unseen = health.jobs.inProgress - ledger.running;
  const finished = previous
    ? Math.max(0, health.jobs.completed - previous.jobs.completed) +
      Math.max(0, health.jobs.failed - previous.jobs.failed)
    : 0;
  return Math.max(0, Math.min(Math.max(unseen, finished), ledger.queued, MAX_WOKEN_PER_READING));
}
