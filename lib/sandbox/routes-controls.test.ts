/** The test controls over real HTTP: quirks, the refuse fault, forced endpoint states, reset. */
import { describe, expect, it } from "vitest";
import { ENDPOINT_STATES } from "./engine";
import { createBody, eventually, sandboxForEachTest } from "./test-support";

const t = sandboxForEachTest();

describe("quirks", () => {
  it("renameFields renames a key at any depth in that operation's answer only", async () => {
    const id = await t.create({ workerConfig: { minNum: 1, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1 } });
    await eventually(
      () => t.api("GET", `/endpoint?id=${id}`),
      (answer) => answer.json.endpoint.workers.length === 1,
    );
    const set = await t.call("POST", "/_sandbox/quirks", {
      renameFields: [{ operation: "endpoints.list", from: "id", to: "endpointId" }],
    });
    expect(set.json.quirks.renameFields).toEqual([{ operation: "endpoints.list", from: "id", to: "endpointId" }]);
    const row = (await t.api("GET", "/endpoints")).json.endpoints[0];
    expect(row.id).toBeUndefined();
    expect(row.endpointId).toBe(id);
    expect(row.workers[0].endpointId).toMatch(/-w/);
    expect(row.products).toEqual([{ endpointId: "SL-serverless-1" }]);
    expect((await t.api("GET", `/endpoint?id=${id}`)).json.endpoint.id).toBe(id);
  });

  it("omitFields drops a key (e.g. id from jobs.status); products.v2 can be reshaped too", async () => {
    const id = await t.create({ appName: "echo" });
    await t.call("POST", "/_sandbox/quirks", { omitFields: [{ operation: "jobs.status", field: "id" }] });
    await t.call("POST", "/_sandbox/quirks", {
      renameFields: [{ operation: "products.v2", from: "final_price", to: "price" }],
    });
    const run = await t.call("POST", `/v1/${id}-echo/run`, { input: { id: 7 } });
    expect(run.json.id).toBeTruthy();
    const status = await t.call("GET", `/v1/${id}-echo/status/${run.json.id}`);
    expect(status.json.id).toBeUndefined();
    expect(status.json.status).toBeTruthy();
    const products = await t.call("GET", "/gpus/v2/products?type=gpu&category=serverless");
    expect(products.json.data[0].pricing.postpaid).toEqual({ price: "35000" });
    expect((await t.call("GET", "/_sandbox/quirks")).json.quirks).toEqual({
      renameFields: [{ operation: "products.v2", from: "final_price", to: "price" }],
      omitFields: [{ operation: "jobs.status", field: "id" }],
      defaultAppRoute: "both",
    });
  });

  it("applies to successful answers only", async () => {
    await t.call("POST", "/_sandbox/quirks", {
      renameFields: [{ operation: "endpoints.get", from: "reason", to: "why" }],
    });
    const answer = await t.api("GET", "/endpoint?id=nope");
    expect([answer.status, answer.json.reason]).toEqual([400, "SERVERLESS_ENDPOINT_NOT_FOUND"]);
  });

  it("DELETE and /_sandbox/reset clear them; a bad body is refused and changes nothing", async () => {
    const rule = { omitFields: [{ operation: "endpoints.list", field: "total" }] };
    await t.call("POST", "/_sandbox/quirks", rule);
    expect((await t.api("GET", "/endpoints")).json.total).toBeUndefined();
    expect((await t.call("DELETE", "/_sandbox/quirks")).json.quirks.omitFields).toEqual([]);
    expect((await t.api("GET", "/endpoints")).json.total).toBe(0);
    await t.call("POST", "/_sandbox/quirks", { ...rule, defaultAppRoute: "id" });
    await t.call("POST", "/_sandbox/reset");
    expect((await t.call("GET", "/_sandbox/quirks")).json.quirks).toEqual({
      renameFields: [],
      omitFields: [],
      defaultAppRoute: "both",
    });
    for (const bad of [
      { omitFields: [{ operation: "jobs.nope", field: "id" }] },
      { defaultAppRoute: "app" },
      { renames: [] },
    ]) {
      expect((await t.call("POST", "/_sandbox/quirks", bad)).status).toBe(400);
    }
    expect((await t.call("GET", "/_sandbox/state")).json.quirks.omitFields).toEqual([]);
  });
});

