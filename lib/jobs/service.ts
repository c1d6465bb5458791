/**
 * Sending, cancelling, resubmitting and importing jobs. The ledger row comes first, then Novita; a run that
 * fails in transit is recorded as an unknown outcome and never sent again by itself (a duplicate GPU job costs
 * money).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { endpointRecords, jobs } from "@/lib/db/schema";
import { NOVITA_PAUSE, pauseCluster } from "@/lib/cluster/lease";
import { callOnJobRoute, jobRouteOf, type JobRoute, type RoutedEndpoint } from "@/lib/endpoints/job-route";
import { ConsoleError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { OUTCOME_UNKNOWN_ADVICE } from "@/lib/novita/error-details";
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
import { claimToSend, recordJobsToSend, releaseToSend } from "./outbox";
import { jobRequestBytes, MAX_JOB_REQUEST_BYTES, UNKNOWN_OUTCOME } from "./status";
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
export async function routedEndpoint(deps: JobServiceDeps, endpointId: string): Promise<RoutedEndpoint> {
  const endpoint = await deps.management.getEndpoint(endpointId);
  return { id: endpoint.id, jobRouteCandidates: endpoint.jobRouteCandidates };
}

/**
 * The endpoint to send to. When Novita cannot describe it now (unreachable, a 5xx), an endpoint the console has
 * sent to before is still sent to by the route name that last answered (or a person chose): the jobs are recorded
 * and the outbox sends them once Novita answers (a run whose connection never opened goes back to the outbox).
 */
async function endpointForSend(deps: JobServiceDeps, endpointId: string): Promise<RoutedEndpoint> {
  try {
    return await routedEndpoint(deps, endpointId);
  } catch (error) {
    if (!isNovitaError(error) || !["network", "timeout", "upstream"].includes(error.kind)) throw error;
    const [record] = await deps.db.select().from(endpointRecords).where(eq(endpointRecords.endpointId, endpointId));
    const name = record?.jobRouteNameOverride?.trim() || record?.jobRouteNameLearned;
    if (!name) throw error;
    return { id: endpointId, jobRouteCandidates: [name] };
  }
}

export function jobEvent(row: JobRow) {
  return { type: "job" as const, job: toJobSummary(row) };
}

function publish(deps: JobServiceDeps, row: JobRow | undefined) {
  // Not awaited: the caller's answer does not wait for the event's write (a failed write only costs a live update).
  if (row) void deps.bus.publish({ type: "job", job: toJobSummary(row) }).catch(() => {});
}

async function reload(db: Database, id: string): Promise<JobRow> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

/** At most this many run calls at once per request (and per background sender pass). */
export const SEND_CONCURRENCY = 4;
/** How long a claimed send may go unanswered before it counts as abandoned: past the run call's own timeout. */
export const SEND_LEASE_MS = 30_000;
/** How long a request sends its own jobs before it answers; the background sender (lib/jobs/sender.ts) goes on. */
const REQUEST_SEND_BUDGET_MS = 10_000;

/** A batch to record and send: one job per input, all to one endpoint, for one person. */
export interface SendRequest {
  endpointId: string;
  inputs: unknown[];
  userId: string | null;
  resubmittedFrom?: string;
  /** RunPod's `webhook`: checked before anything is written (lib/webhooks/accept.ts). */
  webhook?: string;
  /** The endpoint as the caller already read it (the gateway resolves its route first): not read again. */
  endpoint?: RoutedEndpoint;
  /** What else belongs to the jobs (a workflow's run rows), written in the transaction that records them. */
  alsoRecord?: (tx: Database, rows: JobRow[]) => Promise<void>;
  /** Field a too-large input is reported on. */
  sizeField?: string;
}

/**
 * Records every job of the batch as to send in one transaction (the outbox, lib/jobs/outbox.ts), then sends them
 * — this request first, up to REQUEST_SEND_BUDGET_MS, the background sender whatever is left — so a crash at any
 * point loses none and sends none twice.
 */
