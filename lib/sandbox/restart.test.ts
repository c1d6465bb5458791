import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createNovitaClient } from "@/lib/novita/client";
import type { Job } from "@/lib/novita/types";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { startSandbox, type RunningSandbox } from "./server";

const KEY = "sk_restart_test_key_000000";
const folders: string[] = [];
let sandbox: RunningSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function start(dataDir: string) {
  return startSandbox({ port: 0, apiKey: KEY, dataDir, coldStartMs: 50, endpointStartupMs: 50, tickMs: 20 });
}

function clientFor(running: RunningSandbox) {
  return createNovitaClient({ apiKey: KEY, apiBaseUrl: running.managementBaseUrl, jobsBaseUrl: running.jobsBaseUrl, retry: { maxRetries: 0 } });
}

async function until(probe: () => Promise<Job>, done: (job: Job) => boolean): Promise<Job> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const job = await probe();
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("timed out");
}

describe("sandbox state across a restart", () => {
  it("keeps endpoints, finished results and credentials; re-queues the job that was running", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sandbox-restart-"));
    folders.push(dataDir);
    sandbox = await start(dataDir);
    let client = clientFor(sandbox);
    const { id } = await client.management.createEndpoint(
      makeEndpointSpec({ name: "survivor", appName: "", imageName: "example/sleep-worker:1", workers: { ...makeEndpointSpec().workers, min: 1, max: 1 } }),
    );
    await client.management.saveRegistryCredential({ name: "kept", username: "u", password: "p" });
    const quick = await client.jobs.run(id, { seconds: 0 });
    await until(() => client.jobs.status(id, quick.id), (job) => job.status === "COMPLETED");
    const slow = await client.jobs.run(id, { seconds: 0.3 });
    await until(() => client.jobs.status(id, slow.id), (job) => job.status === "IN_PROGRESS");

    await sandbox.close();
    sandbox = await start(dataDir);
    client = clientFor(sandbox);

    expect((await client.management.getEndpoint(id)).spec.name).toBe("survivor");
    expect((await client.management.listRegistryCredentials()).map((credential) => credential.name)).toEqual(["kept"]);
    expect(await client.jobs.status(id, quick.id)).toMatchObject({ status: "COMPLETED", output: { slept: 0 } });
    const resumed = await until(() => client.jobs.status(id, slow.id), (job) => job.finished);
    expect(resumed.status).toBe("COMPLETED");
    expect((await client.jobs.health(id)).jobs).toMatchObject({ completed: 2, retried: 1 });
  });
});
