/**
 * Issue 11's facts (docs/novita-api.md), as contract tests: the serverless catalogue, `type: async`, errors by
 * reason, route names found at run time, and Novita's leniency. On the sandbox by default; against real Novita with
 * NOVITA_CONTRACT_KEY (then only min-0 endpoints named `contract-…` are made, and deleted; sandbox-only tests skip).
 */
import { afterAll, describe, expect, it } from "vitest";
import { checkConnection } from "@/lib/novita/check";
import { NovitaError } from "@/lib/novita/errors";
import { jobRouteCandidates } from "@/lib/novita/route-name";
import type { Endpoint } from "@/lib/novita/types";
import { novitaFailure } from "@/tests/support/novita-failure";
import { contractTargetForTestFile, endpointSpec, REAL_NOVITA, sandboxControl, SANDBOX_KEY, waitFor } from "./support";

const sandboxOnly = it.skipIf(REAL_NOVITA);
const target = contractTargetForTestFile();
const made: string[] = [];

async function create(overrides: Parameters<typeof endpointSpec>[0] = {}): Promise<Endpoint> {
  const { id } = await target.client.management.createEndpoint(
    endpointSpec({ productId: target.productId, ...overrides }),
  );
  made.push(id);
  return target.client.management.getEndpoint(id);
}

const serving = (id: string) =>
  waitFor(
    () => target.client.management.getEndpoint(id),
    (endpoint) => endpoint.status.state === "serving",
  );

