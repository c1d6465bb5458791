/**
 * Sending, cancelling, resubmitting and importing jobs. The ledger row comes first, then Novita; a run that
 * fails in transit is recorded as an unknown outcome and never sent again by itself (a duplicate GPU job costs
 * money).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { callOnJobRoute, jobRouteOf, type RoutedEndpoint } from "@/lib/endpoints/job-route";
import { ConsoleError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { isNovitaError, type NovitaError } from "@/lib/novita/errors";
import type { JobGateway } from "@/lib/novita/jobs";
import type { ManagementApi } from "@/lib/novita/management";
import type { EventBus } from "@/lib/tracker/bus";
import { acceptWebhook, type WebhookPolicy } from "@/lib/webhooks/accept";
import {
  applyUpstreamStatus,
  getJobWithEvents,
  markAccepted,
  markRunFailed,
  recordSubmission,
  type JobRow,
} from "./ledger";
import { jobRequestBytes, MAX_JOB_REQUEST_BYTES } from "./status";
import { toJobSummary } from "./summary";

export interface JobServiceDeps {
  db: Database;
  management: Pick<ManagementApi, "getEndpoint">;
  gateway: Pick<JobGateway, "run" | "status" | "cancel">;
  bus: EventBus;
  /** A job found already COMPLETED (an imported one): its outputs are archived like the tracker's. */
  onJobCompleted?: (job: JobRow) => void;
  /** Which webhook hosts a run may name (loopback in local mode); unset: no loopback. */
  webhookPolicy?: WebhookPolicy;
}

/** Refused before anything is written; the message also lands on `field`, the form field that holds the input. */
export class JobInputTooLarge extends ConsoleError {
  constructor(
    readonly bytes: number,
    field = "input",
  ) {
    const message =
      `The job is ${formatBytes(bytes)}; Novita accepts at most 4 MiB per job. ` +
      "Send images by URL, or shrink them.";
    super("invalid", message, { [field]: message });
  }
}

export class JobNotFound extends ConsoleError {
  constructor(readonly id: string) {
    super("not_found", `No job ${id} in the ledger.`);
  }
}

/** An import whose job (or endpoint) Novita does not know: said about the id the person typed. */
function unknownToNovita(error: unknown): unknown {
  if (!isNovitaError(error) || error.kind !== "not_found") return error;
  return new ConsoleError(
    "not_found",
    "Novita does not know this job on that endpoint (wrong id, wrong endpoint, or older than 6 hours).",
    {
      novitaJobId: "Not found on this endpoint.",
    },
  );
}

export interface SentJob {
  job: JobRow;
  /** Novita's refusal or the transport failure, when the run call did not succeed. */
  failure: NovitaError | undefined;
}

/** A sent job as the browser sees it: the summary, and Novita's failure in words (never resent). */
export function toSentJobView({ job, failure }: SentJob) {
  return {
    job: toJobSummary(job),
    failure: failure
      ? { kind: failure.kind, outcomeUnknown: failure.outcomeUnknown, message: failure.userMessage }
      : null,
  };
}

/** The endpoint as the route-name logic needs it (its id and candidate route names). */
async function routedEndpoint(deps: JobServiceDeps, endpointId: string): Promise<RoutedEndpoint> {
  const endpoint = await deps.management.getEndpoint(endpointId);
  return { id: endpoint.id, jobRouteCandidates: endpoint.jobRouteCandidates };
}

function publish(deps: JobServiceDeps, row: JobRow | undefined) {
  // Not awaited: the caller's answer does not wait for the event's write (a failed write only costs a live update).
  if (row) void deps.bus.publish({ type: "job", job: toJobSummary(row) }).catch(() => {});
}

async function reload(db: Database, id: string): Promise<JobRow> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

