import "server-only";
import { getDb } from "@/lib/db/client";
import { getNovitaClient } from "@/lib/novita/process";
import type { WebhookView } from "@/lib/webhooks/schema";
import { loadWebhookView } from "@/lib/webhooks/view";
import { getJobWithEvents } from "./ledger";
import { jobStatusGroup } from "./status";
import { explainWait, STUCK_AFTER_MS, type WaitExplanation } from "./stuck";
import { toJobSummary, type JobSummary } from "./summary";

export interface JobDetails {
  job: JobSummary & { input: unknown; output: unknown };
  events: { status: string; at: string; detail: string | null }[];
  /** Why a job that has waited over ~30 s is still queued, with the fix; null otherwise. */
  stuck: WaitExplanation | null;
  /** The run's webhook and its delivery; null for a job sent without one. */
  webhook: WebhookView | null;
  /** Outputs still being archived (`pending`) or given up (`failed`), with why; null once archived or never needed. */
  archive: { state: "pending" | "failed"; note: string | null; overdue: boolean } | null;
}

/** A pending archive is news once a try failed or it has taken this long; the first second of every job is not. */
const ARCHIVE_OVERDUE_MS = 30_000;

/** One job from the ledger; for a long-queued job, also Novita's view of its endpoint to say why it waits. */
export async function loadJobDetails(id: string, now = new Date()): Promise<JobDetails | undefined> {
  const db = await getDb();
  const found = await getJobWithEvents(db, id);
  if (!found) return undefined;
  const { job, events } = found;
  let stuck: WaitExplanation | undefined;
  const waitedMs = now.getTime() - job.submittedAt.getTime();
  if (jobStatusGroup(job.status) === "queued" && !job.finished && waitedMs >= STUCK_AFTER_MS) {
    const client = getNovitaClient();
    const [endpoint, health] = await Promise.all([
      client.management.getEndpoint(job.endpointId).catch(() => undefined),
      client.jobs.health(job.routeName).catch(() => null),
    ]);
    if (endpoint) {
      stuck = explainWait({
        waitedMs,
        endpoint: {
          status: endpoint.status,
          minWorkers: endpoint.spec.workers.min,
          maxWorkers: endpoint.spec.workers.max,
        },
        health,
      });
    }
  }
  return {
    job: { ...toJobSummary(job), input: job.input, output: job.output },
    events: events.map((event) => ({ status: event.status, at: event.at.toISOString(), detail: event.detail })),
    stuck: stuck ?? null,
    webhook: await loadWebhookView(db, job),
    archive:
      job.archiveState === "pending" || job.archiveState === "failed"
        ? {
            state: job.archiveState,
            note: job.archiveNote,
            overdue: now.getTime() - (job.finishedAt ?? now).getTime() >= ARCHIVE_OVERDUE_MS,
          }
        : null,
  };
}
