/**
 * The short version of `bench:faults` scenario 1 (docs/reliability.md): the console SIGKILLed in the middle of a
 * 40-copy send and restarted on the same data. Every copy it recorded is sent exactly once and completes, or is
 * "outcome unknown" (its run call was cut off: Novita may have queued it); none is left unfinished, none sent twice.
 * Real processes: the sandbox on its own (so it outlives the kill), `next start` killed with its process group.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { spawnSandbox } from "./support/sandbox-process";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

const ADMIN = { name: "Kill Admin", email: "kill-admin@example.com", password: "kill admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 14;
const SANDBOX_PORT = port + 1000;
const SANDBOX_KEY = "sk_send_kill_e2e_sandbox_key_00000";
const COPIES = 40;
const MARKER = uniqueName("short-kill");

interface JobPage {
  jobs: { id: string; status: string; novitaJobId: string | null; finished: boolean }[];
  counts: Record<string, number>;
}

function startConsole(dataDir: string): ConsoleServer {
  return spawnConsole(port, {
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_API_KEY: SANDBOX_KEY,
  });
}

async function jobsOf(request: APIRequestContext, server: ConsoleServer): Promise<JobPage> {
  const response = await request.get(`${server.baseURL}/api/v1/jobs?q=${encodeURIComponent(MARKER)}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as JobPage;
}

test("a send cut by SIGKILL: every recorded copy is sent once and completes or is 'outcome unknown'", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-send-kill-"));
  const sandboxProcess = await spawnSandbox(SANDBOX_PORT, SANDBOX_KEY);
  const sandbox = new SandboxManagement(sandboxProcess.origin, SANDBOX_KEY);
  let server = startConsole(dataDir);
  try {
    await waitForHealthy(server);
    await expect.poll(() => existsSync(path.join(dataDir, "console-secret")), { timeout: 30_000 }).toBe(true);
    const endpointId = await sandbox.createEndpoint(uniqueName("kill"), {
      image: WORKER_IMAGES.echo,
      minNum: 2,
      maxNum: 2,
    });
    // Run calls of 40 ms: the send is still under way when the kill lands.
    await sandbox.control("POST", "/faults", { operation: "jobs.run", mode: "slow", hangMs: 40, count: 10_000 });
    const runCalls = async () =>
      ((await sandbox.control("GET", "/state")) as { requests?: Record<string, number> }).requests?.["jobs.run"] ?? 0;

    let context = await browser.newContext();
    let page = await context.newPage();
    await signIn(page, ADMIN, `${server.baseURL}/login`);
    // The console's own pages write with the session and their origin; the send is not awaited: it is cut off.
    const send = context.request
      .post(`${server.baseURL}/api/v1/jobs`, {
        headers: { origin: server.baseURL },
        data: { endpointId, input: { prompt: MARKER }, copies: COPIES },
      })
      .then(
        (response) => `HTTP ${response.status()}`,
        () => "no answer",
      );
    await expect.poll(runCalls, { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(8);
    process.kill(-server.process.pid!, "SIGKILL");
    await send;
    await server.stop();
    await context.close();
    await sandbox.control("DELETE", "/faults");

    server = startConsole(dataDir);
    await waitForHealthy(server);
    context = await browser.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN, `${server.baseURL}/login`);
    // The copies never started are sent; the ones cut off mid-call turn "outcome unknown" when their 30 s lease ends.
    await expect
      .poll(async () => (await jobsOf(context.request, server)).jobs.every((job) => job.finished), {
        timeout: 120_000,
        intervals: [1_000],
      })
      .toBe(true);
    const { jobs } = await jobsOf(context.request, server);
    // One transaction records every copy: all of them, since run calls had started.
    expect(jobs).toHaveLength(COPIES);
    const completed = jobs.filter((job) => job.status === "COMPLETED");
    const unknown = jobs.filter((job) => job.status === "UNKNOWN");
    expect(completed.length + unknown.length).toBe(COPIES);
    expect(completed.every((job) => job.novitaJobId)).toBe(true);
    // Novita got each completed copy once, and at most one more per unknown one: nothing was sent twice.
    const upstream = (
      (await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=1000`)) as { input: unknown }[]
    ).filter((job) => JSON.stringify(job.input).includes(MARKER)).length;
    expect(upstream).toBeGreaterThanOrEqual(completed.length);
    expect(upstream).toBeLessThanOrEqual(completed.length + unknown.length);

    // A person sees the unknown ones for what they are.
    if (unknown.length > 0) {
      await page.goto(`${server.baseURL}/jobs/${unknown[0]!.id}`);
      await expect(page.getByRole("heading", { name: /Outcome unknown/ })).toBeVisible();
    }
    await context.close();
  } finally {
    await server.stop();
    await sandboxProcess.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
