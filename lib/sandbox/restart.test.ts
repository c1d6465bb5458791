/**
 * State across a restart (DATA_DIR/sandbox/state.json), over raw HTTP: the sandbox is read independently of
 * lib/novita.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, openTestSandbox, storedEndpointConfig, type Answer, type TestSandbox } from "./test-support";

const folders: string[] = [];
let current: TestSandbox | undefined;

afterEach(async () => {
  await current?.close();
  current = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(dataDir: string) {
  current = await openTestSandbox({ dataDir, coldStartMs: 50, endpointStartupMs: 50, tickMs: 20 });
  return current;
}

function dataDir() {
  const folder = mkdtempSync(path.join(tmpdir(), "sandbox-restart-"));
  folders.push(folder);
  return folder;
}

const statusOf = (t: TestSandbox, route: string, jobId: string) => t.call("GET", `/v1/${route}/status/${jobId}`);
const finished = (answer: Answer) => ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"].includes(answer.json.status);

describe("sandbox state across a restart", () => {
  it("keeps endpoints (type, route rules), finished results and credentials; re-queues the running job", async () => {
    const folder = dataDir();
    let t = await start(folder);
    const id = await t.create({
      name: "survivor",
      type: "async",
      image: { image: "example/sleep-worker:1" },
      workerConfig: { minNum: 1, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1 },
    });
    const named = await t.create({ appName: "named" });
    expect((await t.api("POST", "/repository/auth/save", { name: "kept", username: "u", password: "p" })).status).toBe(
      200,
    );
    const quick = (await t.call("POST", `/v1/${id}/run`, { input: { seconds: 0 } })).json.id as string;
    await eventually(
      () => statusOf(t, id, quick),
      (answer) => answer.json.status === "COMPLETED",
    );
    const slow = (await t.call("POST", `/v1/${id}/run`, { input: { seconds: 0.3 } })).json.id as string;
    await eventually(
      () => statusOf(t, id, slow),
      (answer) => answer.json.status === "IN_PROGRESS",
    );

    await t.close();
    t = await start(folder);

    expect((await t.api("GET", `/endpoint?id=${id}`)).json.endpoint).toMatchObject({ name: "survivor", type: "async" });
    expect((await t.api("GET", `/endpoint?id=${named}`)).json.endpoint.type).toBe("sync");
    // appNameGiven survived: the bare id still answers for the one without an app name, not for the named one.
    expect((await t.call("GET", `/v1/${named}/health`)).status).toBe(404);
    expect((await t.call("GET", `/v1/${named}-named/health`)).status).toBe(200);
    expect(
      (await t.api("GET", "/repository/auths")).json.data.map((credential: { name: string }) => credential.name),
    ).toEqual(["kept"]);
    expect((await statusOf(t, id, quick)).json).toMatchObject({ status: "COMPLETED", output: { slept: 0 } });
    const resumed = await eventually(() => statusOf(t, id, slow), finished);
    expect(resumed.json.status).toBe("COMPLETED");
    expect((await t.call("GET", `/v1/${id}/health`)).json.jobs).toMatchObject({ completed: 2, retried: 1 });
  });

  it("loads a state.json from before types and serverless ids: async, product renamed, same routes", async () => {
    const folder = dataDir();
    // The config as saved then: a GPU-instance product id, no type.
    const config = storedEndpointConfig({
      name: "old",
      appName: "0123456789abcdef",
      products: [{ id: "sandbox-rtx-4090-24gb" }],
    });
    const endpoint = {
      id: "0123456789abcdef",
      createdAt: 1,
      config,
      state: { state: "starting", error: "", message: "" },
      readyAt: 0,
      counters: { completed: 0, failed: 0, retried: 0 },
    };
    mkdirSync(path.join(folder, "sandbox"), { recursive: true });
    writeFileSync(
      path.join(folder, "sandbox", "state.json"),
      JSON.stringify({ version: 1, endpoints: [endpoint], jobs: [], credentials: [] }),
    );

    const t = await start(folder);
    const loaded = (await t.api("GET", "/endpoint?id=0123456789abcdef")).json.endpoint;
    expect(loaded).toMatchObject({ type: "async", products: [{ id: "SL-serverless-1" }] });
    expect(["creating", "serving"]).toContain(loaded.state.state);
    expect((await t.call("GET", "/v1/0123456789abcdef/health")).status).toBe(200);
    expect(
      (await t.api("POST", "/endpoint/update", { id: "0123456789abcdef", workerConfig: { maxNum: "2" } })).status,
    ).toBe(200);
  });
});