export async function recordAndSendBatch(deps: JobServiceDeps, request: SendRequest): Promise<SentJob[]> {
  for (const input of request.inputs) {
    const bytes = jobRequestBytes(input);
    if (bytes > MAX_JOB_REQUEST_BYTES) throw new JobInputTooLarge(bytes, request.sizeField);
  }
  const webhook =
    request.webhook === undefined
      ? undefined
      : await acceptWebhook(deps.db, request.webhook, request.userId, deps.webhookPolicy ?? { allowLoopback: false });
  const endpoint = request.endpoint ?? (await endpointForSend(deps, request.endpointId));
  const route = { current: await jobRouteOf(deps.db, endpoint) };
  // The first jobs are recorded already claimed by this request, which sends them at once.
  const claimedFirst = Math.min(SEND_CONCURRENCY, request.inputs.length);
  const recorded = await deps.db.transaction(async (tx) => {
    const rows = await recordJobsToSend(
      tx as Database,
      {
        endpointId: request.endpointId,
        routeName: route.current.name,
        userId: request.userId,
        resubmittedFrom: request.resubmittedFrom,
        webhook,
      },
      request.inputs,
      { count: claimedFirst, leaseMs: SEND_LEASE_MS },
    );
    await request.alsoRecord?.(tx as Database, rows);
    for (const row of rows) await deps.bus.publish(jobEvent(row), tx as Database);
    return rows;
  });
  const sent = new Map<string, SentJob>();
  const ids = recorded.map((row) => row.id);
  const claimed = recorded.slice(0, claimedFirst);
  let unclaimed = ids.length - claimedFirst;
  const deadline = Date.now() + REQUEST_SEND_BUDGET_MS;
  // The jobs claimed with the recording first (always sent: they are this request's), then more while time allows.
  const nextRow = async (): Promise<JobRow | undefined> => {
    const first = claimed.shift();
    if (first) return first;
    if (unclaimed <= 0 || Date.now() >= deadline) return undefined;
    unclaimed -= 1;
    const [row] = await claimToSend(deps.db, { ids, limit: 1, leaseMs: SEND_LEASE_MS });
    return row;
  };
  const sendRow = async (row: JobRow) => {
    const outcome = await sendClaimedJob(deps, endpoint, route, row);
    if (outcome) sent.set(row.id, outcome);
  };
  // Until a route name has answered, the first job finds it alone (each parallel call would try every candidate).
  if (route.current.source === "guess") {
    const first = await nextRow();
    if (first) await sendRow(first);
  }
  await Promise.all(
    Array.from({ length: claimedFirst }, async () => {
      for (let row = await nextRow(); row; row = await nextRow()) await sendRow(row);
    }),
  );
  // Jobs this request did not settle (left to the background sender, or back in the outbox after a 429): as they are.
  const others = ids.filter((id) => !sent.has(id));
  const current = others.length ? await deps.db.select().from(jobs).where(inArray(jobs.id, others)) : [];
  const byId = new Map(current.map((row) => [row.id, row]));
  return recorded.map((row) => sent.get(row.id) ?? { job: byId.get(row.id) ?? row, failure: undefined });
}

/** Sends `copies` jobs with the same input (see `recordAndSendBatch`). */
export function recordAndSendJobs(
  deps: JobServiceDeps,
  request: Omit<SendRequest, "inputs" | "alsoRecord"> & { input: unknown; copies: number },
): Promise<SentJob[]> {
  const { input, copies, ...rest } = request;
  return recordAndSendBatch(deps, { ...rest, inputs: Array.from({ length: copies }, () => input) });
}

/**
 * The run call of one claimed row, and its answer recorded: accepted, refused (FAILED: a 4xx), unknown outcome
 * (UNKNOWN, never resent: a reset, a timeout, a 5xx), or not queued for sure (a 429, a 503, a connection refused:
 * back to the outbox after its Retry-After or 5 s, every replica paused).
 * `route` is shared by the calls of one batch: the name that answered is used for the next ones. Returns the job
 * as recorded (undefined when it went back to the outbox).
 */
