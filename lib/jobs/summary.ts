/** The job as lists and live updates carry it: everything but the (possibly megabytes of) output. Browser-safe. */
import type { JobListRow, JobRow } from "./ledger";

export interface JobSummary {
  id: string;
  novitaJobId: string | null;
  endpointId: string;
  routeName: string;
  status: string;
  finished: boolean;
  error: string | null;
  submittedBy: string | null;
  resubmittedFrom: string | null;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  delayTimeMs: number | null;
  executionTimeMs: number | null;
  hasOutput: boolean;
}

/** A full row (details, live updates) as its summary. */
export function toJobSummary(row: JobRow): JobSummary {
  return listRowSummary({ ...row, hasOutput: row.output !== null && row.output !== undefined });
}

/** A list row (summary columns only, lib/jobs/ledger.ts `listJobs`) as its summary. */
export function listRowSummary(row: JobListRow): JobSummary {
  return {
    id: row.id,
    novitaJobId: row.novitaJobId,
    endpointId: row.endpointId,
    routeName: row.routeName,
    status: row.status,
    finished: row.finished,
    error: row.error,
    submittedBy: row.submittedBy,
    resubmittedFrom: row.resubmittedFrom,
    submittedAt: row.submittedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    delayTimeMs: row.delayTimeMs,
    executionTimeMs: row.executionTimeMs,
    hasOutput: row.hasOutput,
  };
}
