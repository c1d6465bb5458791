/**
 * The job tracker: a loop per server process that asks Novita about the unfinished jobs in the ledger, records
 * each change and publishes it on the bus. Replicas sharing one Postgres share the work: each due job is claimed
 * by one replica per interval (a lease in `next_poll_at`, lib/jobs/ledger.ts `claimDueJobs`), and the work done
 * once for the whole cluster — sampling `/health`, waking queued jobs that have probably started, compacting old
 * samples — is done by the replica holding the `tracker` lease (lib/cluster/lease.ts). A Novita 429 pauses every
 * replica until its `Retry-After`. The ledger is the only state: a restarted or replacement replica resumes from it.
 */
import { BackgroundLoop } from "@/lib/utils/loop";
import { eq } from "drizzle-orm";
import { anyLeaseHeld, clusterPausedUntil, holdLease, NOVITA_PAUSE, pauseCluster } from "@/lib/cluster/lease";
import type { Database } from "@/lib/db/client";
import { healthSamples, jobs } from "@/lib/db/schema";
import {
  applyUpstreamStatus,
  claimDueJobs,
  endpointsInFlight,
  markExpired,
  wakeOldestQueued,
  type EndpointInFlight,
  type JobRow,
} from "@/lib/jobs/ledger";
import { toJobSummary } from "@/lib/jobs/summary";
import { isNovitaError } from "@/lib/novita/errors";
import type { EndpointHealth, Job } from "@/lib/novita/types";
import type { EventBus } from "./bus";
import { forEachLimited } from "./concurrency";
import { compactHealthSamples } from "./health-retention";
import { pollDelayMs, probablyStarted } from "./poll-policy";

export interface TrackerGateway {
  status(routeName: string, jobId: string): Promise<Job>;
  /** `endpointId` lets the caller try the endpoint's other route names when this one is not found. */
  health(routeName: string, endpointId: string): Promise<EndpointHealth>;
}

export interface TrackerOptions {
  db: Database;
  gateway: TrackerGateway;
  bus: EventBus;
  /** This replica's name in leases (lib/cluster/lease.ts `replicaId`). */
  replicaId?: string;
  /** Route names of endpoints to sample when someone is watching (the endpoints list), beyond those with jobs. */
  watchedRoutes?: () => Promise<{ endpointId: string; routeName: string }[]>;
  loopMs?: number;
  concurrency?: number;
  /** Most status calls per tick. */
  batchSize?: number;
  /** How long a claimed job is this replica's alone (and how soon another takes over when this one dies). */
  claimLeaseMs?: number;
  /** How often a health sample is stored and published per endpoint. */
  healthEveryMs?: number;
  /** How often `/health` of an endpoint with queued jobs is read, to wake the ones that have started. */
  queueWatchMs?: number;
  onError?: (error: unknown, context: string) => void;
  /** Called (synchronously; it must not block) when a job reaches COMPLETED: the output archiver's hook. */
  onJobCompleted?: (job: JobRow) => void;
}

const TRACKER_LEASE = "tracker";
const FAILED_POLL_MAX_DELAY_MS = 10_000;
const WATCHERS_PREFIX = "watchers:";

export class JobTracker {
  private running = false;
  private pausedUntil = 0;
  private pauseCheckedAt = 0;
  private clusterWorkAt = 0;
  private watchersMarkedAt = 0;
  private lastCompactionAt = 0;
  private readonly lastStoredAt = new Map<string, number>();
  private readonly lastHealth = new Map<string, EndpointHealth>();
  /** Per endpoint: queued jobs that have probably started but could not be woken yet. */
  private readonly owedWakes = new Map<string, number>();
  private inFlight = new Map<string, EndpointInFlight>();
  private inFlightReadAt = 0;
  /** Jobs claimed and not yet answered for: left out of new claims (a slow answer may outlive its tick). */
  private readonly polling = new Set<string>();
  /** Status calls failed in a row on this replica: the next ask of a failed job waits longer the more there are. */
  private failuresInARow = 0;
  private clusterWorking = false;
  /** Calls made to Novita, for benchmarks and tests. */
  readonly calls = { status: 0, health: 0 };

  private readonly loop: BackgroundLoop;

  constructor(private readonly options: TrackerOptions) {
    this.loop = new BackgroundLoop(
      () => this.tick(),
      this.options.loopMs ?? 100,
      (error) => this.options.onError?.(error, "tracker tick"),
    );
  }