/** A raw management call, to send bodies the client itself never sends (Novita's CLI's, say). */
async function raw(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const options = REAL_NOVITA
    ? {
        base: process.env.NOVITA_CONTRACT_API_BASE_URL ?? "https://api.novita.ai/gpu-instance/openapi/v1",
        key: process.env.NOVITA_CONTRACT_KEY!,
      }
    : { base: target.sandbox!.managementBaseUrl, key: SANDBOX_KEY };
  const response = await fetch(`${options.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

afterAll(async () => {
  for (const id of made) await target.client.management.deleteEndpoint(id).catch(() => undefined);
});

describe("the serverless GPU catalogue (§10.1)", () => {
  it("lists serverless products from GPU API v2: readable ids, names and prices (or unknown, never 0)", async () => {
    const catalog = await target.client.catalog.load();
    expect(catalog.source).toBe("serverless");
    expect(catalog.products.length).toBeGreaterThan(0);
    for (const product of catalog.products) {
      expect(product.id).not.toBe("");
      expect(product.name).not.toBe("");
      if (product.pricePerHourUsd !== undefined) expect(product.pricePerHourUsd).toBeGreaterThan(0);
    }
  });

  it("keeps the instance catalogue's ids apart from the serverless ones", async () => {
    const instance = await target.client.management.listInstanceProducts();
    const serverless = new Set((await target.client.catalog.listServerlessProducts()).map((product) => product.id));
    expect(instance.length).toBeGreaterThan(0);
    for (const product of instance) expect(serverless.has(product.id)).toBe(false);
  });

  it("refuses to create an endpoint on a GPU-instance product id with 400 SERVERLESS_PRODUCT_NOT_FOUND", async () => {
    const instanceId = (await target.client.management.listInstanceProducts())[0]!.id;
    const error = await novitaFailure(target.client.management.createEndpoint(endpointSpec({ productId: instanceId })));
    expect(error).toMatchObject({
      kind: "not_found",
      status: 400,
      reason: "SERVERLESS_PRODUCT_NOT_FOUND",
      field: "products",
    });
  });

  sandboxOnly("falls back to the instance list only when v2 does not answer, and says so", async () => {
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
      operation: "products.v2",
      mode: "error500",
      count: 1,
    });
    const catalog = await target.client.catalog.load();
    expect(catalog.source).toBe("instance");
    expect(catalog.notice).toContain("did not answer");
  });
});

describe("endpoints (§10.2–§10.8)", () => {
  it("creates async endpoints and reads the type back", async () => {
    const created = await create();
    // Real Novita's v1 reply may not echo the type (unknown); the sandbox must.
    if (REAL_NOVITA) expect(["async", ""]).toContain(created.type);
    else expect(created.type).toBe("async");
  });

  it("answers a deleted endpoint 400 SERVERLESS_ENDPOINT_NOT_FOUND; the client reads it as not found", async () => {
    const created = await create();
    await target.client.management.deleteEndpoint(created.id);
    const error = await novitaFailure(target.client.management.getEndpoint(created.id));
    expect(error.kind).toBe("not_found");
    if (!REAL_NOVITA) expect(error).toMatchObject({ status: 400, reason: "SERVERLESS_ENDPOINT_NOT_FOUND" });
  });

  it("refuses a second endpoint with the same app name, on the app-name field", async () => {
    const appName = `contract${Date.now().toString(36)}`;
    await create({ appName });
    const error = await novitaFailure(
      target.client.management.createEndpoint(endpointSpec({ productId: target.productId, appName })),
    );
    expect(error).toMatchObject({ kind: "invalid", reason: "SERVERLESS_APP_NAME_IS_EXIST", field: "appName" });
  });

  it("deletes with {id} alone and with {name} alone", async () => {
    const byId = await create();
    expect((await raw("POST", "/endpoint/delete", { id: byId.id })).status).toBe(200);
    const byName = await create();
    expect((await raw("POST", "/endpoint/delete", { name: byName.id })).status).toBe(200);
    for (const id of [byId.id, byName.id])
      expect((await novitaFailure(target.client.management.getEndpoint(id))).kind).toBe("not_found");
  });

  it("accepts the official CLI's partial update with numeric strings, keeping the fields left out", async () => {
    const created = await serving((await create({ env: [{ key: "KEEP", value: "me" }] })).id);
    const { status } = await raw("POST", "/endpoint/update", {
      id: created.id,
      workerConfig: { minNum: 0, maxNum: 3, freeTimeout: "120", maxConcurrent: "2", gpuNum: 1 },
      ports: [{ port: "8080" }],
      policy: { type: "queue", value: "5" },
      image: { image: created.spec.image.image },
    });
    expect(status).toBe(200);
    const updated = await target.client.management.getEndpoint(created.id);
    expect(updated.spec.workers).toMatchObject({ max: 3, idleTimeoutSeconds: 120, maxConcurrent: 2 });
    expect(updated.spec.policy.value).toBe(5);
    expect(updated.spec.env).toEqual([{ key: "KEEP", value: "me" }]);
    expect(updated.spec.name).toBe(created.spec.name);
  });

  sandboxOnly("says creating, then serving, and updating after a change (Novita's state names)", async () => {
    const created = await create();
    expect(created.status.state).toBe("creating");
    const ready = await serving(created.id);
    await target.client.management.updateEndpoint(ready.id, {
      ...ready.spec,
      workers: { ...ready.spec.workers, max: 3 },
    });
    expect((await target.client.management.getEndpoint(ready.id)).status.state).toBe("updating");
    await serving(ready.id);
  });

  sandboxOnly("lists network storages with Novita's field names", async () => {
    const { json } = await raw("GET", "/networkstorages/list?pageNo=1&pageSize=10");
    expect((json.data as Record<string, unknown>[])[0]).toEqual(
      expect.objectContaining({
        storageId: expect.any(String),
        storageName: expect.any(String),
        storageSize: expect.any(Number),
      }),
    );
    expect((await target.client.management.listNetworkStorages())[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
    });
  });
});

describe("refusals by reason (§10.3, §10.12)", () => {
  sandboxOnly.each([
    ["BALANCE_NOT_ENOUGH", 400, "Insufficient balance", "billing reasons"],
    ["EXPIRED_OR_BALANCE_NOT_ENOUGH", 400, "Expired or insufficient balance", "Top up the balance"],
    ["CLUSTER_STATUS", 400, "serverless cluster is not active", "Wait a minute or two"],
    ["RATE_LIMIT_EXCEEDED", 429, "too many requests", "Wait"],
  ] as const)(
    "create answered %s (%i) tells the user what to do, and nothing is created",
    async (reason, status, message, advice) => {
      const before = (await target.client.management.listEndpoints()).length;
      await sandboxControl(target.sandbox!, "POST", "/_sandbox/faults", {
        operation: "endpoints.create",
        mode: "refuse",
        status,
        reason,
        message,
      });
      const error = await novitaFailure(
        target.client.management.createEndpoint(endpointSpec({ productId: target.productId })),
      );
      expect(error).toMatchObject({ status, reason });
      expect(error.userMessage).toContain(advice);
      expect((await target.client.management.listEndpoints()).length).toBe(before);
    },
  );
});

describe("job route names (§10.9)", () => {
  it("answers <id>-<appName> when an app name was given", async () => {
    const created = await serving((await create({ appName: `r${Date.now().toString(36)}` })).id);
    expect(created.jobRouteCandidates).toEqual([`${created.id}-${created.spec.appName}`]);
    expect((await target.client.jobs.health(created.jobRouteName)).workers.total).toBeGreaterThanOrEqual(0);
  });

  it("answers at least one of <id>-<id> and <id> for an endpoint created without an app name", async () => {
    const created = await serving((await create({ appName: "" })).id);
    expect(created.jobRouteCandidates).toEqual(jobRouteCandidates(created.id, ""));
    const answers = await Promise.all(
      created.jobRouteCandidates.map((name) =>
        target.client.jobs.health(name).then(
          () => "ok",
          (error: NovitaError) => error.kind,
        ),
      ),
    );
    expect(answers).toContain("ok");
    for (const answer of answers) expect(["ok", "not_found"]).toContain(answer);
  });

  sandboxOnly(
    "accepts the bare id only for endpoints created without an app name, and only the form the quirk allows",
    async () => {
      const named = await serving((await create({ appName: `n${Date.now().toString(36)}` })).id);
      expect((await novitaFailure(target.client.jobs.health(named.id))).kind).toBe("not_found");
      const bare = await serving((await create({ appName: "" })).id);
      await sandboxControl(target.sandbox!, "POST", "/_sandbox/quirks", { defaultAppRoute: "id" });
      try {
        expect((await novitaFailure(target.client.jobs.health(`${bare.id}-${bare.id}`))).kind).toBe("not_found");
        await target.client.jobs.health(bare.id);
      } finally {
        await sandboxControl(target.sandbox!, "DELETE", "/_sandbox/quirks");
      }
    },
  );
});

describe("leniency (§10.11)", () => {
  sandboxOnly("reads a status reply without an id, filling in the id asked about", async () => {
    const echo = await serving((await create({ workers: { ...endpointSpec().workers, min: 1, max: 1 } })).id);
    const job = await target.client.jobs.run(echo.jobRouteName, { hello: "world" });
    await sandboxControl(target.sandbox!, "POST", "/_sandbox/quirks", {
      omitFields: [{ operation: "jobs.status", field: "id" }],
    });
    try {
      const status = await waitFor(
        () => target.client.jobs.status(echo.jobRouteName, job.id),
        (answer) => answer.finished,
      );
      expect(status).toMatchObject({ id: job.id, status: "COMPLETED" });
    } finally {
      await sandboxControl(target.sandbox!, "DELETE", "/_sandbox/quirks");
    }
  });
});

describe("the connection check (§ Check connection)", () => {
  it("finds every call answering with the fields the console reads", async () => {
    const options = REAL_NOVITA
      ? {
          apiKey: process.env.NOVITA_CONTRACT_KEY!,
          apiBaseUrl: process.env.NOVITA_CONTRACT_API_BASE_URL ?? "https://api.novita.ai/gpu-instance/openapi/v1",
          jobsBaseUrl: process.env.NOVITA_CONTRACT_JOBS_BASE_URL ?? "https://async-public.serverless.novita.ai/v1",
          gpusBaseUrl: process.env.NOVITA_CONTRACT_GPUS_BASE_URL || undefined,
        }
      : {
          apiKey: SANDBOX_KEY,
          apiBaseUrl: target.sandbox!.managementBaseUrl,
          jobsBaseUrl: target.sandbox!.jobsBaseUrl,
        };
    const report = await checkConnection(options);
    const mismatches = report.rows.filter((row) => row.verdict === "mismatch");
    expect(mismatches, JSON.stringify(mismatches, null, 2)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(options.apiKey);
  });
});
