/**
 * "A RunPod-compatible client pointed at the gateway works; so do the guide's curl examples, with only the base URL
 * and the key changed." The gateway's handlers behind node:http (tests/support/gateway-http.ts), a console token made
 * by better-auth, the process's tracker and ledger, the sandbox as Novita.
 *
 * The client is what RunPod's SDKs send, in a few lines (no network here to install them): runpod-python's
 * `Endpoint(id).run(input)` posts `{"input": …}` to `{base}/{id}/run` with `Authorization: <key>` (the bare key);
 * runpod-js sends `Authorization: Bearer <key>`. `job.status()` reads `status` of `GET {id}/status/{job}`,
 * `job.output()` polls it until a final status and reads `output`, `cancel()` posts `{id}/cancel/{job}`,
 * `health()` gets `{id}/health`, `run_sync` posts `{id}/runsync` — which the gateway does not offer.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_RATE, TokenBucketLimiter, setApiRateLimiter } from "@/lib/api/v1/rate-limit";
import { logger } from "@/lib/logger";
import { createNovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { startGatewayConsole, type GatewayConsole } from "@/tests/support/gateway-console";

const KEY = "sk_gateway_runpod_client_key_01";
const FINAL = ["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"];
type Style = "python" | "js";
type Answer = { status: number; json: Record<string, unknown> | undefined };

/** RunPod's SDK calls against `base` with `key`, as runpod-python (bare key) or runpod-js (Bearer) sends them. */
function runpodClient(base: string, key: string, style: Style) {
  const headers = { "Content-Type": "application/json", Authorization: style === "python" ? key : `Bearer ${key}` };
  const request = async (method: string, where: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${base}/${where}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text.startsWith("{") ? JSON.parse(text) : undefined };
  };
  const job = (endpointId: string, id: string) => ({
    id,
    status: async () => (await request("GET", `${endpointId}/status/${id}`)).json?.status as string,
    async output(timeoutMs = 20_000) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
        const { json } = await request("GET", `${endpointId}/status/${id}`);
        if (FINAL.includes(json?.status as string)) return json?.output;
      }
      throw new Error(`job ${id} did not finish`);
    },
    cancel: async () => (await request("POST", `${endpointId}/cancel/${id}`)).json,
  });
  return {
    endpoint: (endpointId: string) => ({
      async run(input: Record<string, unknown>) {
        // runpod-python wraps the payload unless it already has an `input`.
        const answer = await request("POST", `${endpointId}/run`, input.input ? input : { input });
        if (answer.status !== 200) throw new Error(`run answered ${answer.status}: ${JSON.stringify(answer.json)}`);
        return job(endpointId, answer.json!.id as string);
      },
      health: () => request("GET", `${endpointId}/health`),
      runSync: (input: unknown) => request("POST", `${endpointId}/runsync`, { input }),
    }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sandbox = sandboxForTestFile({
  apiKey: KEY,
  coldStartMs: 20,
  endpointStartupMs: 20,
  comfyStepMs: 10,
  tickMs: 10,
});
let gateway: GatewayConsole;
const endpoints = { echo: "", sleep: "", comfy: "" };

beforeAll(async () => {
  logger.level = "warn";
  gateway = await startGatewayConsole(sandbox, { sandboxKey: KEY, tracker: true });
  const { management } = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
  });
  const one = { ...makeEndpointSpec().workers, min: 1, max: 1, maxConcurrent: 1 };
  for (const [kind, image] of [
    ["echo", "example/echo-worker:1"],
    ["sleep", "example/sleep-worker:1"],
    ["comfy", "novitalabs/comfyui-worker:v0.0.1"],
  ] as const) {
    const spec = makeEndpointSpec({ imageName: image, workers: one, policy: { type: "concurrency", value: 1 } });
    endpoints[kind] = (await management.createEndpoint(kind === "comfy" ? { ...spec, port: 8188 } : spec)).id;
  }
  for (const id of Object.values(endpoints)) {
    while ((await management.getEndpoint(id)).status.state !== "serving") await sleep(20);
  }
});
afterAll(() => gateway?.close());