  private get id(): string {
    return this.options.replicaId ?? "single";
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** One pass: poll the due jobs this replica claims, then the cluster's work when it holds the lease. */
  async tick(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.refreshPause(now);
      await this.refreshInFlight(now);
      if (now.getTime() >= this.pausedUntil) await this.pollDueJobs(now);
      await this.markWatchers(now);
      if (now.getTime() - this.clusterWorkAt >= this.queueWatchMs) {
        this.clusterWorkAt = now.getTime();
        if (
          !this.clusterWorking &&
          (await holdLease(this.options.db, TRACKER_LEASE, this.id, this.queueWatchMs * 3 + 2_000, now))
        ) {
          // Like the polls: a `/health` that hangs finishes by itself, the pass goes on after the claims' lease.
          this.clusterWorking = true;
          const work = this.clusterWork(now)
            .catch((error: unknown) => this.options.onError?.(error, "tracker cluster work"))
            .finally(() => (this.clusterWorking = false));
          await Promise.race([work, new Promise((resolve) => setTimeout(resolve, this.claimLeaseMs).unref?.())]);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private get queueWatchMs(): number {
    return this.options.queueWatchMs ?? 1_000;
  }

  private get claimLeaseMs(): number {
    return this.options.claimLeaseMs ?? 2_000;
  }

  /** A 429 seen by any replica pauses them all (read at most once a second). */
  private async refreshPause(now: Date) {
    if (now.getTime() - this.pauseCheckedAt < 1_000) return;
    this.pauseCheckedAt = now.getTime();
    const until = await clusterPausedUntil(this.options.db, NOVITA_PAUSE, now);
    if (until) this.pausedUntil = Math.max(this.pausedUntil, until.getTime());
  }

  /** Queued and running jobs per endpoint, for the polling policy (read at most once a second). */
  private async refreshInFlight(now: Date) {
    if (now.getTime() - this.inFlightReadAt < 1_000) return;
    this.inFlightReadAt = now.getTime();
    this.inFlight = new Map((await endpointsInFlight(this.options.db)).map((entry) => [entry.endpointId, entry]));
  }

  private async pollDueJobs(now: Date) {
    const { db } = this.options;
    const concurrency = this.options.concurrency ?? 8;
    const budget = this.options.batchSize ?? 100;
    // Claimed in small batches, each done well within its lease, until nothing is due or the tick's budget is spent.
    for (let polled = 0; polled < budget;) {
      // At most `concurrency` status calls at once, counting those still waiting from earlier passes.
      const room = concurrency - this.polling.size;
      if (room <= 0) return;
      const claimed = (await claimDueJobs(db, now, Math.min(room, budget - polled), this.claimLeaseMs)).filter(
        (row) => !this.polling.has(row.id),
      );
      for (const row of claimed) this.polling.add(row.id);
      const batch = Promise.all(
        claimed.map(async (row) => {
          try {
            await this.poll(row);
          } finally {
            this.polling.delete(row.id);
          }
        }),
      ).catch((error: unknown) => this.options.onError?.(error, "tracker polls"));
      // One slow answer (Novita hanging until the client's timeout) must not hold up every other job: past the
      // claims' lease the pass moves on, and the stragglers finish by themselves.
      const finished = await Promise.race([
        batch.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.claimLeaseMs).unref?.()),
      ]);
      polled += claimed.length;
      if (!finished || claimed.length < room || Date.now() < this.pausedUntil) return;
    }
  }

  private async poll(row: JobRow) {
    const { db, gateway, bus } = this.options;
    if (Date.now() < this.pausedUntil) return;
    try {
      this.calls.status += 1;
      const upstream = await gateway.status(row.routeName, row.novitaJobId!);
      this.failuresInARow = 0;
      const now = new Date();
      const queued = this.inFlight.get(row.endpointId)?.queued ?? 0;
      // The change and its event in one transaction: a replica killed between the two cannot lose the event.
      const updated = await db.transaction(async (tx) => {
        const changed = await applyUpstreamStatus(tx as Database, row, upstream, now, pollDelayMs(row, now, queued));
        if (changed) await bus.publish({ type: "job", job: toJobSummary(changed) }, tx as Database);
        return changed;
      });
      if (updated?.status === "COMPLETED" && row.status !== "COMPLETED") this.notifyCompleted(updated);
      // A finished job freed its worker, which has probably taken the next in line: ask about that one now.
      if (updated?.finished && queued > 0) await wakeOldestQueued(db, row.endpointId, 1, now);
    } catch (error) {
      await this.handlePollFailure(row, error);
    }
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
      await db.transaction(async (tx) => {
        const expired = await markExpired(tx as Database, row);
        await bus.publish({ type: "job", job: toJobSummary(expired) }, tx as Database);
      });
      return;
    }
    if (isNovitaError(error) && error.kind === "rate_limited") {
      // Novita asked for quiet: every poll of every replica waits, not only this job's.
      this.pausedUntil = Date.now() + (error.retryAfterMs ?? 5_000);
      await pauseCluster(db, NOVITA_PAUSE, new Date(this.pausedUntil));
    }
    // One failure among answers (a flaky upstream) is asked about again in 2 s; failures in a row (Novita down)
    // back off to 10 s, so an outage does not become a storm of calls.
    this.failuresInARow += 1;
    const backoffMs = Math.min(FAILED_POLL_MAX_DELAY_MS, 1_000 * 2 ** Math.min(this.failuresInARow, 4));
    await db
      .update(jobs)
      .set({
        nextPollAt: new Date(
          Date.now() + (isNovitaError(error) && error.retryAfterMs ? error.retryAfterMs : backoffMs),
        ),
      })
      .where(eq(jobs.id, row.id));
    this.options.onError?.(error, `status of job ${row.id}`);
  }

  /** A replica with browsers watching says so (the lease holder samples the watched endpoints for everyone). */
  private async markWatchers(now: Date) {
    if (this.options.bus.watchers === 0 || now.getTime() - this.watchersMarkedAt < 10_000) return;
    this.watchersMarkedAt = now.getTime();
    await holdLease(this.options.db, `${WATCHERS_PREFIX}${this.id}`, this.id, 30_000, now);
  }

  /** Once per interval for the whole cluster: `/health` of the endpoints that need it, and compaction. */
  private async clusterWork(now: Date) {
    await this.sampleHealth(now);
    if (now.getTime() - this.lastCompactionAt >= 10 * 60_000) {
      this.lastCompactionAt = now.getTime();
      await compactHealthSamples(this.options.db, now);
    }
  }

  /**
   * Endpoints with queued jobs are read every interval (their counters wake the jobs that started); the others —
   * running jobs only, or watched in a browser — every `healthEveryMs`, when a sample is also stored.
   */
  private async sampleHealth(now: Date) {
    const { db, gateway } = this.options;
    const healthEveryMs = this.options.healthEveryMs ?? 10_000;
    const storeDue = (endpointId: string) => now.getTime() - (this.lastStoredAt.get(endpointId) ?? 0) >= healthEveryMs;
    const wanted = new Map<string, { routeName: string; flight?: EndpointInFlight }>();
    for (const flight of this.inFlight.values())
      if (flight.queued > 0 || storeDue(flight.endpointId))
        wanted.set(flight.endpointId, { routeName: flight.routeName, flight });
    if (this.options.watchedRoutes && (await anyLeaseHeld(db, WATCHERS_PREFIX, now))) {
      for (const route of await this.options.watchedRoutes().catch(() => []))
        if (!wanted.has(route.endpointId) && storeDue(route.endpointId))
          wanted.set(route.endpointId, { routeName: route.routeName });
    }
    await forEachLimited([...wanted.entries()], this.options.concurrency ?? 8, async ([endpointId, target]) => {
      try {
        this.calls.health += 1;
        const health = await gateway.health(target.routeName, endpointId);
        if (target.flight?.queued) {
          // A wake that found no job to wake (each was asked within the last second) is owed to the next reading:
          // the counters that told of it will not move again.
          const owed =
            (this.owedWakes.get(endpointId) ?? 0) +
            probablyStarted(health, this.lastHealth.get(endpointId), target.flight);
          const woken = await wakeOldestQueued(db, endpointId, Math.min(owed, target.flight.queued), now);
          this.owedWakes.set(endpointId, Math.min(owed - woken, target.flight.queued));
        } else this.owedWakes.delete(endpointId);
        this.lastHealth.set(endpointId, health);
        if (storeDue(endpointId)) await this.storeSample(endpointId, health, now);
      } catch (error) {
        this.options.onError?.(error, `health of ${endpointId}`);
      }
    });
  }

  private async storeSample(endpointId: string, health: EndpointHealth, now: Date) {
    this.lastStoredAt.set(endpointId, now.getTime());
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
    await this.options.db.insert(healthSamples).values(sample);
    await this.options.bus.publish({ type: "health", endpointId, sample: { ...sample, at: now.toISOString() } });
  }
}
