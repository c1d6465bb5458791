/**
 * Two console replicas on one Postgres and one sandbox, as a team runs the console highly available: jobs sent
 * through replica A, watched over SSE on replica B, A killed with SIGKILL mid-flight. Nothing is lost: B's tracker
 * takes A's jobs over, no job is asked about twice within one interval, each output is archived once, and B's stream
 * carries every change whichever replica saw it.
 */
import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ADMIN } from "./support/accounts";
import { SandboxManagement, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { spawnSandbox, type SandboxProcess } from "./support/sandbox-process";
import { readJobEvents } from "@/tests/support/sse-jobs";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

const serverUrl = process.env.TEST_DATABASE_URL;
const SANDBOX_KEY = "sk_replicas_e2e_sandbox_key_000000";
const SANDBOX_PORT = 3233;
const JOBS = 200;
/** A 1×1 PNG: the echo worker returns its input, so each job "produces" this image. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** Reads a replica's /api/events and records each job's statuses as the stream told them. */
function watchStream(origin: string, cookie: string, seen: Map<string, Set<string>>, signal: AbortSignal) {
  void fetch(`${origin}/api/events`, { headers: { cookie }, signal })
    .then((response) =>
      readJobEvents<{ id: string; status: string }>(response.body!, (job) => {
        if (!seen.has(job.id)) seen.set(job.id, new Set());
        seen.get(job.id)!.add(job.status);
      }),
    )
    .catch(() => {});
}

test.describe("two replicas on one Postgres", () => {
  test.skip(!serverUrl, "TEST_DATABASE_URL is not set: npm test starts a throwaway Postgres when it is installed");
  test.setTimeout(240_000);

  test("jobs sent through A and watched on B all complete after A is killed with SIGKILL", async ({ page }) => {
    const name = `e2e_replicas_${Date.now()}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const database = postgres(url.toString(), { max: 2, onnotice: () => {} });
    // One DATA_DIR for both, as a shared volume: the output store and the generated files are the cluster's.
    const dataDir = mkdtempSync(path.join(tmpdir(), "console-replicas-"));
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      CONSOLE_SECRET: "replicas-e2e-console-secret-0123456789abcdef",
      SANDBOX_PORT: String(SANDBOX_PORT),
      SANDBOX_API_KEY: SANDBOX_KEY,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
    let sandbox: SandboxProcess | undefined;
    let replicaA: ConsoleServer | undefined;
    let replicaB: ConsoleServer | undefined;
    const abort = new AbortController();
    try {
      sandbox = await spawnSandbox(SANDBOX_PORT, SANDBOX_KEY);
      const management = new SandboxManagement(sandbox.origin, SANDBOX_KEY);
      const endpointId = await management.createEndpoint("replicas", {
        image: WORKER_IMAGES.echo,
        minNum: 2,
        maxNum: 2,
      });
      // Workers paused: every job waits in the queue until A is about to die.
      await management.control("POST", "/workers/pause", { endpointId });

      replicaA = spawnConsole(3231, env);
      replicaB = spawnConsole(3232, env);
      await Promise.all([waitForHealthy(replicaA), waitForHealthy(replicaB)]);

      // A person signs in on A and creates a token for their script there.
      await page.goto(`${replicaA.baseURL}/login`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      await page.goto(`${replicaA.baseURL}/settings`);
      await page
        .getByRole("navigation", { name: "Settings sections" })
        .getByRole("link", { name: "API tokens" })
        .click();
      await expect(page.getByRole("heading", { name: "Create a token" })).toBeVisible();
      // Typed again if the form was still hydrating and dropped the first keystrokes.
      await expect(async () => {
        await page.getByLabel("Name").fill("sweep script");
        await expect(page.getByLabel("Name")).toHaveValue("sweep script", { timeout: 1_000 });
      }).toPass();
      await page.getByRole("button", { name: "Create token" }).click();
      const shown = page.getByRole("textbox", { name: "New token" });
      await expect(shown).toHaveValue(/^nvc_/);
      const token = await shown.inputValue();
      expect(token).toMatch(/^nvc_/);

      // The same browser session watches replica B's stream (cookies are per host; both replicas share the secret).
      const cookie = (await page.context().cookies(replicaB.baseURL))
        .map((entry) => `${entry.name}=${entry.value}`)
        .join("; ");
      const seenOnB = new Map<string, Set<string>>();
      watchStream(replicaB.baseURL, cookie, seenOnB, abort.signal);

      // The script sends 200 jobs through A's gateway, 8 at a time.
      const ids: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < JOBS) {
            next += 1;
            let response: Response;
            // A well-behaved script: over the token's rate it waits for Retry-After and sends again.
            for (;;) {
              response = await fetch(`${replicaA!.baseURL}/api/novita/v1/${endpointId}/run`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
                body: JSON.stringify({ input: { images: [{ filename: "dot.png", type: "base64", data: PNG }] } }),
              });
              if (response.status !== 429) break;
              await new Promise((resolve) =>
                setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000),
              );
            }
            expect(response.status).toBe(200);
            ids.push(((await response.json()) as { id: string }).id);
          }
        }),
      );
      expect(ids).toHaveLength(JOBS);

      // Workers go back to work; a moment later A is killed without warning, its leases left behind.
      await management.control("POST", "/workers/resume", { endpointId });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      process.kill(-replicaA.process.pid!, "SIGKILL");

      // B finishes everything.
      await expect
        .poll(
          async () => (await database`select count(*)::int as n from jobs where status = 'COMPLETED'`)[0]!.n as number,
          { timeout: 150_000, intervals: [1_000] },
        )
        .toBe(JOBS);

      // Never asked about twice within one interval, whichever replica asked.
      const calls = (await management.control("GET", "/status-calls")) as Record<
        string,
        { calls: number; shortestGapMs: number | null }
      >;
      const novitaIds = (await database`select novita_job_id from jobs`).map((row) => row.novita_job_id as string);
      const gaps = novitaIds.map((id) => calls[id]?.shortestGapMs).filter((gap) => gap !== null && gap !== undefined);
      expect(Math.min(...(gaps as number[]))).toBeGreaterThanOrEqual(900);

      // Each job's output archived once (a job A was archiving when it died waits out A's 60 s lease).
      await expect
        .poll(async () => (await database`select count(*)::int as n from outputs`)[0]!.n as number, {
          timeout: 100_000,
        })
        .toBe(JOBS);
      const perJob = await database`select job_id, count(*)::int as n from outputs group by job_id having count(*) > 1`;
      expect(perJob).toHaveLength(0);
      // Every row marked done (one whose files A stored just before dying is redone, harmlessly, after the lease).
      await expect
        .poll(
          async () =>
            (await database`select archive_state, count(*)::int as n from jobs group by archive_state`).map((row) => ({
              ...row,
            })),
          { timeout: 100_000, intervals: [1_000] },
        )
        .toEqual([{ archive_state: "done", n: JOBS }]);

      // B's stream saw every change of every job, including those A's tracker saw before it died.
      await expect.poll(() => [...seenOnB.values()].filter((statuses) => statuses.has("COMPLETED")).length).toBe(JOBS);
      const timeline = await database`select job_id, status from job_events`;
      const missing = timeline.filter((event) => !seenOnB.get(event.job_id as string)?.has(event.status as string));
      expect(missing).toHaveLength(0);
    } finally {
      abort.abort();
      await database.end();
      await replicaB?.stop();
      await replicaA?.stop();
      await sandbox?.stop();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
