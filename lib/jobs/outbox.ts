/**
 * The send outbox, in the job ledger: every requested job is recorded (all copies of a send, all jobs of a sweep,
 * in one transaction) as `to_send` before any run call; a sender claims rows (`sending`, with a lease) just before
 * it calls Novita, and Novita's answer clears the state. So after a crash a row never claimed is still to send, and
 * a row claimed but never answered is "outcome unknown" — never a blind resend. Pure database code.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobEvents, jobs } from "@/lib/db/schema";
import type { AcceptedWebhook } from "@/lib/webhooks/accept";
import type { JobRow } from "./ledger";
import { inputSearchText } from "./search-text";
import { SUBMITTING, UNKNOWN_OUTCOME } from "./status";

export const TO_SEND = "to_send";
export const SENDING = "sending";

/** What a sent-but-unanswered row says once its sender is gone. */
export const ABANDONED_SEND_MESSAGE =
  "The console stopped while sending this job: Novita may or may not have queued it. Settle it here: look it up " +
  "by its Novita id, or send it again on purpose.";

export interface RecordRequest {
  endpointId: string;
  routeName: string;
  userId: string | null;
  resubmittedFrom?: string;
  webhook?: AcceptedWebhook;
}

/**
 * Records one job per input as to send, with its SUBMITTING event, in the caller's transaction. The first
 * `claim.count` rows are recorded already claimed (`sending`, with the lease) for the request that sends them at
 * once: one write fewer per job, and a crash in the instant between the commit and the call makes them "outcome
 * unknown", which is what they honestly are.
 */
export async function recordJobsToSend(
  tx: Database,
  request: RecordRequest,
  inputs: unknown[],
  claim: { count: number; leaseMs: number } = { count: 0, leaseMs: 0 },
): Promise<JobRow[]> {
  if (!inputs.length) return [];
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + claim.leaseMs);
  const rows = await tx
    .insert(jobs)
    .values(
      inputs.map((input, index) => ({
        id: randomUUID(),
        endpointId: request.endpointId,
        routeName: request.routeName,
        status: SUBMITTING,
        input: input as object,
        searchText: inputSearchText(input),
        submittedBy: request.userId,
        resubmittedFrom: request.resubmittedFrom ?? null,
        // A millisecond apart, so the ledger's newest-first order is the order they were asked for.
        submittedAt: new Date(now.getTime() + index),
        lastChangedAt: now,
        ...(index < claim.count ? { sendState: SENDING, sendLeaseUntil: leaseUntil } : { sendState: TO_SEND }),
        ...(request.webhook
          ? { webhookUrl: request.webhook.url, webhookOwner: request.webhook.ownerId, webhookState: "pending" }
          : {}),
      })),
    )
    .returning();
  await tx.insert(jobEvents).values(rows.map((row) => ({ jobId: row.id, status: SUBMITTING, at: now })));
  return rows.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

/**
 * Claims rows to send, oldest first: among `ids` when given (a request sending its own jobs), else any row recorded
 * before `olderThan` (the background sender leaves a request a moment to send its own). The lease says when a
 * claimed row whose call never answered counts as abandoned.
 */
export async function claimToSend(
  db: Database,
  options: { ids?: string[]; olderThan?: Date; limit: number; leaseMs: number; now?: Date },
): Promise<JobRow[]> {
  const now = options.now ?? new Date();
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.sendState, TO_SEND),
        or(isNull(jobs.sendLeaseUntil), lt(jobs.sendLeaseUntil, now)),
        options.ids ? inArray(jobs.id, options.ids) : undefined,
        options.olderThan ? lt(jobs.submittedAt, options.olderThan) : undefined,
      ),
    )
    .orderBy(asc(jobs.submittedAt))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(jobs)
    .set({ sendState: SENDING, sendLeaseUntil: new Date(now.getTime() + options.leaseMs) })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

/** Novita refused for now (429): nothing was queued, so the row goes back to be sent after `notBefore`. */
export async function releaseToSend(db: Database, id: string, notBefore: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ sendState: TO_SEND, sendLeaseUntil: notBefore })
    .where(and(eq(jobs.id, id), eq(jobs.sendState, SENDING)));
}

/**
 * Claimed rows whose lease ran out without an answer (their sender died mid-call): outcome unknown, with an event.
 * Returns them as they are now, for the bus.
 */
export async function settleAbandonedSends(db: Database, now = new Date(), limit = 100): Promise<JobRow[]> {
  const abandoned = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.sendState, SENDING), lt(jobs.sendLeaseUntil, now)))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(jobs)
    .set({
      status: UNKNOWN_OUTCOME,
      finished: true,
      error: ABANDONED_SEND_MESSAGE,
      finishedAt: now,
      lastChangedAt: now,
      nextPollAt: null,
      sendState: null,
      sendLeaseUntil: null,
    })
    .where(inArray(jobs.id, abandoned))
    .returning();
  if (rows.length)
    await db
      .insert(jobEvents)
      .values(rows.map((row) => ({ jobId: row.id, status: UNKNOWN_OUTCOME, at: now, detail: ABANDONED_SEND_MESSAGE })));
  return rows;
}

/** How many of `ids` are still waiting to be sent or being sent. */
export async function unsentCount(db: Database, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(inArray(jobs.id, ids), inArray(jobs.sendState, [TO_SEND, SENDING])));
  return row?.count ?? 0;
}
