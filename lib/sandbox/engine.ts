/**
 * The sandbox's simulation: endpoints with honestly simulated workers that scale by their policy, take jobs
 * from a FIFO queue, cold-start, idle out, and run jobs through the worker kind their image implies.
 * Pure state + a tick; the HTTP layer (server.ts) and persistence (persistence.ts) sit around it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { EndpointConfig, EndpointType } from "./endpoint-config";
import {
  isFinished,
  MAX_OUTPUT_BYTES,
  type EndpointState,
  type EngineSnapshot,
  type EngineTiming,
  type SandboxEndpoint,
  type SandboxJob,
  type SandboxJobStatus,
  type SandboxWorker,
  type WorkerResult,
  type WorkerRunner,
} from "./engine-types";
import { advanceLifecycle, answersToRoute, creatingState, displayedState, markUpdated } from "./endpoint-lifecycle";
import type { DefaultAppRoute } from "./quirks";

export * from "./engine-types";

export class SandboxEngine {
  readonly endpoints = new Map<string, SandboxEndpoint>();
  readonly jobs = new Map<string, SandboxJob>();
  readonly workers = new Map<string, SandboxWorker>();
  /** Queued job ids in arrival order, per endpoint. */
  private readonly queues = new Map<string, string[]>();
  private readonly running = new Map<string, AbortController>();
  /** Endpoints whose workers are paused by a test fault (they take no new jobs). */
  readonly pausedEndpoints = new Set<string>();
  private pausedAll = false;

  constructor(
    private readonly timing: EngineTiming,
    private readonly runWorker: WorkerRunner,
    private readonly now: () => number = Date.now,
    private readonly onChange: () => void = () => {},
  ) {}

  // ——— endpoints ———

  createEndpoint(
    config: Omit<EndpointConfig, "appName"> & { appName: string | undefined },
    type: EndpointType = "sync",
  ): SandboxEndpoint {
    const id = randomBytes(8).toString("hex");
    const now = this.now();
    const endpoint: SandboxEndpoint = {
      id,
      createdAt: now,
      type,
      appNameGiven: Boolean(config.appName),
      config: { ...config, appName: config.appName || id },
      state: creatingState(),
      readyAt: now + this.timing.endpointStartupMs,
      counters: { completed: 0, failed: 0, retried: 0 },
    };
    this.endpoints.set(id, endpoint);
    this.queues.set(id, []);
    this.changed();
    return endpoint;
  }

  /** Replaces the config; the endpoint reads `updating` for a while (type and app name stay). */
  updateEndpoint(id: string, config: EndpointConfig): SandboxEndpoint | undefined {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return undefined;
    endpoint.config = config;
    markUpdated(endpoint, this.now(), this.timing.endpointStartupMs);
    this.changed();
    return endpoint;
  }

  /**
   * Shows `state` instead of the simulated one for `forMs`
   * (undefined: until the next call). Display only: workers carry on.
   */
  forceState(id: string, state: EndpointState, forMs: number | undefined): SandboxEndpoint | undefined {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return undefined;
    endpoint.forcedState = { ...state, until: forMs === undefined ? null : this.now() + forMs };
    this.changed();
    return endpoint;
  }

  stateOf(endpoint: SandboxEndpoint): EndpointState {
    return displayedState(endpoint, this.now());
  }

  deleteEndpoint(id: string): boolean {
    if (!this.endpoints.delete(id)) return false;
    for (const job of this.jobs.values()) {
      if (job.endpointId !== id) continue;
      this.running.get(job.id)?.abort();
      this.running.delete(job.id);
      this.jobs.delete(job.id);
    }
    for (const worker of this.workers.values()) if (worker.endpointId === id) this.workers.delete(worker.id);
    this.queues.delete(id);
    this.pausedEndpoints.delete(id);
    this.changed();
    return true;
  }

  resolveRouteName(name: string, defaultAppRoute: DefaultAppRoute = "both"): SandboxEndpoint | undefined {
    for (const endpoint of this.endpoints.values())
      if (answersToRoute(endpoint, name, defaultAppRoute)) return endpoint;
    return undefined;
  }

  workersOf(endpointId: string): SandboxWorker[] {
    return [...this.workers.values()].filter((worker) => worker.endpointId === endpointId);
  }

  // ——— jobs ———

  submitJob(endpoint: SandboxEndpoint, input: unknown): SandboxJob {
    const job: SandboxJob = {
      id: randomUUID(),
      endpointId: endpoint.id,
      input,
      status: "IN_QUEUE",
      submittedAt: this.now(),
      startedAt: undefined,
      finishedAt: undefined,
      output: undefined,
      error: undefined,
      workerId: undefined,
    };
    this.jobs.set(job.id, job);
    this.queueOf(endpoint.id).push(job.id);
    this.changed();
    this.tick();
    return job;
  }

  /** A job of this endpoint that has not expired. */
  getJob(endpoint: SandboxEndpoint, jobId: string): SandboxJob | undefined {
    const job = this.jobs.get(jobId);
    if (!job || job.endpointId !== endpoint.id) return undefined;
    if (isFinished(job) && this.now() - (job.finishedAt ?? 0) >= this.timing.retentionMs) {
      this.jobs.delete(job.id);
      this.changed();
      return undefined;
    }
    return job;
  }

  /** Cancels a queued or running job; a finished one is left as it is. */
  cancelJob(job: SandboxJob): SandboxJob {
    if (isFinished(job)) return job;
    if (job.status === "IN_QUEUE") this.removeFromQueue(job);
    if (job.status === "IN_PROGRESS") this.releaseFromWorker(job);
    this.finish(job, "CANCELLED", {});
    return job;
  }

  health(endpoint: SandboxEndpoint) {
    const paused = this.isPaused(endpoint.id);
    const workers = { idle: 0, running: 0, throttled: 0, total: 0 };
    for (const worker of this.workersOf(endpoint.id)) {
      workers.total += 1;
      if (worker.state !== "running") continue;
      if (worker.jobIds.size > 0) workers.running += 1;
      else if (paused) workers.throttled += 1;
      else workers.idle += 1;
    }
    let inProgress = 0;
    for (const job of this.jobs.values())
      if (job.endpointId === endpoint.id && job.status === "IN_PROGRESS") inProgress += 1;
    return {
      workers,
      jobs: {
        completed: endpoint.counters.completed,
        failed: endpoint.counters.failed,
        inProgress,
        inQueue: this.queueOf(endpoint.id).length,
        retried: endpoint.counters.retried,
      },
    };
  }

  // ——— faults ———

  pause(endpointId?: string): void {
    if (endpointId) this.pausedEndpoints.add(endpointId);
    else this.pausedAll = true;
  }

  resume(endpointId?: string): void {
    if (endpointId) this.pausedEndpoints.delete(endpointId);
    else {
      this.pausedAll = false;
      this.pausedEndpoints.clear();
    }
    this.tick();
  }

  private isPaused(endpointId: string): boolean {
    return this.pausedAll || this.pausedEndpoints.has(endpointId);
  }

  /** Stops running work without recording an outcome (shutdown): a restart re-queues those jobs. */
  stop(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  reset(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.endpoints.clear();
    this.jobs.clear();
    this.workers.clear();
    this.queues.clear();
    this.pausedEndpoints.clear();
    this.pausedAll = false;
    this.changed();
  }

  // ——— the simulation step ———

  /** Advances every endpoint: start-up, cold starts, timeouts, assignment, scaling, idle release, expiry. */
  tick(): void {
    const now = this.now();
    for (const endpoint of this.endpoints.values()) {
      if (advanceLifecycle(endpoint, now)) this.changed();
      // A new endpoint has no workers until it is created; an updating one keeps serving.
      if (endpoint.state.state === "creating") continue;
      this.finishColdStarts(endpoint, now);
      this.enforceRequestTimeout(endpoint, now);
      this.assignQueuedJobs(endpoint, now);
      this.scale(endpoint, now);
    }
    this.expireFinishedJobs(now);
  }

  private finishColdStarts(endpoint: SandboxEndpoint, now: number) {
    for (const worker of this.workersOf(endpoint.id)) {
      if (worker.state === "starting" && now >= worker.readyAt) {
        worker.state = "running";
        worker.idleSince = now;
      }
    }
  }

  private enforceRequestTimeout(endpoint: SandboxEndpoint, now: number) {
    const limitMs = endpoint.config.workerConfig.requestTimeout * 1000;
    for (const worker of this.workersOf(endpoint.id)) {
      for (const jobId of [...worker.jobIds]) {
        const job = this.jobs.get(jobId);
        if (job?.startedAt !== undefined && now - job.startedAt >= limitMs) {
          this.releaseFromWorker(job);
          this.finish(job, "TIMED_OUT", {
            error:
              `request timed out after ${endpoint.config.workerConfig.requestTimeout} s ` +
              "(the endpoint's request timeout)",
          });
        }
      }
    }
  }

  private assignQueuedJobs(endpoint: SandboxEndpoint, now: number) {
    if (this.isPaused(endpoint.id)) return;
    const queue = this.queueOf(endpoint.id);
    const capacity = endpoint.config.workerConfig.maxConcurrent;
    for (const worker of this.workersOf(endpoint.id)) {
      while (worker.state === "running" && worker.jobIds.size < capacity && queue.length > 0) {
        const job = this.jobs.get(queue.shift()!);
        if (job) this.start(job, worker, endpoint, now);
      }
      if (queue.length === 0) break;
    }
  }

  /**
   * Scale up when the policy says so and the queue outgrows the capacity already running or starting;
   * from zero workers a queued job starts one at once. Scale down idle workers after `freeTimeout`.
   */
  private scale(endpoint: SandboxEndpoint, now: number) {
    const { minNum, maxNum, maxConcurrent, freeTimeout } = endpoint.config.workerConfig;
    const queue = this.queueOf(endpoint.id);
    for (let count = this.workersOf(endpoint.id).length; count < minNum; count += 1) this.addWorker(endpoint, now);
    // Read after the min workers were added: their capacity counts as starting capacity below.
    const workers = this.workersOf(endpoint.id);
    let count = workers.length;

    if (queue.length > 0 && count < maxNum && !this.isPaused(endpoint.id)) {
      const spare = workers.reduce(
        (sum, worker) =>
          sum + (worker.state === "starting" ? maxConcurrent : Math.max(0, maxConcurrent - worker.jobIds.size)),
        0,
      );
      const backlog = queue.length - spare;
      const oldest = this.jobs.get(queue[0]!);
      const waitedMs = oldest ? now - oldest.submittedAt : 0;
      const policyTriggered =
        count === 0 ||
        (endpoint.config.policy.type === "queue" && waitedMs >= endpoint.config.policy.value * 1000) ||
        (endpoint.config.policy.type === "concurrency" && queue.length > endpoint.config.policy.value);
      if (backlog > 0 && policyTriggered) {
        const toAdd = Math.min(Math.ceil(backlog / maxConcurrent), maxNum - count);
        for (let index = 0; index < toAdd; index += 1) this.addWorker(endpoint, now);
        count += toAdd;
      }
    }

    for (const worker of workers) {
      if (count <= minNum) break;
      if (worker.state === "running" && worker.jobIds.size === 0 && now - worker.idleSince >= freeTimeout * 1000) {
        this.workers.delete(worker.id);
        count -= 1;
      }
    }
  }

  private expireFinishedJobs(now: number) {
    for (const job of this.jobs.values()) {
      if (isFinished(job) && now - (job.finishedAt ?? now) >= this.timing.retentionMs) {
        this.jobs.delete(job.id);
        this.changed();
      }
    }
  }

  private addWorker(endpoint: SandboxEndpoint, now: number) {
    const worker: SandboxWorker = {
      id: `${endpoint.id.slice(0, 6)}-w${randomBytes(3).toString("hex")}`,
      endpointId: endpoint.id,
      state: "starting",
      readyAt: now + this.timing.coldStartMs,
      idleSince: now,
      jobIds: new Set(),
    };
    this.workers.set(worker.id, worker);
  }

  private start(job: SandboxJob, worker: SandboxWorker, endpoint: SandboxEndpoint, now: number) {
    job.status = "IN_PROGRESS";
    job.startedAt = now;
    job.workerId = worker.id;
    worker.jobIds.add(job.id);
    const controller = new AbortController();
    this.running.set(job.id, controller);
    this.changed();
    this.runWorker({ id: job.id, input: job.input, endpoint, signal: controller.signal })
      .catch((error: unknown): WorkerResult => ({ error: error instanceof Error ? error.message : String(error) }))
      .then((result) => {
        if (controller.signal.aborted || job.status !== "IN_PROGRESS") return;
        this.releaseFromWorker(job);
        this.complete(job, result);
        this.tick();
      });
  }

  /** Applies the worker SDK's rule: a result holding `error` fails the job; oversize output fails it too. */
  private complete(job: SandboxJob, result: WorkerResult) {
    if (result.error !== undefined) {
      this.finish(job, "FAILED", { error: result.error, output: result.output });
      return;
    }
    const size = result.output === undefined ? 0 : Buffer.byteLength(JSON.stringify(result.output));
    if (size > MAX_OUTPUT_BYTES) {
      this.finish(job, "FAILED", {
        error:
          `output is ${(size / 1024 / 1024).toFixed(2)} MiB, over the 4 MiB limit of the status API; ` +
          "configure object storage (BUCKET_ENDPOINT_URL, BUCKET_ACCESS_KEY_ID, BUCKET_SECRET_ACCESS_KEY, " +
          "BUCKET_NAME) so the worker uploads files and returns URLs",
      });
      return;
    }
    this.finish(job, "COMPLETED", { output: result.output });
  }

  private finish(job: SandboxJob, status: SandboxJobStatus, result: { output?: unknown; error?: string }) {
    job.status = status;
    job.finishedAt = this.now();
    job.output = result.output;
    job.error = result.error;
    const endpoint = this.endpoints.get(job.endpointId);
    if (endpoint && status === "COMPLETED") endpoint.counters.completed += 1;
    if (endpoint && (status === "FAILED" || status === "TIMED_OUT")) endpoint.counters.failed += 1;
    this.changed();
  }

  private releaseFromWorker(job: SandboxJob) {
    this.running.get(job.id)?.abort();
    this.running.delete(job.id);
    const worker = job.workerId ? this.workers.get(job.workerId) : undefined;
    if (worker) {
      worker.jobIds.delete(job.id);
      if (worker.jobIds.size === 0) worker.idleSince = this.now();
    }
  }

  private removeFromQueue(job: SandboxJob) {
    const queue = this.queueOf(job.endpointId);
    const index = queue.indexOf(job.id);
    if (index >= 0) queue.splice(index, 1);
  }

  private queueOf(endpointId: string): string[] {
    let queue = this.queues.get(endpointId);
    if (!queue) {
      queue = [];
      this.queues.set(endpointId, queue);
    }
    return queue;
  }

  private changed() {
    this.onChange();
  }

  // ——— persistence ———

  snapshot(): EngineSnapshot {
    return { endpoints: [...this.endpoints.values()], jobs: [...this.jobs.values()] };
  }

  /**
   * Restores endpoints and jobs. Workers do not survive a restart: jobs that were running go back to the
   * front of the queue and count as retried, as on a platform whose worker died.
   */
  restore(snapshot: EngineSnapshot): void {
    this.reset();
    for (const endpoint of snapshot.endpoints) {
      this.endpoints.set(endpoint.id, endpoint);
      this.queues.set(endpoint.id, []);
    }
    const ordered = [...snapshot.jobs].sort((a, b) => a.submittedAt - b.submittedAt);
    const requeued: SandboxJob[] = [];
    for (const job of ordered) {
      if (!this.endpoints.has(job.endpointId)) continue;
      this.jobs.set(job.id, job);
      if (job.status === "IN_PROGRESS") {
        job.status = "IN_QUEUE";
        job.startedAt = undefined;
        job.workerId = undefined;
        this.endpoints.get(job.endpointId)!.counters.retried += 1;
        requeued.push(job);
      } else if (job.status === "IN_QUEUE") {
        this.queueOf(job.endpointId).push(job.id);
      }
    }
    for (const job of requeued.reverse()) this.queueOf(job.endpointId).unshift(job.id);
  }
}
