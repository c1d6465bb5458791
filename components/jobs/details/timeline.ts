/** The four stages of a job's life, from its status history. Browser-safe. */
import { jobStatusGroup, SUBMITTING } from "@/lib/jobs/status";

export interface TimelineEvent {
  status: string;
  at: string;
  detail: string | null;
}

export interface TimelineJob {
  status: string;
  finished: boolean;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TimelineStage {
  key: "submitted" | "queued" | "running" | "finished";
  label: string;
  at: string | null;
  /** Time from this stage to the next one reached (or to now, for the current stage of an unfinished job). */
  durationMs: number | null;
  state: "done" | "current" | "pending" | "skipped";
  status?: string;
}

function firstAt(events: TimelineEvent[], test: (status: string) => boolean): string | null {
  return events.find((event) => test(event.status))?.at ?? null;
}

const FINISHED_LABEL: Record<string, string> = {
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  unknown: "Finished",
};

export function buildTimeline(job: TimelineJob, events: TimelineEvent[], now = Date.now()): TimelineStage[] {
  const queuedAt = firstAt(events, (status) => status !== SUBMITTING && jobStatusGroup(status) === "queued");
  const runningAt = job.startedAt ?? firstAt(events, (status) => jobStatusGroup(status) === "running");
  const finishedAt = job.finished ? (job.finishedAt ?? events.at(-1)?.at ?? null) : null;
  const finalGroup = jobStatusGroup(job.status);
  const stages: Omit<TimelineStage, "durationMs" | "state">[] = [
    { key: "submitted", label: "Submitted", at: job.submittedAt },
    { key: "queued", label: "Queued", at: queuedAt },
    { key: "running", label: "Running", at: runningAt },
    {
      key: "finished",
      label: job.finished ? (FINISHED_LABEL[finalGroup] ?? "Finished") : "Finished",
      at: finishedAt,
      status: job.finished ? job.status : undefined,
    },
  ];
  const lastReached = stages.reduce((last, stage, index) => (stage.at ? index : last), 0);
  return stages.map((stage, index) => {
    const nextReached = stages.slice(index + 1).find((later) => later.at);
    let durationMs: number | null = null;
    if (stage.at && nextReached?.at) durationMs = new Date(nextReached.at).getTime() - new Date(stage.at).getTime();
    else if (stage.at && index === lastReached && !job.finished) durationMs = now - new Date(stage.at).getTime();
    const state: TimelineStage["state"] = stage.at
      ? index === lastReached && !job.finished
        ? "current"
        : "done"
      : index < lastReached
        ? "skipped"
        : "pending";
    return { ...stage, durationMs, state };
  });
}
