/**
 * The connection check against a real in-process sandbox (over HTTP): all green as the sandbox answers, red naming
 * the field when a quirk renames one; and against scripted answers for what a sandbox will not do (echo the key,
 * answer HTML, not answer at all).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { checkConnection, type ConnectionCheck, type ProbeRow } from "./check";
import { summarizeCheck } from "./check-summary";
import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";
import { connectionRefused, fakeFetch, json } from "./fake-fetch";

const KEY = "sk_check_test_key_0123456789abcdef";

const sandbox = sandboxForTestFile({ apiKey: KEY, coldStartMs: 50, endpointStartupMs: 60, tickMs: 10 });
let options: NovitaClientOptions;
let client: NovitaClient;
let servingId: string;

async function control(method: "POST" | "DELETE", path: string, body?: unknown) {
  const response = await fetch(`${sandbox.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
}

async function createServing(overrides: Parameters<typeof makeEndpointSpec>[0] = {}): Promise<string> {
  const { id } = await client.management.createEndpoint(makeEndpointSpec(overrides));
  const deadline = Date.now() + 10_000;
  while ((await client.management.getEndpoint(id)).status.state !== "serving") {
    if (Date.now() > deadline) throw new Error(`endpoint ${id} never reached serving`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return id;
}

const row = (check: ConnectionCheck, call: string): ProbeRow => {
  const found = check.rows.find((candidate) => candidate.call === call);
  if (!found) throw new Error(`no row "${call}" in ${check.rows.map((candidate) => candidate.call).join(", ")}`);
  return found;
};
const mismatches = (check: ConnectionCheck) => check.rows.filter((candidate) => candidate.verdict === "mismatch");

beforeAll(async () => {
  options = {
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: `${sandbox.origin}/gpus/v2`,
    timeoutMs: 5_000,
  };
  client = createNovitaClient(options);
  // No app name: Novita then uses the id, and both route-name forms are asked.
  servingId = await createServing({ appName: "" });
});

afterEach(async () => {
  await control("DELETE", "/_sandbox/quirks");
});

describe("checkConnection against the sandbox", () => {
  it("is all green: every call answers 200 with the fields the console reads", async () => {
    const check = await checkConnection(options);
    expect(mismatches(check)).toEqual([]);
    expect(check.ok).toBe(true);
    expect(Date.parse(check.checkedAt)).not.toBeNaN();
    expect(check.rows.map((probe) => probe.call)).toEqual([
      "List endpoints",
      "List endpoints, second page",
      "Get one endpoint",
      "Endpoint limits",
      "Serverless GPU products (v2)",
      "GPU-instance products (v1)",
      "Registry credentials",
      "Network storage",
      `Health of ${servingId}`,
      `Health of ${servingId}`,
    ]);
    for (const probe of check.rows) {
      expect(probe.status, probe.call).toBe(200);
      expect(probe.ms, probe.call).toBeGreaterThanOrEqual(0);
      expect(probe.missing, probe.call).toEqual([]);
      expect(probe.verdict, probe.call).toBe("ok");
    }
    expect(row(check, "Serverless GPU products (v2)")).toMatchObject({
      surface: "gpus",
      request: "GET /products?type=gpu&category=serverless",
    });
    expect(row(check, "List endpoints").surface).toBe("management");
    // Both forms of a default app name answer in the sandbox; each says so.
    const health = check.rows.filter((probe) => probe.surface === "jobs");
    expect(health.map((probe) => probe.request)).toEqual([
      `GET /${servingId}-${servingId}/health`,
      `GET /${servingId}/health`,
    ]);
    expect(health.every((probe) => probe.note === "this route-name form answers")).toBe(true);
    // Fields the console reads when they are there are not "new".
    expect(row(check, "Get one endpoint").extra).not.toContain("endpoint.type");
    expect(row(check, "Get one endpoint").extra).not.toContain("endpoint.state.message");
    // The empty credential list is said to be unchecked, not missing.
    expect(row(check, "Registry credentials").note).toMatch(/empty: data\[\]/);
    expect(summarizeCheck(check).text).toBe("All 10 calls answered as the console expects");
  });

  it("with write: creates a min-0 endpoint, reads it back, deletes it, sees it gone: all green", async () => {
    const before = (await client.management.listEndpoints()).map((endpoint) => endpoint.id).sort();
    const check = await checkConnection(options, { write: true });
    expect(mismatches(check)).toEqual([]);
    expect(check.ok).toBe(true);
    const calls = check.rows.map((probe) => probe.call);
    expect(calls.slice(-4)).toEqual(["Create a min-0 endpoint", "Read it back", "Delete it", "Read it after delete"]);
    expect(row(check, "Create a min-0 endpoint")).toMatchObject({
      status: 200,
      verdict: "ok",
      request: "POST /endpoint/create",
    });
    expect(row(check, "Read it back").note).toBe("type: async");
    expect(row(check, "Read it after delete").verdict).toBe("ok");
    expect(row(check, "Read it after delete").note).toMatch(/^expected not-found; Novita said \w*NOT_FOUND/);
    expect((await client.management.listEndpoints()).map((endpoint) => endpoint.id).sort()).toEqual(before);
  });

  it("turns the list red naming the field when the sandbox renames endpoints' state to status", async () => {
    await control("POST", "/_sandbox/quirks", {
      renameFields: [{ operation: "endpoints.list", from: "state", to: "status" }],
    });
    const check = await checkConnection(options);
    expect(check.ok).toBe(false);
    const list = row(check, "List endpoints");
    expect(list.verdict).toBe("mismatch");
    expect(list.status).toBe(200);
    expect(list.missing).toEqual(["endpoints[].state.state"]);
    expect(list.extra).toContain("endpoints[].status");
    // Only the list was renamed: the single-endpoint read still matches.
    expect(row(check, "Get one endpoint").verdict).toBe("ok");
    // Without the list's states, nothing is known to be serving.
    expect(row(check, "Endpoint health")).toMatchObject({
      verdict: "skipped",
      note: "the endpoint list did not say which endpoints are serving",
    });
    expect(mismatches(check).map((probe) => probe.call)).toEqual(["List endpoints"]);
    expect(summarizeCheck(check).text).toMatch(/^1 of \d+ calls did not answer as expected$/);

    await control("DELETE", "/_sandbox/quirks");
    expect((await checkConnection(options)).ok).toBe(true);
  });

  it("marks the route-name form the gateway does not use as 'not this form', not as a mismatch", async () => {
    await control("POST", "/_sandbox/quirks", { defaultAppRoute: "id" });
    const check = await checkConnection(options);
    expect(check.ok).toBe(true);
    const [composed, bare] = check.rows.filter((probe) => probe.surface === "jobs");
    expect(composed).toMatchObject({
      request: `GET /${servingId}-${servingId}/health`,
      verdict: "info",
      note: "this route-name form is not the one the gateway uses",
    });
    expect(composed!.status).toBeGreaterThanOrEqual(400);
    expect(bare).toMatchObject({ request: `GET /${servingId}/health`, verdict: "ok", status: 200 });
  });

  it("reports a refused key on every row, with Novita's reason, and never the key", async () => {
    const wrongKey = `${KEY}_wrong`;
    const check = await checkConnection({ ...options, apiKey: wrongKey });
    expect(check.ok).toBe(false);
    expect(row(check, "List endpoints")).toMatchObject({ status: 403, verdict: "mismatch", missing: [] });
    expect(row(check, "List endpoints").note).toMatch(/INVALID_API_KEY/);
    expect(row(check, "Get one endpoint")).toMatchObject({
      verdict: "skipped",
      note: "the endpoint list did not answer, so no endpoint is known",
    });
    expect(row(check, "Endpoint health").verdict).toBe("skipped");
    expect(JSON.stringify(check)).not.toContain(wrongKey);
  });

  it("asks the health of at most three serving endpoints and says how many it left out", async () => {
    const extra = [];
    for (let index = 0; index < 3; index += 1) extra.push(await createServing({ appName: `app${index}` }));
    try {
      const check = await checkConnection(options);
      expect(check.ok).toBe(true);
      const asked = new Set(
        check.rows
          .filter((probe) => probe.surface === "jobs" && probe.verdict !== "skipped")
          .map((probe) => probe.call),
      );
      expect(asked.size).toBe(3);
      expect(row(check, "Endpoint health")).toMatchObject({
        verdict: "skipped",
        note: "1 more serving endpoint not asked (the check asks 3)",
      });
    } finally {
      for (const id of extra) await client.management.deleteEndpoint(id);
    }
  });
});

describe("checkConnection against scripted answers", () => {
  const scripted = (fetch: NovitaClientOptions["fetch"]): NovitaClientOptions => ({
    apiKey: KEY,
    apiBaseUrl: "https://novita.test/gpu-instance/openapi/v1/",
    jobsBaseUrl: "https://gateway.test/v1",
    fetch,
  });

  it("sends the key as a bearer token to the three surfaces (v2 on the API's origin by default)", async () => {
    const fake = fakeFetch(json({ endpoints: [], total: 0 }));
    await checkConnection(scripted(fake), { write: false });
    expect(fake.calls[0]).toMatchObject({
      url: "https://novita.test/gpu-instance/openapi/v1/endpoints?pageSize=20&pageNum=0",
      method: "GET",
    });
    expect(fake.calls[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.calls.map((call) => call.url)).toContain(
      "https://novita.test/gpus/v2/products?type=gpu&category=serverless",
    );
  });

  it("names what is missing from a thin answer, and calls a non-JSON answer a mismatch", async () => {
    const fake = fakeFetch(
      json({ endpoints: [{ id: "ep-1", name: "one" }] }),
      new Response("<html>maintenance</html>", { status: 200 }),
    );
    const check = await checkConnection(scripted(fake));
    const list = row(check, "List endpoints");
    expect(list.verdict).toBe("mismatch");
    expect(list.missing).toEqual(
      expect.arrayContaining(["total", "endpoints[].state.state", "endpoints[].workerConfig"]),
    );
    expect(row(check, "Endpoint limits")).toMatchObject({
      status: 200,
      verdict: "mismatch",
      note: "the answer is not JSON",
    });
    // The one endpoint listed has no state, so it is not known to be serving and its health is not asked.
    expect(row(check, "Endpoint health")).toMatchObject({
      verdict: "skipped",
      note: "the endpoint list did not say which endpoints are serving",
    });
  });

  it("scrubs the key from every text, even when an answer or an error echoes it", async () => {
    const fake = fakeFetch(
      json({ code: 401, reason: "INVALID_API_KEY", message: `key ${KEY} is not valid` }, 401),
      new Error(`socket closed while sending ${KEY}`),
    );
    const check = await checkConnection(scripted(fake));
    const text = JSON.stringify(check);
    expect(text).not.toContain(KEY);
    expect(row(check, "List endpoints").note).toBe(`INVALID_API_KEY: key sk_…${KEY.slice(-4)} is not valid`);
    expect(row(check, "Endpoint limits")).toMatchObject({ status: undefined, verdict: "mismatch" });
    expect(row(check, "Endpoint limits").note).toContain("socket closed while sending sk_…");
  });

  it("reports an unreachable Novita as rows without a status, and skips what needed an answer", async () => {
    const check = await checkConnection(scripted(fakeFetch(connectionRefused())), { write: true });
    expect(check.ok).toBe(false);
    expect(row(check, "List endpoints")).toMatchObject({
      status: undefined,
      verdict: "mismatch",
      note: "fetch failed",
    });
    expect(row(check, "Get one endpoint").verdict).toBe("skipped");
    // No product id came back, so nothing is created.
    expect(row(check, "Create a min-0 endpoint")).toMatchObject({
      verdict: "skipped",
      note: "no serverless product id to create with",
    });
    expect(check.rows.some((probe) => probe.call === "Delete it")).toBe(false);
  });
});