export async function sendClaimedJob(
  deps: JobServiceDeps,
  endpoint: RoutedEndpoint,
  route: { current: JobRoute },
  row: JobRow,
): Promise<SentJob | undefined> {
  try {
    // Until a name has answered, the run itself finds it: a not-found run queued nothing, so trying the next
    // candidate cannot send the job twice.
    const answered = await callOnJobRoute(
      deps.db,
      endpoint,
      (name) => deps.gateway.run(name, row.input),
      route.current,
    );
    route.current = answered.route;
    const accepted = await deps.db.transaction(async (tx) => {
      if (answered.route.name !== row.routeName)
        await tx.update(jobs).set({ routeName: answered.route.name }).where(eq(jobs.id, row.id));
      const updated = await markAccepted(tx as Database, row.id, answered.value);
      await deps.bus.publish(jobEvent(updated), tx as Database);
      return updated;
    });
    return { job: accepted, failure: undefined };
  } catch (error) {
    if (!isNovitaError(error)) {
      await settleSend(deps, row.id, { outcomeUnknown: true, message: "The console failed while sending this job." });
      throw error;
    }
    if (refusedBeforeQueueing(error)) {
      const notBefore = new Date(Date.now() + (error.retryAfterMs ?? 5_000));
      await pauseCluster(deps.db, NOVITA_PAUSE, notBefore);
      await releaseToSend(deps.db, row.id, notBefore);
      return undefined;
    }
    // A 5xx may come after the job was queued (docs/novita-api.md): as unknown as a reset, never a failure.
    const answered5xx = !error.outcomeUnknown && error.status !== undefined && error.status >= 500;
    const message = answered5xx ? `${error.userMessage}${OUTCOME_UNKNOWN_ADVICE}` : error.userMessage;
    const failed = await settleSend(deps, row.id, { outcomeUnknown: error.outcomeUnknown || answered5xx, message });
    return { job: failed, failure: error };
  }
}

/**
 * A run that Novita cannot have queued, so the outbox sends it again later (every replica paused meanwhile): a 429
 * (a rate limiter refuses before it queues), a 503 (not taking work now), a connection that never opened.
 */
export function refusedBeforeQueueing(error: NovitaError): boolean {
  if (error.kind === "rate_limited" || error.status === 503) return true;
  return (error.kind === "network" || error.kind === "timeout") && !error.outcomeUnknown;
}

async function settleSend(
  deps: JobServiceDeps,
  id: string,
  failure: { outcomeUnknown: boolean; message: string },
): Promise<JobRow> {
  return deps.db.transaction(async (tx) => {
    const row = await markRunFailed(tx as Database, id, failure);
    await deps.bus.publish(jobEvent(row), tx as Database);
    return row;
  });
}

/** A cancel's skip reason for an id that is no job in the ledger. */
export const NO_SUCH_JOB = "no such job";

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
    if (!row) skipped.push({ id, reason: NO_SUCH_JOB });
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

/**
 * Settles a job whose outcome is unknown with the Novita job id a person found for it (Novita's console, the
 * worker's logs): Novita is asked about that id on the job's endpoint first, so a wrong id changes nothing; then
 * the job carries it and the tracker follows it like any other. Never sends anything.
 */
export async function settleUnknownJob(
  deps: JobServiceDeps,
  request: { id: string; novitaJobId: string },
): Promise<JobRow> {
  const [row] = await deps.db.select().from(jobs).where(eq(jobs.id, request.id));
  if (!row) throw new JobNotFound(request.id);
  if (row.status !== UNKNOWN_OUTCOME)
    throw new ConsoleError(
      "invalid",
      `Job ${request.id} is ${row.status.toLowerCase()}: only a job whose outcome is unknown is settled.`,
    );
  const [taken] = await deps.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.novitaJobId, request.novitaJobId));
  if (taken) {
    const message = `Novita job ${request.novitaJobId} is already in the ledger as job ${taken.id}.`;
    throw new ConsoleError("invalid", message, { novitaJobId: message });
  }
  const endpoint = await routedEndpoint(deps, row.endpointId);
  const { value: upstream, route } = await callOnJobRoute(deps.db, endpoint, (name) =>
    deps.gateway.status(name, request.novitaJobId),
  ).catch((error: unknown) => {
    throw unknownToNovita(error);
  });
  const now = new Date();
  const settled = await deps.db.transaction(async (tx) => {
    const [reopened] = await tx
      .update(jobs)
      .set({
        novitaJobId: request.novitaJobId,
        routeName: route.name,
        finished: false,
        finishedAt: null,
        error: null,
        lastChangedAt: now,
      })
      .where(and(eq(jobs.id, row.id), eq(jobs.status, UNKNOWN_OUTCOME)))
      .returning();
    if (!reopened) throw new ConsoleError("conflict", `Job ${request.id} was settled meanwhile: reload its page.`);
    const changed = await applyUpstreamStatus(tx as Database, reopened, upstream, now);
    const current = changed ?? reopened;
    await deps.bus.publish(jobEvent(current), tx as Database);
    return current;
  });
  if (settled.status === "COMPLETED") deps.onJobCompleted?.(settled);
  return settled;
}
