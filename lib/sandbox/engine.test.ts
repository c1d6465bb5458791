/**
 * SandboxEngine on a fake clock: `now` is a variable the tests advance, the worker runner is driven by hand
 * (each run returns a promise the test settles), and `tick()` is called explicitly — no timers, no wall clock.
 */
import { describe, expect, it } from "vitest";
import type { EndpointConfig } from "./endpoint-config";
import { storedEndpointConfig, type StoredEndpointConfig } from "./test-support";
import {
  MAX_OUTPUT_BYTES,
  SandboxEngine,
  type EngineSnapshot,
  type SandboxEndpoint,
  type SandboxJob,
  type WorkerResult,
} from "./engine";

const TIMING = { coldStartMs: 2000, endpointStartupMs: 1500, retentionMs: 60_000 };

type WorkerConfigOverrides = Partial<EndpointConfig["workerConfig"]>;

function endpointConfig(
  workerConfig: WorkerConfigOverrides = {},
  policy: EndpointConfig["policy"] = { type: "queue", value: 5 },
): StoredEndpointConfig {
  return storedEndpointConfig({
    workerConfig: { requestTimeout: 3600, ...workerConfig },
    ports: [{ port: 8188 }],
    policy,
    image: { image: "example/echo:latest", authId: "", command: "" },
  });
}

/** One call of the worker runner, settled by the test. */
interface Run {
  id: string;
  input: unknown;
  signal: AbortSignal;
  resolve(result: WorkerResult): void;
  reject(error: unknown): void;
}

/** A fake clock, a hand-driven runner and the engine under test. */
function harness(
  timing: Partial<typeof TIMING> = {},
  options: { autoResolve?: (input: unknown) => WorkerResult } = {},
) {
  const clock = { t: 0 };
  const runs: Run[] = [];
  const engine = new SandboxEngine(
    { ...TIMING, ...timing },
    ({ id, input, signal }) => {
      if (options.autoResolve) return Promise.resolve(options.autoResolve(input));
      return new Promise<WorkerResult>((resolve, reject) => runs.push({ id, input, signal, resolve, reject }));
    },
    () => clock.t,
  );
  return {
    clock,
    runs,
    engine,
    /** Sets the clock to `t` (absolute ms) and ticks. */
    at(t: number) {
      expect(t).toBeGreaterThanOrEqual(clock.t);
      clock.t = t;
      engine.tick();
    },
    /** Advances the clock by `ms` and ticks. */
    advance(ms: number) {
      clock.t += ms;
      engine.tick();
    },
    run(jobId: string): Run {
      const run = runs.find((candidate) => candidate.id === jobId);
      if (!run) throw new Error(`job ${jobId} was never given to a worker`);
      return run;
    },
  };
}

/** Lets the engine's promise callbacks (completion → release → tick) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function workerStates(engine: SandboxEngine, endpoint: SandboxEndpoint): string[] {
  return engine.workersOf(endpoint.id).map((worker) => worker.state);
}

function statuses(jobs: SandboxJob[]): string[] {
  return jobs.map((job) => job.status);
}

/** An endpoint that is serving with its min workers warm: created at 0, serving at 1.5 s, warm at 3.5 s. */
function warmEndpoint(h: ReturnType<typeof harness>, config: ReturnType<typeof endpointConfig>) {
  const endpoint = h.engine.createEndpoint(config);
  h.at(TIMING.endpointStartupMs);
  h.at(TIMING.endpointStartupMs + TIMING.coldStartMs);
  for (const worker of h.engine.workersOf(endpoint.id)) expect(worker.state).toBe("running");
  return endpoint;
}

const WARM_AT = TIMING.endpointStartupMs + TIMING.coldStartMs;

describe("endpoint start-up", () => {
  it("is creating until endpointStartupMs have passed, then serving; no worker starts before", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(endpointConfig({ minNum: 1 }));
    expect(endpoint.state.state).toBe("creating");
    expect(endpoint.config.appName).toBe(endpoint.id);
    h.at(1499);
    expect(endpoint.state.state).toBe("creating");
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(0);
    h.at(1500);
    expect(endpoint.state).toEqual({ state: "serving", error: "", message: "" });
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
  });

  it("keeps a given appName: <id>-<appName> resolves, the bare id and the bare app name do not", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint({ ...endpointConfig(), appName: "my-app" });
    expect(endpoint.config.appName).toBe("my-app");
    expect(endpoint.appNameGiven).toBe(true);
    expect(h.engine.resolveRouteName(`${endpoint.id}-my-app`)).toBe(endpoint);
    expect(h.engine.resolveRouteName(endpoint.id)).toBeUndefined();
    expect(h.engine.resolveRouteName("my-app")).toBeUndefined();
    expect(h.engine.resolveRouteName("nope")).toBeUndefined();
  });
});