describe("the refuse fault", () => {
  /** Sets a refuse fault on `operation`: it answers `status` with `reason` (and `extra`: message, count). */
  const refuse = (operation: string, status: number, reason: string, extra: Record<string, unknown> = {}) =>
    t.call("POST", "/_sandbox/faults", { operation, mode: "refuse", status, reason, ...extra });

  it("answers the chosen status and reason, count times, before the call does anything", async () => {
    await refuse("endpoints.create", 400, "BALANCE_NOT_ENOUGH", { message: "insufficient balance", count: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await t.api("POST", "/endpoint/create", createBody());
      expect([answer.status, answer.json]).toEqual([
        400,
        { code: 400, reason: "BALANCE_NOT_ENOUGH", message: "insufficient balance" },
      ]);
    }
    expect((await t.api("GET", "/endpoints")).json.total).toBe(0);
    expect((await t.api("POST", "/endpoint/create", createBody())).status).toBe(200);
  });

  it("covers other refusals: 400 CLUSTER_STATUS, 429 RATE_LIMIT_EXCEEDED on products.v2", async () => {
    await refuse("endpoints.create", 400, "CLUSTER_STATUS", { message: "serverless cluster is not active" });
    const cluster = await t.api("POST", "/endpoint/create", createBody());
    expect(cluster.json).toEqual({ code: 400, reason: "CLUSTER_STATUS", message: "serverless cluster is not active" });
    await refuse("products.v2", 429, "RATE_LIMIT_EXCEEDED");
    const limited = await t.call("GET", "/gpus/v2/products?type=gpu&category=serverless");
    expect([limited.status, limited.json.code, limited.json.reason]).toEqual([429, 429, "RATE_LIMIT_EXCEEDED"]);
    expect((await t.call("GET", "/gpus/v2/products?type=gpu&category=serverless")).status).toBe(200);
  });

  it("needs a status of 400–599 and a reason", async () => {
    for (const bad of [
      { operation: "endpoints.create", mode: "refuse", reason: "X" },
      { operation: "endpoints.create", mode: "refuse", status: 200, reason: "X" },
      { operation: "endpoints.create", mode: "refuse", status: 400 },
    ]) {
      const answer = await t.call("POST", "/_sandbox/faults", bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.call("GET", "/_sandbox/state")).json.faults).toEqual([]);
  });
});

describe("forced endpoint states", () => {
  it("shows any of Novita's states with error and message, for forMs or until changed again", async () => {
    const id = await t.create();
    for (const state of ENDPOINT_STATES) {
      const answer = await t.call("POST", "/_sandbox/endpoint-state", { endpointId: id, state });
      expect(answer.status, state).toBe(200);
      expect((await t.api("GET", `/endpoint?id=${id}`)).json.endpoint.state.state).toBe(state);
    }
    await t.call("POST", "/_sandbox/endpoint-state", {
      endpointId: id,
      state: "failed",
      error: "IMAGE_PULL_FAILED",
      message: "pull access denied",
      forMs: 150,
    });
    const rows = (await t.api("GET", "/endpoints")).json.endpoints;
    expect(rows[0].state).toEqual({ state: "failed", error: "IMAGE_PULL_FAILED", message: "pull access denied" });
    await eventually(
      () => t.api("GET", `/endpoint?id=${id}`),
      (answer) => answer.json.endpoint.state.state === "serving",
    );
  });

  const title =
    "refuses an unknown endpoint (400 SERVERLESS_ENDPOINT_NOT_FOUND) and an unknown state (400 VALIDATOR_PARAM)";
  it(title, async () => {
    const unknown = await t.call("POST", "/_sandbox/endpoint-state", { endpointId: "nope", state: "failed" });
    expect([unknown.status, unknown.json.reason]).toEqual([400, "SERVERLESS_ENDPOINT_NOT_FOUND"]);
    const id = await t.create();
    const bad = await t.call("POST", "/_sandbox/endpoint-state", { endpointId: id, state: "starting" });
    expect([bad.status, bad.json.reason, bad.json.metadata]).toEqual([400, "VALIDATOR_PARAM", { field: "state" }]);
  });
});

describe("faults that land mid-call, and the jobs list", () => {
  it("lose_answer queues the job and drops the answer; slow answers late; /_sandbox/jobs lists what arrived", async () => {
    const id = await t.create({ appName: "echo" });
    await t.call("POST", "/_sandbox/faults", { operation: "jobs.run", mode: "lose_answer" });
    await expect(t.call("POST", `/v1/${id}-echo/run`, { input: { prompt: "lost" } })).rejects.toThrow();
    const listed = await t.call("GET", `/_sandbox/jobs?endpoint=${id}`);
    expect(listed.json.map((job: { input: unknown }) => job.input)).toEqual([{ prompt: "lost" }]);

    await t.call("POST", "/_sandbox/faults", { operation: "jobs.run", mode: "slow", hangMs: 300 });
    const started = Date.now();
    const slow = await t.call("POST", `/v1/${id}-echo/run`, { input: { prompt: "slow" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(slow.json.id).toBeTruthy();
    const both = await t.call("GET", `/_sandbox/jobs?endpoint=${id}&limit=1`);
    expect(both.json).toEqual([expect.objectContaining({ id: slow.json.id, input: { prompt: "slow" } })]);
  });
});

describe("a flaky or unreachable upstream", () => {
  const status = (id: string, job = "nope") => t.call("GET", `/v1/${id}-echo/status/${job}`).catch(() => "dropped");

  it("probability strikes about that share of calls, mix picks among modes, struck counts them by mode", async () => {
    const id = await t.create({ appName: "echo" });
    const set = await t.call("POST", "/_sandbox/faults", {
      operation: "jobs.status",
      mode: "mix",
      probability: 0.3,
      modes: ["error500", "rate_limit", "drop"],
      retryAfterSeconds: 0,
    });
    expect(set.status).toBe(200);
    expect(set.json.faults[0]).toMatchObject({ mode: "mix", probability: 0.3 });
    expect(set.json.faults[0].count).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 300 }, () => status(id)));
    const outcome = (answer: Awaited<ReturnType<typeof status>>) =>
      typeof answer === "string" ? answer : String(answer.status);
    const tally = answers.map(outcome).reduce<Record<string, number>>((counts, key) => {
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    const struck = 300 - (tally["404"] ?? 0);
    expect(struck).toBeGreaterThan(50);
    expect(struck).toBeLessThan(130);
    for (const key of ["500", "429", "dropped"]) expect(tally[key], key).toBeGreaterThan(0);
    const state = (await t.call("GET", "/_sandbox/state")).json;
    expect(state.struck["jobs.status"]).toEqual({
      error500: tally["500"],
      rate_limit: tally["429"],
      drop: tally.dropped,
    });
    expect(state.faults).toHaveLength(1);
  });

  it("forMs ends the fault by itself: every call of every operation dropped meanwhile", async () => {
    const id = await t.create({ appName: "echo" });
    await t.call("POST", "/_sandbox/faults", { operation: "*", mode: "drop", forMs: 300 });
    expect(await status(id)).toBe("dropped");
    await expect(t.api("GET", "/endpoints")).rejects.toThrow();
    expect(await status(id)).toBe("dropped");
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(((await status(id)) as { status: number }).status).toBe(404);
    expect((await t.call("GET", "/_sandbox/state")).json.faults).toEqual([]);
  });

  it("/_sandbox/unreachable refuses connections for forMs, then listens on the same port again", async () => {
    const answer = await t.call("POST", "/_sandbox/unreachable", { forMs: 400 });
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.json.refusingUntil)).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await t.api("GET", "/endpoints").catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(JSON.stringify((refused as Error & { cause?: { code?: string } }).cause?.code)).toContain("ECONNREFUSED");
    await eventually(
      () => t.api("GET", "/endpoints").catch(() => undefined),
      (back) => back?.status === 200,
      3_000,
      50,
    );
  });

  it("refuses a bad fault: probability over 1, modes without mix, a mix with refuse but no status", async () => {
    for (const bad of [
      { operation: "jobs.status", mode: "mix", probability: 1.5 },
      { operation: "jobs.status", mode: "drop", modes: ["drop"] },
      { operation: "jobs.status", mode: "mix", modes: ["refuse"] },
      { operation: "jobs.status", mode: "mix", modes: [] },
      { operation: "jobs.status", mode: "drop", forMs: 0 },
    ]) {
      expect((await t.call("POST", "/_sandbox/faults", bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.call("POST", "/_sandbox/unreachable", { forMs: -1 })).status).toBe(400);
    expect((await t.call("GET", "/_sandbox/state")).json.faults).toEqual([]);
  });
});
