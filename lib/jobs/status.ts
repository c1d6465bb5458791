/** Job statuses as the console groups them (tabs, counts, badges). Browser-safe. */
import { isTerminalJobStatus } from "@/lib/novita/types";

/** The console's own statuses, next to Novita's. */
export const SUBMITTING = "SUBMITTING";
/** The run call failed in a way that leaves open whether Novita queued the job; never resubmitted by itself. */
export const UNKNOWN_OUTCOME = "UNKNOWN";
/** Novita no longer knows a job that had not finished (past its retention, or never received). */
export const EXPIRED = "EXPIRED";

export const JOB_STATUS_GROUPS = ["queued", "running", "completed", "failed", "cancelled", "unknown"] as const;
export type JobStatusGroup = (typeof JOB_STATUS_GROUPS)[number];

export const STATUSES_OF_GROUP: Record<Exclude<JobStatusGroup, "unknown">, string[]> = {
  queued: [SUBMITTING, "PENDING", "IN_QUEUE"],
  running: ["IN_PROGRESS", "RUNNING"],
  completed: ["COMPLETED"],
  failed: ["FAILED", "TIMED_OUT"],
  cancelled: ["CANCELLED"],
};

export function jobStatusGroup(status: string): JobStatusGroup {
  for (const [group, statuses] of Object.entries(STATUSES_OF_GROUP))
    if (statuses.includes(status)) return group as JobStatusGroup;
  return "unknown";
}

/** Finished for good: Novita's terminal statuses, plus the console's unknown outcome and expiry. */
export function isSettled(status: string): boolean {
  return isTerminalJobStatus(status) || status === UNKNOWN_OUTCOME || status === EXPIRED;
}

export const MAX_JOB_REQUEST_BYTES = 4 * 1024 * 1024;

/** Size of the request Novita will receive (`{"input": …}`), for the 4 MiB meter. */
export function jobRequestBytes(input: unknown): number {
  return new TextEncoder().encode(JSON.stringify({ input })).length;
}