describe("workers", () => {
  it("starts minNum workers once serving; they cold-start for coldStartMs, then run", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(endpointConfig({ minNum: 2, maxNum: 3 }));
    h.at(1000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(0);
    h.at(1500);
    expect(workerStates(h.engine, endpoint)).toEqual(["starting", "starting"]);
    h.at(3499);
    expect(workerStates(h.engine, endpoint)).toEqual(["starting", "starting"]);
    h.at(3500);
    expect(workerStates(h.engine, endpoint)).toEqual(["running", "running"]);
    // Warm and idle: no more workers, none released (freeTimeout only releases above min).
    h.at(1_000_000);
    expect(workerStates(h.engine, endpoint)).toEqual(["running", "running"]);
  });

  it("scales from zero: with min 0, a queued job starts one worker at once", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(endpointConfig({ minNum: 0, maxNum: 3 }, { type: "queue", value: 30 }));
    h.at(5000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(0);

    const job = h.engine.submitJob(endpoint, { n: 1 });
    // Same instant, despite a 30 s queue policy: from zero, a job starts a worker at once.
    expect(workerStates(h.engine, endpoint)).toEqual(["starting"]);
    expect(job.status).toBe("IN_QUEUE");

    h.at(6999);
    expect(job.status).toBe("IN_QUEUE");
    h.at(7000);
    expect(job.status).toBe("IN_PROGRESS");
    expect(job.startedAt! - job.submittedAt).toBe(2000);
    expect(h.runs.map((run) => run.id)).toEqual([job.id]);
  });

  it("queue policy (5 s): no worker before the oldest queued job waited 5 s, one at 5 s, never more than max", () => {
    const h = harness();
    const endpoint = warmEndpoint(
      h,
      endpointConfig({ minNum: 1, maxNum: 2, maxConcurrent: 1 }, { type: "queue", value: 5 }),
    );
    const busy = h.engine.submitJob(endpoint, { n: "busy" });
    expect(busy.status).toBe("IN_PROGRESS");

    h.at(10_000);
    const waiting = h.engine.submitJob(endpoint, { n: "waiting" });
    expect(waiting.status).toBe("IN_QUEUE");
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
    h.at(14_999);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
    h.at(15_000);
    expect(workerStates(h.engine, endpoint)).toEqual(["running", "starting"]);

    // More jobs wait longer than 5 s, but max is 2.
    const more = [h.engine.submitJob(endpoint, { n: 3 }), h.engine.submitJob(endpoint, { n: 4 })];
    h.at(16_999);
    expect(waiting.status).toBe("IN_QUEUE");
    h.at(17_000);
    h.at(60_000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(2);
    // The added worker took the oldest queued job when its cold start ended (at 17 s).
    expect(waiting.status).toBe("IN_PROGRESS");
    expect(waiting.startedAt).toBe(17_000);
    expect(statuses(more)).toEqual(["IN_QUEUE", "IN_QUEUE"]);
  });

  it("queue policy: jobs that fit in a cold-starting worker's capacity add no worker, however long they wait", () => {
    const h = harness({ coldStartMs: 20_000 });
    const endpoint = h.engine.createEndpoint(
      endpointConfig({ minNum: 0, maxNum: 3, maxConcurrent: 2 }, { type: "queue", value: 5 }),
    );
    h.at(1500);
    const first = [h.engine.submitJob(endpoint, 1), h.engine.submitJob(endpoint, 2)];
    // From zero: one worker for two jobs (it takes two at once).
    expect(workerStates(h.engine, endpoint)).toEqual(["starting"]);
    h.at(1500 + 15_000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);

    // A third job does not fit: it adds a worker once the oldest queued job has waited 5 s (already true).
    const third = h.engine.submitJob(endpoint, 3);
    expect(workerStates(h.engine, endpoint)).toEqual(["starting", "starting"]);
    h.at(21_500);
    expect(statuses([...first, third])).toEqual(["IN_PROGRESS", "IN_PROGRESS", "IN_QUEUE"]);
  });

  it("concurrency policy (2): a worker is added only when more than 2 jobs are queued", () => {
    const h = harness();
    const endpoint = warmEndpoint(
      h,
      endpointConfig({ minNum: 1, maxNum: 2, maxConcurrent: 1 }, { type: "concurrency", value: 2 }),
    );
    h.engine.submitJob(endpoint, "busy");
    const queued = [h.engine.submitJob(endpoint, "q1"), h.engine.submitJob(endpoint, "q2")];
    expect(statuses(queued)).toEqual(["IN_QUEUE", "IN_QUEUE"]);
    expect(h.engine.health(endpoint).jobs.inQueue).toBe(2);
    // Two queued, however long: no new worker (the wait time does not matter under this policy).
    h.at(1_000_000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);

    const third = h.engine.submitJob(endpoint, "q3");
    expect(h.engine.health(endpoint).jobs.inQueue).toBe(3);
    expect(workerStates(h.engine, endpoint)).toEqual(["running", "starting"]);
    h.advance(TIMING.coldStartMs);
    expect(statuses([...queued, third])).toEqual(["IN_PROGRESS", "IN_QUEUE", "IN_QUEUE"]);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(2);
  });

  it("assigns queued jobs FIFO, up to maxConcurrent per worker", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1, maxConcurrent: 2 }));
    const [worker] = h.engine.workersOf(endpoint.id);
    const jobs = [1, 2, 3, 4, 5].map((n) => h.engine.submitJob(endpoint, { n }));
    expect(statuses(jobs)).toEqual(["IN_PROGRESS", "IN_PROGRESS", "IN_QUEUE", "IN_QUEUE", "IN_QUEUE"]);
    expect(worker!.jobIds.size).toBe(2);
    expect(h.runs.map((run) => run.input)).toEqual([{ n: 1 }, { n: 2 }]);

    h.advance(100);
    h.run(jobs[1]!.id).resolve({ output: "two" });
    await settle();
    expect(statuses(jobs)).toEqual(["IN_PROGRESS", "COMPLETED", "IN_PROGRESS", "IN_QUEUE", "IN_QUEUE"]);

    h.run(jobs[0]!.id).resolve({ output: "one" });
    await settle();
    expect(statuses(jobs)).toEqual(["COMPLETED", "COMPLETED", "IN_PROGRESS", "IN_PROGRESS", "IN_QUEUE"]);
    expect(worker!.jobIds.size).toBe(2);
    expect(h.runs.map((run) => run.input)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(jobs.every((job) => job.workerId === undefined || job.workerId === worker!.id)).toBe(true);
  });

  it("releases workers idle for freeTimeout seconds, never below min", async () => {
    const h = harness();
    const endpoint = warmEndpoint(
      h,
      endpointConfig({ minNum: 1, maxNum: 3, maxConcurrent: 1, freeTimeout: 10 }, { type: "concurrency", value: 1 }),
    );
    const [a, b, c] = [
      h.engine.submitJob(endpoint, "a"),
      h.engine.submitJob(endpoint, "b"),
      h.engine.submitJob(endpoint, "c"),
    ];
    expect(workerStates(h.engine, endpoint)).toEqual(["running", "starting", "starting"]);
    h.at(WARM_AT + TIMING.coldStartMs);
    expect(statuses([a!, b!, c!])).toEqual(["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS"]);

    h.at(20_000);
    h.run(b!.id).resolve({ output: "b" });
    h.run(c!.id).resolve({ output: "c" });
    await settle();
    expect(h.engine.health(endpoint).workers).toEqual({ idle: 2, running: 1, throttled: 0, total: 3 });

    h.at(29_999);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(3);
    h.at(30_000);
    // The two idle ones go; the busy one stays.
    const left = h.engine.workersOf(endpoint.id);
    expect(left).toHaveLength(1);
    expect(left[0]!.jobIds.has(a!.id)).toBe(true);

    h.run(a!.id).resolve({ output: "a" });
    await settle();
    h.at(1_000_000);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
    expect(h.engine.health(endpoint).workers).toEqual({ idle: 1, running: 0, throttled: 0, total: 1 });
  });

  it("with min 0, releases every idle worker after freeTimeout", async () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(endpointConfig({ minNum: 0, maxNum: 1, freeTimeout: 5 }));
    h.at(1500);
    const job = h.engine.submitJob(endpoint, "x");
    h.at(3500);
    h.run(job.id).resolve({ output: "done" });
    await settle();
    h.at(8499);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
    h.at(8500);
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(0);
  });
});

