/**
 * One contract, two implementations: the typed client (lib/novita) drives the sandbox (lib/sandbox) over real
 * HTTP. With NOVITA_CONTRACT_KEY set, the same tests drive real Novita instead (sandbox-only tests skip).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoint, Job } from "@/lib/novita/types";
import { decodePngSize } from "@/lib/sandbox/comfyui";
import { seedWorkflow } from "@/lib/sandbox/comfyui/test-workflows";
import { novitaFailure } from "@/tests/support/novita-failure";
import { contractTargetForTestFile, endpointSpec, REAL_NOVITA, sandboxControl, SANDBOX_KEY, waitFor } from "./support";

if (REAL_NOVITA)
  console.log("contract suite: running against real Novita (NOVITA_CONTRACT_KEY is set); sandbox-only tests skip");
else console.log("contract suite: running against the sandbox; set NOVITA_CONTRACT_KEY to run it against real Novita");

const sandboxOnly = it.skipIf(REAL_NOVITA);

const target = contractTargetForTestFile({ retentionMs: 1_500 });

async function createServing(image: string, overrides: Parameters<typeof endpointSpec>[0] = {}): Promise<Endpoint> {
  const { id } = await target.client.management.createEndpoint(
    endpointSpec({ imageName: image, productId: target.productId, ...overrides }),
  );
  return waitFor(
    () => target.client.management.getEndpoint(id),
    (endpoint) => endpoint.status.state === "serving",
  );
}

function finished(routeName: string, jobId: string, timeoutMs = 15_000): Promise<Job> {
  return waitFor(
    () => target.client.jobs.status(routeName, jobId),
    (job) => job.finished,
    timeoutMs,
  );
}

afterAll(async () => {
  if (REAL_NOVITA) {
    for (const endpoint of await target.client.management.listEndpoints()) {
      if (endpoint.spec.name.startsWith("contract-")) await target.client.management.deleteEndpoint(endpoint.id);
    }
  }
});

describe("management API", () => {
  it("reads limits, serverless GPU products with prices, and network storages", async () => {
    const limits = await target.client.management.getLimits();
    expect(limits.workers.max).toBeGreaterThanOrEqual(limits.workers.min);
    expect(limits.cudaVersions.length).toBeGreaterThan(0);

    const products = await target.client.catalog.listServerlessProducts();
    const names = products.map((product) => product.name);
    expect(names).toEqual(
      expect.arrayContaining([expect.stringContaining("RTX 4090"), expect.stringContaining("H100")]),
    );
    // A price the console cannot read is unknown, never 0.
    for (const product of products)
      if (product.pricePerHourUsd !== undefined) expect(product.pricePerHourUsd).toBeGreaterThan(0);

    const storages = await target.client.management.listNetworkStorages();
    expect(Array.isArray(storages)).toBe(true);
  });

  it("saves, lists (without the password) and deletes a registry credential", async () => {
    const name = `contract-cred-${Date.now()}`;
    const saved = await target.client.management.saveRegistryCredentialAndFindId({
      name,
      username: "robot",
      password: "hunter2-secret",
    });
    expect(saved).toMatchObject({ name, username: "robot" });
    const listed = await target.client.management.listRegistryCredentials();
    expect(listed.find((credential) => credential.id === saved.id)).toEqual({ id: saved.id, name, username: "robot" });
    expect(JSON.stringify(listed)).not.toContain("hunter2-secret");
    await target.client.management.deleteRegistryCredential(saved.id);
    expect(
      (await target.client.management.listRegistryCredentials()).some((credential) => credential.id === saved.id),
    ).toBe(false);
  });

  it("creates an endpoint that starts up and serves, updates it in full, lists and deletes it", async () => {
    const spec = endpointSpec({
      imageName: "example/echo-worker:1",
      productId: target.productId,
      env: [{ key: "MODE", value: "test" }],
    });
    const { id } = await target.client.management.createEndpoint(spec);
    const created = await target.client.management.getEndpoint(id);
    expect(created).toMatchObject({
      id,
      spec: { name: spec.name, appName: spec.appName, port: 8080, env: [{ key: "MODE", value: "test" }] },
    });
    expect(created.jobRouteName).toBe(`${id}-${spec.appName}`);

    const serving = await waitFor(
      () => target.client.management.getEndpoint(id),
      (endpoint) => endpoint.status.state === "serving",
    );
    expect(serving.spec.workers).toEqual(spec.workers);

    await target.client.management.updateEndpoint(id, { ...spec, workers: { ...spec.workers, max: 3 }, env: [] });
    const updated = await target.client.management.getEndpoint(id);
    expect(updated.spec.workers.max).toBe(3);
    expect(updated.spec.env).toEqual([]);
    expect(updated.spec.productId).toBe(target.productId);

    expect((await target.client.management.listEndpoints()).map((endpoint) => endpoint.id)).toContain(id);
    await target.client.management.deleteEndpoint(id);
    expect((await novitaFailure(target.client.management.getEndpoint(id))).kind).toBe("not_found");
  });

  it("refuses an endpoint on a reserved port, naming the reason", async () => {
    const error = await novitaFailure(
      target.client.management.createEndpoint(endpointSpec({ productId: target.productId, port: 2222 })),
    );
    expect(error.kind).toBe("invalid");
    // The GPU error table's validation reason (§10.3).
    expect(error.reason).toBe("VALIDATOR_PARAM");
    expect(error.upstreamMessage).toMatch(/2222/);
  });

  it("answers 403 INVALID_API_KEY to a wrong key, which the client reports as an auth error", async () => {
    const error = await novitaFailure(
      target.makeClient({ apiKey: "sk_wrong_key_000000000000" }).management.listEndpoints(),
    );
    expect(error).toMatchObject({ kind: "auth", status: 403, reason: "INVALID_API_KEY" });
    expect(error.userMessage).toMatch(/key/i);
  });
});

describe("jobs", () => {
  let echo: Endpoint;
  let sleeper: Endpoint;

  beforeAll(async () => {
    // On real Novita these would be billed GPU workers running images that do not exist there.
    if (REAL_NOVITA) return;
    echo = await createServing("example/echo-worker:1", {
      workers: { ...endpointSpec().workers, min: 1, max: 2, maxConcurrent: 4 },
    });
    sleeper = await createServing("example/sleep-worker:1", {
      workers: { ...endpointSpec().workers, min: 0, max: 2, maxConcurrent: 1 },
    });
  });

  sandboxOnly("runs an echo job to COMPLETED with its input as output", async () => {
    const input = { prompt: "a red apple", n: 3 };
    const job = await target.client.jobs.run(echo.jobRouteName, input);
    expect(job.status).toBe("PENDING");
    const done = await finished(echo.jobRouteName, job.id);
    expect(done).toMatchObject({ status: "COMPLETED", finished: true, output: input });
    expect(done.delayTimeMs).toBeGreaterThanOrEqual(0);
    expect(done.executionTimeMs).toBeGreaterThanOrEqual(0);
    // An endpoint created with an app name answers only to <id>-<appName>, not to the bare id (§10.9).
    expect((await novitaFailure(target.client.jobs.status(echo.id, job.id))).kind).toBe("not_found");
  });

  sandboxOnly("fails a job whose result holds `error`, as the worker SDK does", async () => {
    const job = await target.client.jobs.run(echo.jobRouteName, { error: "boom" });
    expect(await finished(echo.jobRouteName, job.id)).toMatchObject({ status: "FAILED", error: "boom" });
  });

  sandboxOnly("runs a sleep job for about its seconds", async () => {
    const job = await target.client.jobs.run(sleeper.jobRouteName, { seconds: 0.3 });
    const done = await finished(sleeper.jobRouteName, job.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.output).toMatchObject({ slept: 0.3 });
    expect(done.executionTimeMs).toBeGreaterThanOrEqual(280);
  });

  sandboxOnly("runs the guide's ComfyUI workflow into a real 512×512 PNG", async () => {
    const comfy = await createServing("novitalabs/comfyui-worker:v0.0.1", {
      workers: { ...endpointSpec().workers, min: 1 },
    });
    const job = await target.client.jobs.run(comfy.jobRouteName, { workflow: seedWorkflow(), output_node_id: "9" });
    const done = await finished(comfy.jobRouteName, job.id);
    expect(done.status).toBe("COMPLETED");
    const images = (done.output as { images: { filename: string; type: string; data: string }[] }).images;
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ filename: "test_00001_.png", type: "base64" });
    expect(decodePngSize(Buffer.from(images[0]!.data, "base64"))).toEqual({ width: 512, height: 512 });

    const broken = await target.client.jobs.run(comfy.jobRouteName, { prompt: "no workflow here" });
    const failed = await finished(comfy.jobRouteName, broken.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/workflow/);

    // An output over the 4 MiB status limit fails the job and says what to do.
    const big = seedWorkflow() as Record<string, { inputs: Record<string, unknown> }>;
    big["5"]!.inputs = { width: 1024, height: 1024, batch_size: 10 };
    const oversize = await target.client.jobs.run(comfy.jobRouteName, { workflow: big });
    const refused = await finished(comfy.jobRouteName, oversize.id, 30_000);
    expect(refused.status).toBe("FAILED");
    expect(refused.error).toMatch(/4 MiB.*object storage/);
  });

  sandboxOnly("cancels a queued job and a running job", async () => {
    const running = await target.client.jobs.run(sleeper.jobRouteName, { seconds: 30 });
    await waitFor(
      () => target.client.jobs.status(sleeper.jobRouteName, running.id),
      (job) => job.status === "IN_PROGRESS",
    );
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/workers/pause", { endpointId: sleeper.id });
    const queued = await target.client.jobs.run(sleeper.jobRouteName, { seconds: 30 });
    expect((await target.client.jobs.status(sleeper.jobRouteName, queued.id)).status).toBe("IN_QUEUE");

    await target.client.jobs.cancel(sleeper.jobRouteName, queued.id);
    await target.client.jobs.cancel(sleeper.jobRouteName, running.id);
    expect((await target.client.jobs.status(sleeper.jobRouteName, queued.id)).status).toBe("CANCELLED");
    expect((await target.client.jobs.status(sleeper.jobRouteName, running.id)).status).toBe("CANCELLED");
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/workers/resume", { endpointId: sleeper.id });

    // The older guide's GET cancel works too.
    const another = await target.client.jobs.run(sleeper.jobRouteName, { seconds: 30 });
    const response = await fetch(`${target.sandbox!.jobsBaseUrl}/${sleeper.jobRouteName}/cancel/${another.id}`, {
      headers: { authorization: `Bearer ${SANDBOX_KEY}` },
    });
    expect(await response.json()).toEqual({ id: another.id, status: "CANCELLED" });
  });

  sandboxOnly("health counts workers and jobs exactly through a burst", async () => {
    const burst = await createServing("example/sleep-worker:1", {
      workers: { ...endpointSpec().workers, min: 0, max: 2, maxConcurrent: 1, idleTimeoutSeconds: 1 },
      policy: { type: "concurrency", value: 1 },
    });
    const before = await target.client.jobs.health(burst.jobRouteName);
    expect(before).toEqual({
      workers: { idle: 0, running: 0, throttled: 0, total: 0 },
      jobs: { completed: 0, failed: 0, inProgress: 0, inQueue: 0, retried: 0 },
      source: "health",
    });

    const jobs = await Promise.all(
      Array.from({ length: 6 }, () => target.client.jobs.run(burst.jobRouteName, { seconds: 0.4 })),
    );
    const during = await target.client.jobs.health(burst.jobRouteName);
    expect(during.jobs.inQueue + during.jobs.inProgress).toBe(6);
    expect(during.workers.total).toBeLessThanOrEqual(2);

    const busy = await waitFor(
      () => target.client.jobs.health(burst.jobRouteName),
      (health) => health.workers.running === 2,
    );
    expect(busy.workers.total).toBe(2);
    expect(busy.jobs.inProgress).toBe(2);
    expect(busy.jobs.inQueue + busy.jobs.inProgress + busy.jobs.completed).toBe(6);

    const after = await waitFor(
      () => target.client.jobs.health(burst.jobRouteName),
      (health) => health.jobs.completed === 6,
    );
    expect(after.jobs).toEqual({ completed: 6, failed: 0, inProgress: 0, inQueue: 0, retried: 0 });
    for (const job of jobs)
      expect((await target.client.jobs.status(burst.jobRouteName, job.id)).status).toBe("COMPLETED");

    // Idle workers are released after the idle timeout (1 s), down to min (0).
    const idle = await waitFor(
      () => target.client.jobs.health(burst.jobRouteName),
      (health) => health.workers.total === 0,
      5_000,
    );
    expect(idle.workers).toEqual({ idle: 0, running: 0, throttled: 0, total: 0 });
  });

  it("refuses a job over 4 MiB before sending it; the gateway refuses one too", async () => {
    const huge = { blob: "x".repeat(4 * 1024 * 1024) };
    // Refused before any request is made, so on real Novita no endpoint is needed.
    const error = await novitaFailure(target.client.jobs.run(echo?.jobRouteName ?? "no-such-endpoint", huge));
    expect(error.kind).toBe("too_large");
    expect(error.userMessage).toMatch(/4 MiB/);
    if (!target.sandbox) return;
    const response = await fetch(`${target.sandbox.jobsBaseUrl}/${echo.jobRouteName}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ input: huge }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 413, reason: "REQUEST_TOO_LARGE" });
  });

  sandboxOnly("a finished job expires after the retention and then answers not found", async () => {
    const job = await target.client.jobs.run(echo.jobRouteName, { keep: "briefly" });
    await finished(echo.jobRouteName, job.id);
    const error = await waitFor(
      () => novitaFailure(target.client.jobs.status(echo.jobRouteName, job.id)).catch(() => undefined),
      (value) => value !== undefined,
      5_000,
      200,
    );
    expect(error).toMatchObject({ kind: "not_found", status: 404, reason: "TASK_NOT_FOUND" });
  });
});

describe("failures and retries", () => {
  let echo: Endpoint;

  beforeAll(async () => {
    if (REAL_NOVITA) return;
    echo = await createServing("example/echo-worker:1", { workers: { ...endpointSpec().workers, min: 1 } });
  });

  sandboxOnly("honours Retry-After on a 429 and then succeeds", async () => {
    const job = await target.client.jobs.run(echo.jobRouteName, { hello: 1 });
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "jobs.status",
      mode: "rate_limit",
      retryAfterSeconds: 1,
    });
    const started = Date.now();
    const status = await target.client.jobs.status(echo.jobRouteName, job.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(status.id).toBe(job.id);
  });

  sandboxOnly("times out a call that hangs, never repeats it within the call; the next call goes through", async () => {
    const impatient = target.makeClient({ timeoutMs: 300, retry: { maxRetries: 0 } });
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "endpoints.list",
      mode: "hang",
      hangMs: 5_000,
    });
    const error = await novitaFailure(impatient.management.listEndpoints());
    expect(error.kind).toBe("timeout");

    const patient = target.makeClient({ timeoutMs: 300, retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "endpoints.list",
      mode: "hang",
      hangMs: 5_000,
    });
    // A repeat would cost the whole timeout again on a hanging host (issue 16): the caller asks again later.
    expect((await novitaFailure(patient.management.listEndpoints())).kind).toBe("timeout");
    expect((await patient.management.listEndpoints()).length).toBeGreaterThan(0);
  });

  sandboxOnly("retries a GET through 503-like failures and dropped connections", async () => {
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "endpoints.limit",
      mode: "drop",
      count: 2,
    });
    expect((await target.client.management.getLimits()).workers.max).toBeGreaterThan(0);
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "endpoints.limit",
      mode: "error500",
      count: 1,
    });
    // 500 is not a transient gateway error: it is reported, not retried.
    expect((await novitaFailure(target.client.management.getLimits())).kind).toBe("upstream");
  });

  sandboxOnly("lists and clears pending faults; a wrong method answers 405", async () => {
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "products.list",
      mode: "error500",
      count: 3,
    });
    expect((await sandboxControl(target.sandbox!, "GET", "/_sandbox/state")).faults).toEqual([
      expect.objectContaining({ operation: "products.list", mode: "error500", count: 3 }),
    ]);
    expect(await sandboxControl(target.sandbox!, "DELETE", "/_sandbox/faults")).toEqual({ faults: [] });
    expect((await target.client.management.listInstanceProducts()).length).toBe(2);
    const wrong = await fetch(`${target.sandbox!.managementBaseUrl}/endpoint/create`, {
      headers: { authorization: `Bearer ${SANDBOX_KEY}` },
    });
    expect(wrong.status).toBe(405);
  });

  sandboxOnly("never retries run: a failed or dropped run is reported, and no job was created twice", async () => {
    const before = await sandboxControl(target.sandbox!, "GET", "/_sandbox/state");
    const jobsBefore = before.jobs as number;
    const runCalls = (state: Record<string, unknown>) => (state.requests as Record<string, number>)["jobs.run"] ?? 0;

    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "jobs.run",
      mode: "rate_limit",
      retryAfterSeconds: 0,
    });
    const limited = await novitaFailure(target.client.jobs.run(echo.jobRouteName, { n: 1 }));
    expect(limited.kind).toBe("rate_limited");

    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", { operation: "jobs.run", mode: "drop" });
    const dropped = await novitaFailure(target.client.jobs.run(echo.jobRouteName, { n: 2 }));
    expect(dropped.kind).toBe("network");
    expect(dropped.outcomeUnknown).toBe(true);

    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "jobs.run",
      mode: "hang",
      hangMs: 3_000,
    });
    const slow = await novitaFailure(target.makeClient({ timeoutMs: 300 }).jobs.run(echo.jobRouteName, { n: 3 }));
    expect(slow.kind).toBe("timeout");
    expect(slow.outcomeUnknown).toBe(true);

    // Had the client retried, the sandbox would hold new jobs: faults fire before a job is created. (Jobs can
    // only disappear meanwhile — this target keeps finished jobs 1.5 s — never appear.)
    const after = await sandboxControl(target.sandbox!, "GET", "/_sandbox/state");
    expect(after.jobs).toBeLessThanOrEqual(jobsBefore);
    // And the sandbox saw exactly one run call per attempt: nothing was repeated.
    expect(runCalls(after) - runCalls(before)).toBe(3);
  });
});
