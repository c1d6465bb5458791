/**
 * Webhook delivery, driven from the database: a job with a webhook is `pending` until its final status has been
 * POSTed (`delivered`) or every attempt failed (`failed`). One loop per server process claims due jobs with
 * `FOR UPDATE SKIP LOCKED` and a lease (replicas sharing one Postgres never take the same delivery), sends, records
 * each attempt in `webhook_attempts` and schedules the next after a growing pause. A restart resumes from the rows.
 */
import { BackgroundLoop } from "@/lib/utils/loop";
import { and, asc, eq, isNull, lte, max, or } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs, webhookAttempts } from "@/lib/db/schema";
import { wireJobStatus } from "@/lib/gateway/wire";
import type { JobRow } from "@/lib/jobs/ledger";
import { isTerminalJobStatus } from "@/lib/novita/types";
import { forEachLimited } from "@/lib/tracker/concurrency";
import type { WebhookPolicy } from "./accept";
import { readSigningSecret } from "./secrets";
import { sendWebhook, WEBHOOK_TIMEOUT_MS, type AttemptOutcome } from "./send";
import { webhookHeaders } from "./signature";

export interface DelivererOptions {
  db: Database;
  consoleSecret: () => string;
  /** Read per attempt: a key stored in Settings leaves local mode (and its loopback allowance) at once. */
  policy: () => WebhookPolicy;
  /** The pause before each retry: 1 first try + one retry per pause. */
  pausesMs: number[];
  timeoutMs?: number;
  loopMs?: number;
  batchSize?: number;
  onError?: (error: unknown, context: string) => void;
}

export class WebhookDeliverer {
  private running = false;

  private readonly loop: BackgroundLoop;

  constructor(private readonly options: DelivererOptions) {
    this.loop = new BackgroundLoop(
      () => this.tick(),
      this.options.loopMs ?? 1_000,
      (error) => this.options.onError?.(error, "webhook tick"),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** One pass: claims the due deliveries and makes one attempt each. Never overlaps itself. */
  async tick(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const due = await this.claimDue(now);
      await forEachLimited(due, 8, (job) =>
        this.deliver(job).catch((error: unknown) => this.options.onError?.(error, `webhook of job ${job.id}`)),
      );
    } finally {
      this.running = false;
    }
  }

  /** Finished jobs whose delivery is due, leased past the attempt's deadline so no other loop takes them. */
  private claimDue(now: Date): Promise<JobRow[]> {
    const leaseUntil = new Date(now.getTime() + (this.options.timeoutMs ?? WEBHOOK_TIMEOUT_MS) + 20_000);
    return this.options.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(jobs)
        .where(
          and(
            eq(jobs.webhookState, "pending"),
            eq(jobs.finished, true),
            or(isNull(jobs.webhookNextAt), lte(jobs.webhookNextAt, now)),
          ),
        )
        .orderBy(asc(jobs.webhookNextAt))
        .limit(this.options.batchSize ?? 20)
        .for("update", { skipLocked: true });
      for (const job of due) await tx.update(jobs).set({ webhookNextAt: leaseUntil }).where(eq(jobs.id, job.id));
      return due;
    });
  }

  private async deliver(job: JobRow): Promise<void> {
    const { db } = this.options;
    // UNKNOWN, EXPIRED, or refused before Novita took it: there is no final status to tell.
    if (!isTerminalJobStatus(job.status) || !job.novitaJobId || !job.webhookUrl) {
      await db.update(jobs).set({ webhookState: "skipped", webhookNextAt: null }).where(eq(jobs.id, job.id));
      return;
    }
    const [last] = await db
      .select({ attempt: max(webhookAttempts.attempt) })
      .from(webhookAttempts)
      .where(eq(webhookAttempts.jobId, job.id));
    const attempt = (last?.attempt ?? 0) + 1;
    const secret = await this.secretOf(job);
    const outcome: AttemptOutcome = secret
      ? await this.send(job, job.webhookUrl, secret)
      : { statusCode: null, error: "The job's owner has no readable signing secret: nothing was sent.", durationMs: 0 };
    const attemptedAt = new Date();
    await db.insert(webhookAttempts).values({ jobId: job.id, attempt, attemptedAt, ...outcome });
    const pause = this.options.pausesMs[attempt - 1];
    const next =
      outcome.error === null
        ? { webhookState: "delivered", webhookNextAt: null }
        : secret && pause !== undefined
          ? { webhookState: "pending", webhookNextAt: new Date(attemptedAt.getTime() + pause) }
          : { webhookState: "failed", webhookNextAt: null };
    await db.update(jobs).set(next).where(eq(jobs.id, job.id));
  }

  private async secretOf(job: JobRow): Promise<string | undefined> {
    if (!job.webhookOwner) return undefined;
    try {
      return await readSigningSecret(this.options.db, this.options.consoleSecret(), job.webhookOwner);
    } catch {
      return undefined;
    }
  }

  private send(job: JobRow, url: string, secret: string): Promise<AttemptOutcome> {
    const body = JSON.stringify(wireJobStatus(job));
    // The job id is the delivery's id: the same on every retry, so receivers can drop duplicates.
    return sendWebhook(url, webhookHeaders(secret, job.id, body), body, this.options.policy(), this.options.timeoutMs);
  }
}