describe("jobs", () => {
  it("a job running past requestTimeout ends TIMED_OUT, counts as failed, and its runner is aborted", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1, requestTimeout: 10 }));
    const job = h.engine.submitJob(endpoint, { slow: true });
    const started = job.startedAt!;
    const run = h.run(job.id);

    h.at(started + 9_999);
    expect(job.status).toBe("IN_PROGRESS");
    expect(run.signal.aborted).toBe(false);
    h.at(started + 10_000);
    expect(job.status).toBe("TIMED_OUT");
    expect(job.error).toMatch(/timed out after 10 s/);
    expect(job.finishedAt).toBe(started + 10_000);
    expect(run.signal.aborted).toBe(true);
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 1, running: 0, throttled: 0, total: 1 },
      jobs: { completed: 0, failed: 1, inProgress: 0, inQueue: 0, retried: 0 },
    });

    // A runner that ignores the abort and answers late changes nothing.
    run.resolve({ output: "too late" });
    await settle();
    expect(job.status).toBe("TIMED_OUT");
    expect(job.output).toBeUndefined();
    expect(h.engine.health(endpoint).jobs.completed).toBe(0);
  });

  it("cancels a queued job: it leaves the queue and never runs", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1 }));
    const first = h.engine.submitJob(endpoint, "first");
    const second = h.engine.submitJob(endpoint, "second");
    const third = h.engine.submitJob(endpoint, "third");
    expect(h.engine.health(endpoint).jobs.inQueue).toBe(2);

    expect(h.engine.cancelJob(second).status).toBe("CANCELLED");
    expect(second.finishedAt).toBe(h.clock.t);
    expect(h.engine.health(endpoint).jobs.inQueue).toBe(1);

    h.run(first.id).resolve({ output: 1 });
    await settle();
    expect(third.status).toBe("IN_PROGRESS");
    expect(h.runs.map((run) => run.id)).toEqual([first.id, third.id]);
    expect(second.status).toBe("CANCELLED");
    const { jobs } = h.engine.health(endpoint);
    expect(jobs).toMatchObject({ completed: 1, failed: 0, inQueue: 0, inProgress: 1 });
  });

  it("cancels a running job: aborts the runner's signal, frees the worker, ignores a late result", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1 }));
    const running = h.engine.submitJob(endpoint, "running");
    const next = h.engine.submitJob(endpoint, "next");
    const run = h.run(running.id);
    let abortEvents = 0;
    run.signal.addEventListener("abort", () => (abortEvents += 1));

    h.advance(500);
    expect(h.engine.cancelJob(running).status).toBe("CANCELLED");
    expect(run.signal.aborted).toBe(true);
    expect(abortEvents).toBe(1);
    const [worker] = h.engine.workersOf(endpoint.id);
    expect(worker!.jobIds.size).toBe(0);

    run.resolve({ output: "finished anyway" });
    await settle();
    expect(running.status).toBe("CANCELLED");
    expect(running.output).toBeUndefined();
    expect(running.error).toBeUndefined();

    // The freed worker takes the next job on the next tick.
    h.advance(10);
    expect(next.status).toBe("IN_PROGRESS");
    expect(h.engine.health(endpoint).jobs).toEqual({ completed: 0, failed: 0, inProgress: 1, inQueue: 0, retried: 0 });

    // Cancelling a finished job leaves it as it is.
    h.run(next.id).resolve({ output: "ok" });
    await settle();
    expect(h.engine.cancelJob(next).status).toBe("COMPLETED");
    expect(next.output).toBe("ok");
  });

  it("a runner that rejects after cancel does not change the CANCELLED status", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1 }));
    const job = h.engine.submitJob(endpoint, "x");
    h.engine.cancelJob(job);
    h.run(job.id).reject(new Error("aborted"));
    await settle();
    expect(job.status).toBe("CANCELLED");
    expect(job.error).toBeUndefined();
    expect(h.engine.health(endpoint).jobs.failed).toBe(0);
  });

  it("fails a job whose output is over 4 MiB, saying to configure object storage", async () => {
    const h = harness({}, { autoResolve: (input) => ({ output: "x".repeat(input as number) }) });
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1, maxConcurrent: 2 }));
    // JSON adds two quotes: MAX - 2 characters is exactly 4 MiB of JSON (allowed); MAX - 1 is one byte over.
    const fits = h.engine.submitJob(endpoint, MAX_OUTPUT_BYTES - 2);
    const over = h.engine.submitJob(endpoint, MAX_OUTPUT_BYTES - 1);
    await settle();
    expect(fits.status).toBe("COMPLETED");
    expect(over.status).toBe("FAILED");
    expect(over.error).toMatch(/4 MiB/);
    expect(over.error).toMatch(/object storage/);
    expect(over.error).toMatch(/BUCKET_ENDPOINT_URL/);
    expect(over.output).toBeUndefined();
    expect(h.engine.health(endpoint).jobs).toMatchObject({ completed: 1, failed: 1 });
  });

  it("fails a job whose result holds `error`, keeping its output; a thrown error fails it too", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1, maxConcurrent: 3 }));
    const withError = h.engine.submitJob(endpoint, "a");
    const thrown = h.engine.submitJob(endpoint, "b");
    const ok = h.engine.submitJob(endpoint, "c");
    h.advance(250);
    h.run(withError.id).resolve({ error: "boom", output: { partial: 1 } });
    h.run(thrown.id).reject(new Error("worker crashed"));
    h.run(ok.id).resolve({ output: { fine: true } });
    await settle();

    expect(withError).toMatchObject({ status: "FAILED", error: "boom", output: { partial: 1 }, finishedAt: h.clock.t });
    expect(thrown).toMatchObject({ status: "FAILED", error: "worker crashed" });
    expect(ok).toMatchObject({ status: "COMPLETED", output: { fine: true }, error: undefined });
    expect(h.engine.health(endpoint).jobs).toEqual({ completed: 1, failed: 2, inProgress: 0, inQueue: 0, retried: 0 });
  });

  it("keeps a finished job for retentionMs, then getJob returns undefined", async () => {
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1 }));
    const job = h.engine.submitJob(endpoint, "x");
    h.advance(1000);
    h.run(job.id).resolve({ output: "kept" });
    await settle();
    const finishedAt = job.finishedAt!;
    expect(finishedAt).toBe(WARM_AT + 1000);

    // getJob checks expiry by itself (no tick needed).
    h.clock.t = finishedAt + TIMING.retentionMs - 1;
    expect(h.engine.getJob(endpoint, job.id)?.output).toBe("kept");
    h.clock.t = finishedAt + TIMING.retentionMs;
    expect(h.engine.getJob(endpoint, job.id)).toBeUndefined();
    expect(h.engine.jobs.has(job.id)).toBe(false);
  });

  it("tick drops expired finished jobs but keeps queued and running ones however old", async () => {
    const h = harness({ retentionMs: 1000 });
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1 }));
    const done = h.engine.submitJob(endpoint, "done");
    const running = h.engine.submitJob(endpoint, "running");
    const queued = h.engine.submitJob(endpoint, "queued");
    h.run(done.id).resolve({ output: 1 });
    await settle();
    expect(running.status).toBe("IN_PROGRESS");
    h.advance(999);
    expect(h.engine.jobs.has(done.id)).toBe(true);
    h.advance(1);
    expect(h.engine.jobs.has(done.id)).toBe(false);
    h.advance(1_000_000 - 1);
    expect(h.engine.getJob(endpoint, running.id)).toBe(running);
    expect(h.engine.getJob(endpoint, queued.id)).toBe(queued);
  });

  it("getJob does not return another endpoint's job", () => {
    const h = harness();
    const a = h.engine.createEndpoint(endpointConfig());
    const b = h.engine.createEndpoint(endpointConfig());
    const job = h.engine.submitJob(a, "x");
    expect(h.engine.getJob(a, job.id)).toBe(job);
    expect(h.engine.getJob(b, job.id)).toBeUndefined();
  });
});

