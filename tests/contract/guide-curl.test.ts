/**
 * The guide's own curl examples (tests/contract/fixtures/comfyui-guide-curl.sh, verbatim) run against the sandbox
 * with only the base URL, key, endpoint name and job ids changed: a user can follow Novita's guide in local mode.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";

const GUIDE_BASE_URL = "https://async-public.serverless.novita.ai/v1";
const GUIDE_ENDPOINT = "0f43a6867e05fddd";
const GUIDE_KEY = "sk_xxxx";
const KEY = "sk_guide_curl_sandbox_key_42";

const commands = readFileSync(path.join(import.meta.dirname, "fixtures", "comfyui-guide-curl.sh"), "utf8")
  .split(/\n(?=curl )/)
  .filter((block) => block.startsWith("curl "))
  .map((block) => block.trim());
const [runCommand, statusCommand, cancelCommand, healthCommand] = commands as [string, string, string, string];

const sandbox = sandboxForTestFile({
  apiKey: KEY,
  coldStartMs: 50,
  endpointStartupMs: 50,
  comfyStepMs: 20,
  tickMs: 20,
});
let endpointId: string;

const execFileAsync = promisify(execFile);

/** Runs a guide command in bash, asynchronously: the sandbox answering it lives in this same process. */
async function runGuideCommand(command: string, jobId?: string): Promise<unknown> {
  let adapted = command
    .replaceAll(GUIDE_BASE_URL, sandbox.jobsBaseUrl)
    .replaceAll(GUIDE_ENDPOINT, endpointId)
    .replaceAll(GUIDE_KEY, KEY);
  if (jobId) adapted = adapted.replace(/\/(status|cancel)\/[0-9a-f-]{36}/, `/$1/${jobId}`);
  const { stdout } = await execFileAsync("bash", ["-c", adapted], { encoding: "utf8", timeout: 20_000 });
  return JSON.parse(stdout);
}

async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${sandbox.managementBaseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

beforeAll(async () => {
  // The serverless catalogue (GPU API v2): v1's /products lists GPU-instance ids, which create refuses.
  const listed = await fetch(`${sandbox.gpusV2BaseUrl}/products?type=gpu&category=serverless`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  const products = ((await listed.json()) as { data: { id: string; name: string }[] }).data;
  const created = await api("POST", "/endpoint/create", {
    endpoint: {
      name: "guide-example",
      workerConfig: { minNum: 1, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1, requestTimeout: 600 },
      ports: [{ port: "8188" }],
      policy: { type: "concurrency", value: 1 },
      image: { image: "novitalabs/comfyui-worker:v0.0.1" },
      products: [{ id: products.find((product) => product.name.includes("4090"))!.id }],
    },
  });
  endpointId = created.id as string;
});

describe("the guide's curl examples against the sandbox", () => {
  it("are the four documented calls", () => {
    expect(commands.map((command) => command.split(/\s+/).slice(0, 4).join(" "))).toEqual([
      `curl -X POST ${GUIDE_BASE_URL}/${GUIDE_ENDPOINT}/run`,
      expect.stringMatching(/^curl -X GET .*\/status\//),
      expect.stringMatching(/^curl -X POST .*\/cancel\//),
      `curl -X GET ${GUIDE_BASE_URL}/${GUIDE_ENDPOINT}/health`,
    ]);
  });

  it("run answers {id, status: PENDING}; status reaches COMPLETED with the generated image", async () => {
    const run = (await runGuideCommand(runCommand)) as { id: string; status: string };
    expect(run).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "PENDING" });

    let status: { status: string; output?: { images: { filename: string; type: string }[] } } = { status: "" };
    for (let attempt = 0; attempt < 100 && status.status !== "COMPLETED"; attempt += 1) {
      status = (await runGuideCommand(statusCommand, run.id)) as typeof status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status.status).toBe("COMPLETED");
    expect(status.output?.images).toEqual([{ filename: "test_00001_.png", type: "base64", data: expect.any(String) }]);
  });

  it("cancel cancels a queued job, and health answers the documented shape", async () => {
    const busy = (await runGuideCommand(runCommand)) as { id: string };
    const queued = (await runGuideCommand(runCommand)) as { id: string };
    expect(await runGuideCommand(cancelCommand, queued.id)).toEqual({ id: queued.id, status: "CANCELLED" });
    expect(((await runGuideCommand(statusCommand, queued.id)) as { status: string }).status).toBe("CANCELLED");
    await runGuideCommand(cancelCommand, busy.id);

    const health = (await runGuideCommand(healthCommand)) as Record<string, Record<string, number>>;
    expect(Object.keys(health).sort()).toEqual(["jobs", "workers"]);
    expect(Object.keys(health.workers!).sort()).toEqual(["idle", "running", "throttled", "total"]);
    expect(Object.keys(health.jobs!).sort()).toEqual(["completed", "failed", "inProgress", "inQueue", "retried"]);
    expect(health.workers!.total).toBe(1);
  });
});