/** Sends `copies` jobs with the same input, one ledger row each, each written before its run call. */
export async function recordAndSendJobs(
  deps: JobServiceDeps,
  request: {
    endpointId: string;
    input: unknown;
    copies: number;
    userId: string | null;
    resubmittedFrom?: string;
    /** RunPod's `webhook`: checked before anything is written (lib/webhooks/accept.ts). */
    webhook?: string;
    /** The endpoint as the caller already read it (the gateway resolves its route first): not read again. */
    endpoint?: RoutedEndpoint;
  },
): Promise<SentJob[]> {
  const bytes = jobRequestBytes(request.input);
  if (bytes > MAX_JOB_REQUEST_BYTES) throw new JobInputTooLarge(bytes);
  const webhook =
    request.webhook === undefined
      ? undefined
      : await acceptWebhook(deps.db, request.webhook, request.userId, deps.webhookPolicy ?? { allowLoopback: false });
  const endpoint = request.endpoint ?? (await routedEndpoint(deps, request.endpointId));
  let route = await jobRouteOf(deps.db, endpoint);
  const sent: SentJob[] = [];
  for (let copy = 0; copy < request.copies; copy += 1) {
    const { endpointId, input, userId, resubmittedFrom } = request;
    const row = await recordSubmission(deps.db, {
      endpointId,
      input,
      userId,
      resubmittedFrom,
      routeName: route.name,
      webhook,
    });
    publish(deps, row);
    let failure: NovitaError | undefined;
    let accepted: JobRow | undefined;
    try {
      // Until a name has answered, the run itself finds it: a not-found run queued nothing, so trying the next
      // candidate cannot send the job twice.
      const answered = await callOnJobRoute(deps.db, endpoint, (name) => deps.gateway.run(name, request.input), route);
      if (answered.route.name !== route.name)
        await deps.db.update(jobs).set({ routeName: answered.route.name }).where(eq(jobs.id, row.id));
      route = answered.route;
      accepted = await markAccepted(deps.db, row.id, answered.value);
    } catch (error) {
      if (!isNovitaError(error)) throw error;
      failure = error;
      await markRunFailed(deps.db, row.id, { outcomeUnknown: error.outcomeUnknown, message: error.userMessage });
    }
    const current = accepted ?? (await reload(deps.db, row.id));
    publish(deps, current);
    sent.push({ job: current, failure });
  }
  return sent;
}

/** Asks Novita to cancel queued or running jobs; the tracker then records the new status at once. */
export async function cancelJobs(
  deps: JobServiceDeps,
  ids: string[],
): Promise<{ cancelled: string[]; skipped: { id: string; reason: string }[] }> {
  const rows = ids.length ? await deps.db.select().from(jobs).where(inArray(jobs.id, ids)) : [];
  const cancelled: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of ids) {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) skipped.push({ id, reason: "no such job" });
    else if (row.finished) skipped.push({ id, reason: `already ${row.status.toLowerCase()}` });
    else if (!row.novitaJobId) skipped.push({ id, reason: "Novita has not accepted it yet" });
    else {
      try {
        await deps.gateway.cancel(row.routeName, row.novitaJobId);
        await deps.db.update(jobs).set({ nextPollAt: new Date() }).where(eq(jobs.id, row.id));
        cancelled.push(id);
      } catch (error) {
        if (!isNovitaError(error)) throw error;
        skipped.push({ id, reason: error.userMessage });
      }
    }
  }
  return { cancelled, skipped };
}

/** Sends a job again with its original input (or an edited one), linked to the original. */
export async function resubmitJob(
  deps: JobServiceDeps,
  id: string,
  options: { userId: string | null; input?: unknown },
): Promise<SentJob> {
  const found = await getJobWithEvents(deps.db, id);
  if (!found) throw new JobNotFound(id);
  const [sent] = await recordAndSendJobs(deps, {
    endpointId: found.job.endpointId,
    input: options.input === undefined ? found.job.input : options.input,
    copies: 1,
    userId: options.userId,
    resubmittedFrom: id,
  });
  return sent!;
}

/**
 * "Track a job by id": imports a job sent outside the console. Its input is unknown to us, so it is recorded as
 * `{}` with a note; the tracker follows it from here.
 */
export async function importJob(
  deps: JobServiceDeps,
  request: { endpointId: string; novitaJobId: string; userId: string | null },
): Promise<JobRow> {
  const [existing] = await deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.novitaJobId, request.novitaJobId)));
  if (existing) return existing;
  const { value: upstream, route } = await routedEndpoint(deps, request.endpointId)
    .then((endpoint) => callOnJobRoute(deps.db, endpoint, (name) => deps.gateway.status(name, request.novitaJobId)))
    .catch((error: unknown) => {
      throw unknownToNovita(error);
    });
  const routeName = route.name;
  const row = await recordSubmission(deps.db, {
    endpointId: request.endpointId,
    routeName,
    input: {},
    userId: request.userId,
  });
  await deps.db.update(jobs).set({ novitaJobId: request.novitaJobId }).where(eq(jobs.id, row.id));
  // Everything Novita knows now (status, timings, output) is recorded at once; the tracker follows from there.
  await applyUpstreamStatus(deps.db, { ...row, novitaJobId: request.novitaJobId }, upstream);
  const current = await reload(deps.db, row.id);
  publish(deps, current);
  if (current.status === "COMPLETED") deps.onJobCompleted?.(current);
  return current;
}