describe("health", () => {
  it("counts workers and jobs at each moment; pause() throttles idle workers, resume() assigns again", async () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(
      endpointConfig({ minNum: 1, maxNum: 2, maxConcurrent: 1 }, { type: "queue", value: 5 }),
    );
    const zeroJobs = { completed: 0, failed: 0, inProgress: 0, inQueue: 0, retried: 0 };
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 0, running: 0, throttled: 0, total: 0 },
      jobs: zeroJobs,
    });

    h.at(1500); // serving, min worker cold-starting: counted in total only
    expect(h.engine.health(endpoint).workers).toEqual({ idle: 0, running: 0, throttled: 0, total: 1 });
    h.at(3500);
    expect(h.engine.health(endpoint).workers).toEqual({ idle: 1, running: 0, throttled: 0, total: 1 });

    const a = h.engine.submitJob(endpoint, "a");
    const b = h.engine.submitJob(endpoint, "b");
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 0, running: 1, throttled: 0, total: 1 },
      jobs: { ...zeroJobs, inProgress: 1, inQueue: 1 },
    });

    h.engine.pause();
    h.advance(100);
    h.run(a.id).resolve({ output: "a" });
    await settle();
    // Paused: the ready worker is idle but shows as throttled, and takes no job.
    expect(b.status).toBe("IN_QUEUE");
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 0, running: 0, throttled: 1, total: 1 },
      jobs: { ...zeroJobs, completed: 1, inQueue: 1 },
    });
    // Nor does a paused endpoint scale, however long the queue waits.
    h.advance(60_000);
    expect(h.engine.health(endpoint).workers).toEqual({ idle: 0, running: 0, throttled: 1, total: 1 });
    expect(b.status).toBe("IN_QUEUE");

    h.engine.resume();
    expect(b.status).toBe("IN_PROGRESS");
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 0, running: 1, throttled: 0, total: 1 },
      jobs: { ...zeroJobs, completed: 1, inProgress: 1 },
    });

    h.run(b.id).resolve({ error: "bad" });
    await settle();
    expect(h.engine.health(endpoint)).toEqual({
      workers: { idle: 1, running: 0, throttled: 0, total: 1 },
      jobs: { ...zeroJobs, completed: 1, failed: 1 },
    });
  });

  it("pause(endpointId) affects only that endpoint; resume(endpointId) lifts it", () => {
    const h = harness();
    const config = endpointConfig({ minNum: 1, maxNum: 1 });
    const one = h.engine.createEndpoint(config);
    const two = h.engine.createEndpoint(config);
    h.at(1500);
    h.at(3500);
    h.engine.pause(one.id);
    const j1 = h.engine.submitJob(one, 1);
    const j2 = h.engine.submitJob(two, 2);
    expect(j1.status).toBe("IN_QUEUE");
    expect(j2.status).toBe("IN_PROGRESS");
    expect(h.engine.health(one).workers).toEqual({ idle: 0, running: 0, throttled: 1, total: 1 });
    expect(h.engine.health(two).workers).toEqual({ idle: 0, running: 1, throttled: 0, total: 1 });
    h.engine.resume(one.id);
    expect(j1.status).toBe("IN_PROGRESS");
    expect(h.engine.health(one).workers).toEqual({ idle: 0, running: 1, throttled: 0, total: 1 });
  });
});

