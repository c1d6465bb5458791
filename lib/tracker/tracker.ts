/**
 * The job tracker: one loop per server process that asks Novita about every unfinished job in the ledger
 * (one call per job per interval, however many people watch), records each change, publishes it on the bus, and
 * samples `/health` of the endpoints that have jobs in flight or are being watched. It resumes from the database
 * after a restart: the ledger is its only state.
 */
import { BackgroundLoop } from "@/lib/utils/loop";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { healthSamples, jobs } from "@/lib/db/schema";
import { applyUpstreamStatus, dueJobs, markExpired, unfinishedRoutes, type JobRow } from "@/lib/jobs/ledger";
import { toJobSummary } from "@/lib/jobs/summary";
import { isNovitaError } from "@/lib/novita/errors";
import type { EndpointHealth, Job } from "@/lib/novita/types";
import type { EventBus } from "./bus";
import { forEachLimited } from "./concurrency";
import { compactHealthSamples } from "./health-retention";

export interface TrackerGateway {
  status(routeName: string, jobId: string): Promise<Job>;
  /** `endpointId` lets the caller try the endpoint's other route names when this one is not found. */
  health(routeName: string, endpointId: string): Promise<EndpointHealth>;
}

export interface TrackerOptions {
  db: Database;
  gateway: TrackerGateway;
  bus: EventBus;
  /** Route names of endpoints to sample when someone is watching (the endpoints list), beyond those with jobs. */
  watchedRoutes?: () => Promise<{ endpointId: string; routeName: string }[]>;
  loopMs?: number;
  concurrency?: number;
  batchSize?: number;
  healthEveryMs?: number;
  onError?: (error: unknown, context: string) => void;
  /** Called (synchronously; it must not block) when a job reaches COMPLETED: the output archiver's hook. */
  onJobCompleted?: (job: JobRow) => void;
}

export class JobTracker {
  private running = false;
  private pausedUntil = 0;
  private lastHealthAt = 0;
  private lastCompactionAt = 0;
  /** Calls made to Novita, for benchmarks and tests. */
  readonly calls = { status: 0, health: 0 };

  private readonly loop: BackgroundLoop;

  constructor(private readonly options: TrackerOptions) {
    this.loop = new BackgroundLoop(
      () => this.tick(),
      this.options.loopMs ?? 250,
      (error) => this.options.onError?.(error, "tracker tick"),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** One pass: poll due jobs, then sample health when it is time. Never overlaps itself. */
  async tick(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      if (now.getTime() >= this.pausedUntil) await this.pollDueJobs(now);
      if (now.getTime() - this.lastHealthAt >= (this.options.healthEveryMs ?? 10_000)) {
        this.lastHealthAt = now.getTime();
        await this.sampleHealth(now);
      }
      if (now.getTime() - this.lastCompactionAt >= 10 * 60_000) {
        this.lastCompactionAt = now.getTime();
        await compactHealthSamples(this.options.db, now);
      }
    } finally {
      this.running = false;
    }
  }

  private async pollDueJobs(now: Date) {
    const { db, gateway, bus } = this.options;
    const due = await dueJobs(db, now, this.options.batchSize ?? 100);
    await forEachLimited(due, this.options.concurrency ?? 8, async (row) => {
      if (Date.now() < this.pausedUntil) return;
      try {
        this.calls.status += 1;
        const upstream = await gateway.status(row.routeName, row.novitaJobId!);
        const updated = await applyUpstreamStatus(db, row, upstream);
        if (updated) bus.publish({ type: "job", job: toJobSummary(updated) });
        if (updated?.status === "COMPLETED" && row.status !== "COMPLETED") this.notifyCompleted(updated);
      } catch (error) {
        await this.handlePollFailure(row, error);
      }
    });
  }

  private notifyCompleted(job: JobRow) {
    try {
      this.options.onJobCompleted?.(job);
    } catch (error) {
      this.options.onError?.(error, `completion hook of job ${job.id}`);
    }
  }

  private async handlePollFailure(row: JobRow, error: unknown) {
    const { db, bus } = this.options;
    if (isNovitaError(error) && error.kind === "not_found") {
      bus.publish({ type: "job", job: toJobSummary(await markExpired(db, row)) });
      return;
    }
    if (isNovitaError(error) && error.kind === "rate_limited") {
      // Novita asked for quiet: every poll waits, not only this job's.
      this.pausedUntil = Date.now() + (error.retryAfterMs ?? 5_000);
    }
    await db
      .update(jobs)
      .set({
        nextPollAt: new Date(Date.now() + (isNovitaError(error) && error.retryAfterMs ? error.retryAfterMs : 10_000)),
      })
      .where(eq(jobs.id, row.id));
    this.options.onError?.(error, `status of job ${row.id}`);
  }

  private async sampleHealth(now: Date) {
    const { db, gateway, bus } = this.options;
    const routes = new Map<string, string>();
    for (const route of await unfinishedRoutes(db)) routes.set(route.endpointId, route.routeName);
    if (bus.watchers > 0 && this.options.watchedRoutes) {
      for (const route of await this.options.watchedRoutes().catch(() => []))
        routes.set(route.endpointId, route.routeName);
    }
    await forEachLimited([...routes.entries()], this.options.concurrency ?? 8, async ([endpointId, routeName]) => {
      try {
        this.calls.health += 1;
        const health = await gateway.health(routeName, endpointId);
        const sample = {
          endpointId,
          at: now,
          workersIdle: health.workers.idle,
          workersRunning: health.workers.running,
          workersThrottled: health.workers.throttled,
          workersTotal: health.workers.total,
          jobsInQueue: health.jobs.inQueue,
          jobsInProgress: health.jobs.inProgress,
          jobsCompleted: health.jobs.completed,
          jobsFailed: health.jobs.failed,
        };
        await db.insert(healthSamples).values(sample);
        bus.publish({ type: "health", endpointId, sample: { ...sample, at: now.toISOString() } });
      } catch (error) {
        this.options.onError?.(error, `health of ${endpointId}`);
      }
    });
  }
}