describe("a RunPod SDK client pointed at the gateway", () => {
  it.each(["python", "js"] as const)("runs a job and reads its output (%s: the key as it sends it)", async (style) => {
    const endpoint = runpodClient(gateway.baseUrl, gateway.token, style).endpoint(endpoints.echo);
    const job = await endpoint.run({ prompt: `hello from ${style}` });
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(["PENDING", "IN_QUEUE", "IN_PROGRESS", "COMPLETED"]).toContain(await job.status());
    expect(await job.output()).toEqual({ prompt: `hello from ${style}` });
    expect(await job.status()).toBe("COMPLETED");
    const health = await endpoint.health();
    expect(health.status).toBe(200);
    expect(Object.keys(health.json!).sort()).toEqual(["jobs", "workers"]);
  });

  it.each(["python", "js"] as const)(
    "is refused with a wrong key (%s), in the gateway's error shape",
    async (style) => {
      const endpoint = runpodClient(gateway.baseUrl, `${gateway.token}x`, style).endpoint(endpoints.echo);
      await expect(endpoint.run({ prompt: "x" })).rejects.toThrow(/run answered 401: .*"reason":"UNAUTHORIZED"/);
    },
  );

  it("cancels a queued job; status then reads CANCELLED", async () => {
    const endpoint = runpodClient(gateway.baseUrl, gateway.token, "python").endpoint(endpoints.sleep);
    const busy = await endpoint.run({ seconds: 30 });
    const queued = await endpoint.run({ seconds: 30 });
    expect(await queued.cancel()).toEqual({ id: queued.id, status: "CANCELLED" });
    expect(await queued.output()).toBeUndefined();
    expect(await queued.status()).toBe("CANCELLED");
    expect(await busy.cancel()).toEqual({ id: busy.id, status: "CANCELLED" });
  });

  it("a script's runs find the endpoint once, not on every run (no Novita management call per job)", async () => {
    const reads = async () => {
      const response = await fetch(`${sandbox.origin}/_sandbox/state`, { headers: { authorization: `Bearer ${KEY}` } });
      return ((await response.json()) as { requests?: Record<string, number> }).requests?.["endpoints.get"] ?? 0;
    };
    const endpoint = runpodClient(gateway.baseUrl, gateway.token, "js").endpoint(endpoints.echo);
    const before = await reads();
    for (let run = 0; run < 5; run += 1) await endpoint.run({ prompt: `run ${run}` });
    expect((await reads()) - before).toBeLessThanOrEqual(1);
  });

  it("a token over its rate gets 429 with Retry-After on run, cancel and health; status stays open", async () => {
    setApiRateLimiter(new TokenBucketLimiter({ perSecond: 0.01, burst: 2 }));
    try {
      const endpoint = runpodClient(gateway.baseUrl, gateway.token, "js").endpoint(endpoints.echo);
      const job = await endpoint.run({ prompt: "within the burst" });
      expect((await endpoint.health()).status).toBe(200);
      const over = await fetch(`${gateway.baseUrl}/${endpoints.echo}/health`, {
        headers: { authorization: `Bearer ${gateway.token}` },
      });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await over.json()).toMatchObject({ code: 429, reason: "RATE_LIMIT_EXCEEDED" });
      await expect(endpoint.run({ prompt: "over" })).rejects.toThrow(/run answered 429/);
      for (let poll = 0; poll < 5; poll += 1) expect(await job.status()).toEqual(expect.any(String));
    } finally {
      setApiRateLimiter(new TokenBucketLimiter(API_RATE));
    }
  });

  it("gets 404 for run_sync: the gateway has no /runsync (async endpoints only)", async () => {
    const routeFiles = path.join(process.cwd(), "app", "api", "novita", "v1", "[route]");
    expect(existsSync(path.join(routeFiles, "run"))).toBe(true);
    expect(existsSync(path.join(routeFiles, "runsync"))).toBe(false);
    const endpoint = runpodClient(gateway.baseUrl, gateway.token, "python").endpoint(endpoints.echo);
    expect((await endpoint.runSync({ prompt: "x" })).status).toBe(404);
    // The route file answers any other call in the gateway's error shape (here the handler alone, as Next calls it).
    const { GET } = await import("@/app/api/novita/v1/[route]/[...rest]/route");
    const answer = await GET(new Request("http://console/api/novita/v1/x/runsync"));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({
      code: 404,
      reason: "NOT_FOUND",
      message: expect.stringContaining("runsync"),
    });
  });
});

describe("the guide's curl examples against the gateway", () => {
  const GUIDE_BASE_URL = "https://async-public.serverless.novita.ai/v1";
  const GUIDE_ENDPOINT = "0f43a6867e05fddd";
  const commands = readFileSync(path.join(import.meta.dirname, "fixtures", "comfyui-guide-curl.sh"), "utf8")
    .split(/\n(?=curl )/)
    .filter((block) => block.startsWith("curl "))
    .map((block) => block.trim());
  const [runCommand, statusCommand, cancelCommand, healthCommand] = commands as [string, string, string, string];

  /** A guide command with the gateway's base URL and a console token; the endpoint name and job id are ours. */
  async function curl(command: string, jobId?: string): Promise<Record<string, unknown>> {
    let adapted = command
      .replaceAll(GUIDE_BASE_URL, gateway.baseUrl)
      .replaceAll(GUIDE_ENDPOINT, endpoints.comfy)
      .replaceAll("sk_xxxx", gateway.token);
    if (jobId) adapted = adapted.replace(/\/(status|cancel)\/[0-9a-f-]{36}/, `/$1/${jobId}`);
    const { stdout } = await promisify(execFile)("bash", ["-c", adapted], { encoding: "utf8", timeout: 20_000 });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it("use only the base URL and the key (plus the endpoint name and job ids) that change", () => {
    expect(commands).toHaveLength(4);
    for (const command of commands) expect(command).toContain(`${GUIDE_BASE_URL}/${GUIDE_ENDPOINT}/`);
    expect(commands.every((command) => command.includes("Authorization: Bearer sk_xxxx"))).toBe(true);
  });

  it("run, then status until COMPLETED with the image; cancel of a queued job; health", async () => {
    const run = await curl(runCommand);
    expect(run).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: expect.any(String) });
    const queued = await curl(runCommand);
    expect(await curl(cancelCommand, queued.id as string)).toEqual({ id: queued.id, status: "CANCELLED" });

    let status: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 100 && status.status !== "COMPLETED"; attempt += 1) {
      status = await curl(statusCommand, run.id as string);
      await sleep(100);
    }
    expect(status).toMatchObject({ id: run.id, status: "COMPLETED" });
    expect((status.output as { images: unknown[] }).images).toEqual([
      { filename: "test_00001_.png", type: "base64", data: expect.any(String) },
    ]);
    const health = (await curl(healthCommand)) as Record<string, Record<string, number>>;
    expect(Object.keys(health).sort()).toEqual(["jobs", "workers"]);
    expect(health.workers!.total).toBe(1);
  });
});