describe("snapshot/restore", () => {
  it("re-queues running jobs at the front (counted in retried), keeps queued order and finished outputs", async () => {
    const before = harness();
    const endpoint = warmEndpoint(before, endpointConfig({ minNum: 1, maxNum: 1, maxConcurrent: 2 }));
    const jobs: SandboxJob[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      before.advance(100);
      jobs.push(before.engine.submitJob(endpoint, { n }));
    }
    before.run(jobs[0]!.id).resolve({ output: { image: "one" } });
    await settle();
    expect(statuses(jobs)).toEqual(["COMPLETED", "IN_PROGRESS", "IN_PROGRESS", "IN_QUEUE", "IN_QUEUE"]);
    before.engine.stop();

    // Through JSON, as persistence stores it.
    const snapshot = JSON.parse(JSON.stringify(before.engine.snapshot())) as EngineSnapshot;
    const after = harness();
    after.clock.t = before.clock.t + 10_000;
    after.engine.restore(snapshot);
    const restored = after.engine.endpoints.get(endpoint.id)!;
    const get = (job: SandboxJob) => after.engine.getJob(restored, job.id)!;

    expect(get(jobs[0]!)).toMatchObject({ status: "COMPLETED", output: { image: "one" } });
    for (const job of [jobs[1]!, jobs[2]!]) {
      expect(get(job)).toMatchObject({ status: "IN_QUEUE", startedAt: undefined, workerId: undefined });
    }
    expect(after.engine.workers.size).toBe(0);
    expect(after.engine.health(restored)).toEqual({
      workers: { idle: 0, running: 0, throttled: 0, total: 0 },
      jobs: { completed: 1, failed: 0, inProgress: 0, inQueue: 4, retried: 2 },
    });

    // A new worker cold-starts, then takes the formerly running jobs first, then the queued ones in order.
    after.advance(0);
    expect(workerStates(after.engine, restored)).toEqual(["starting"]);
    after.advance(TIMING.coldStartMs);
    expect(after.runs.map((run) => (run.input as { n: number }).n)).toEqual([2, 3]);
    after.run(jobs[1]!.id).resolve({ output: 2 });
    after.run(jobs[2]!.id).resolve({ output: 3 });
    await settle();
    expect(after.runs.map((run) => (run.input as { n: number }).n)).toEqual([2, 3, 4, 5]);
    expect(after.engine.health(restored).jobs).toEqual({
      completed: 3,
      failed: 0,
      inProgress: 2,
      inQueue: 0,
      retried: 2,
    });
  });

  it("running jobs go ahead of queued ones even when the queued ones were submitted earlier", async () => {
    // `early` was queued (submitted first), `late` was running: after the restart, `late` goes first.
    const h = harness();
    const endpoint = warmEndpoint(h, endpointConfig({ minNum: 1, maxNum: 1, maxConcurrent: 1 }));
    h.engine.pause(endpoint.id);
    const early = h.engine.submitJob(endpoint, "early");
    h.advance(100);
    const late = h.engine.submitJob(endpoint, "late");
    // Make `late` the running one by hand, as a snapshot may hold it.
    const snapshot = JSON.parse(JSON.stringify(h.engine.snapshot())) as EngineSnapshot;
    const lateSaved = snapshot.jobs.find((job) => job.id === late.id)!;
    lateSaved.status = "IN_PROGRESS";
    lateSaved.startedAt = h.clock.t;

    const after = harness();
    after.clock.t = h.clock.t;
    after.engine.restore(snapshot);
    after.advance(0);
    after.advance(TIMING.coldStartMs);
    expect(after.runs.map((run) => run.input)).toEqual(["late"]);
    const restored = after.engine.endpoints.get(endpoint.id)!;
    expect(after.engine.getJob(restored, early.id)!.status).toBe("IN_QUEUE");
    expect(after.engine.health(restored).jobs.retried).toBe(1);
  });
});

describe("scaling around min workers (regressions)", () => {
  // Min workers created in the same tick as the scaling decision count as starting capacity.
  it("does not add policy workers for jobs the min workers started in the same tick can take", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(
      endpointConfig({ minNum: 1, maxNum: 3, maxConcurrent: 1 }, { type: "queue", value: 1 }),
    );
    h.engine.submitJob(endpoint, "waiting while the endpoint starts");
    h.at(1500); // serving; the job has waited 1.5 s ≥ the 1 s policy
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
  });

  it("after a restore, min workers are not doubled by policy workers for the same jobs", () => {
    const h = harness();
    const endpoint = warmEndpoint(
      h,
      endpointConfig({ minNum: 2, maxNum: 4, maxConcurrent: 1 }, { type: "queue", value: 5 }),
    );
    h.engine.submitJob(endpoint, "a");
    h.engine.submitJob(endpoint, "b");
    const snapshot = JSON.parse(JSON.stringify(h.engine.snapshot())) as EngineSnapshot;
    const after = harness();
    after.clock.t = h.clock.t + 60_000;
    after.engine.restore(snapshot);
    after.engine.tick();
    // Two re-queued jobs, two min workers with room for both.
    expect(after.engine.workers.size).toBe(2);
  });
});
