/**
 * Fault benchmarks (issue 16), with real processes on loopback: the sandbox (`npm run sandbox`) and the console
 * (`next start`, the production build: run `npx next build` first) on a PGlite DATA_DIR.
 * 1. SIGKILL while sending: two REST sends of 100 copies each (a slow upstream: every run call takes RUN_MS), the
 *    console killed KILL_AFTER_MS in, restarted on the same data; then the same for a 64-job sweep. Printed:
 *    requested, recorded (a send whose transaction had not committed recorded nothing, and its caller saw the
 *    error), completed, unknown (to settle by hand), lost (recorded but never finished: must be 0) and sent twice
 *    (Novita jobs beyond the ledger's: must be 0).
 * Knobs (env): BENCH_FAULTS_RUN_MS (default 40), BENCH_FAULTS_KILL_AFTER_MS (default 700).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAuth } from "@/lib/auth/auth";
import { createUserWithPassword } from "@/lib/auth/users";
import { guideWorkflow } from "@/lib/comfyui/examples";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { jobs, workflowRuns } from "@/lib/db/schema";
import { createToken } from "@/lib/tokens/service";
import { createWorkflow } from "@/lib/workflows/service";
import { SandboxManagement, WORKER_IMAGES } from "@/e2e/support/endpoints-sandbox";
import { spawnSandbox } from "@/e2e/support/sandbox-process";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "@/e2e/support/server";

const SANDBOX_KEY = "sk_faults_bench_sandbox_key_00000000";
const SECRET = "faults-bench-console-secret-0123456789abcdef";
const SANDBOX_PORT = 3293;
const CONSOLE_PORT = 3291;
const RUN_MS = Number(process.env.BENCH_FAULTS_RUN_MS ?? 40);
const KILL_AFTER_MS = Number(process.env.BENCH_FAULTS_KILL_AFTER_MS ?? 700);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  dataDir: string;
  token: string;
  workflowId: string;
}

/** The console's data before it first starts: migrated, an admin with a console token, one workflow. */
async function seed(dataDir: string): Promise<Setup> {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  const auth = createAuth(handle.db, { secret: SECRET, baseURL: `http://127.0.0.1:${CONSOLE_PORT}` });
  const admin = await createUserWithPassword(auth, {
    email: "faults@example.com",
    name: "Faults Bench",
    password: "long password 1",
    role: "admin",
  });
  const { key } = await createToken(
    auth,
    { id: admin.id, email: admin.email, name: "Faults Bench", role: "admin" },
    { name: "faults bench", role: "admin", expires: "never" },
  );
  const workflow = await createWorkflow(handle.db, {
    name: "faults sweep",
    description: "",
    graph: guideWorkflow(),
    userId: admin.id,
  });
  await handle.close();
  return { dataDir, token: key, workflowId: workflow.id };
}

function startConsole(setup: Setup): ConsoleServer {
  return spawnConsole(CONSOLE_PORT, {
    DATA_DIR: setup.dataDir,
    CONSOLE_SECRET: SECRET,
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_API_KEY: SANDBOX_KEY,
  });
}

/** Reads the ledger with the console stopped (PGlite is one process's). */
async function withLedger<T>(setup: Setup, read: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(setup.dataDir, "pglite") });
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}

function post(console_: ConsoleServer, token: string, route: string, body: unknown) {
  return fetch(`${console_.baseURL}/api/v1${route}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(
    (response) => `HTTP ${response.status}`,
    (error: unknown) => `no answer (${error instanceof Error ? error.message : String(error)})`,
  );
}

/** Waits until the restarted console has nothing left to send and every sent job has finished. */
async function settle(console_: ConsoleServer, token: string, marker: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${console_.baseURL}/api/v1/jobs?q=${encodeURIComponent(marker)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const counts = ((await response.json()) as { counts?: Record<string, number> }).counts ?? {};
    if (response.ok && (counts.queued ?? 0) + (counts.running ?? 0) === 0) return;
    await sleep(1_000);
  }
}

async function scenario(
  label: string,
  setup: Setup,
  sandbox: SandboxManagement,
  endpointId: string,
  send: (console_: ConsoleServer) => Promise<string[]>,
  requested: number,
  marker: string,
) {
  await sandbox.control("POST", "/faults", { operation: "jobs.run", mode: "slow", hangMs: RUN_MS, count: 10_000 });
  let console_ = startConsole(setup);
  await waitForHealthy(console_);
  const answers = send(console_);
  await sleep(KILL_AFTER_MS);
  process.kill(-console_.process.pid!, "SIGKILL");
  const answered = await answers;
  await console_.stop();
  await sandbox.control("DELETE", "/faults");

  console_ = startConsole(setup);
  await waitForHealthy(console_);
  await settle(console_, setup.token, marker);
  // Abandoned sends become "outcome unknown" once their lease (30 s) has run out.
  await sleep(33_000);
  await settle(console_, setup.token, marker);
  await console_.stop();

  const rows = await withLedger(setup, async ({ db }) => {
    const all = await db.select().from(jobs);
    const runs = await db.select().from(workflowRuns);
    return { all: all.filter((row) => JSON.stringify(row.input).includes(marker)), runs };
  });
  const recorded = rows.all.length;
  const completed = rows.all.filter((row) => row.status === "COMPLETED").length;
  const unknown = rows.all.filter((row) => row.status === "UNKNOWN").length;
  const lost = rows.all.filter((row) => !row.finished).length;
  const novita = (await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=10000`)) as { input: unknown }[];
  const upstream = novita.filter((job) => JSON.stringify(job.input).includes(marker)).length;
  const linked = rows.all.filter((row) => row.novitaJobId).length;
  // Each unknown row may have reached Novita once; beyond that, a Novita job no row accounts for was sent twice.
  const sentTwice = Math.max(0, upstream - linked - unknown);
  const withoutRun = rows.all.filter((row) => !rows.runs.some((run) => run.jobId === row.id)).length;
  console.log(`${label}`);
  console.log(`  callers saw: ${answered.join("; ")}`);
  console.log(
    `  requested ${requested}, recorded ${recorded}, completed ${completed}, unknown ${unknown}, ` +
      `lost ${lost} (must be 0) ${lost === 0 ? "PASS" : "FAIL"}, sent twice ${sentTwice} (must be 0) ` +
      `${sentTwice === 0 ? "PASS" : "FAIL"}`,
  );
  console.log(`  Novita received ${upstream}; ledger rows with Novita's id ${linked}`);
  return { withoutRun };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "faults-bench-"));
  const sandboxProcess = await spawnSandbox(SANDBOX_PORT, SANDBOX_KEY);
  try {
    const sandbox = new SandboxManagement(sandboxProcess.origin, SANDBOX_KEY);
    const endpointId = await sandbox.createEndpoint("faults", { image: WORKER_IMAGES.echo, minNum: 2, maxNum: 2 });
    const setup = await seed(dataDir);
    console.log(`faults bench: run calls take ${RUN_MS} ms, SIGKILL ${KILL_AFTER_MS} ms after the sends start`);

    await scenario(
      "faults 1a — SIGKILL during two 100-copy sends",
      setup,
      sandbox,
      endpointId,
      (console_) =>
        Promise.all(
          [0, 1].map((batch) =>
            post(console_, setup.token, "/jobs", {
              endpointId,
              input: { prompt: `kill-send batch ${batch}` },
              copies: 100,
            }),
          ),
        ),
      200,
      "kill-send",
    );

    const sweep = await scenario(
      "faults 1b — SIGKILL during a 64-job sweep",
      setup,
      sandbox,
      endpointId,
      async (console_) => [
        await post(console_, setup.token, `/workflows/${setup.workflowId}/runs`, {
          endpointId,
          inputs: { prompt: "kill-sweep of apples" },
          count: 64,
        }),
      ],
      64,
      "kill-sweep",
    );
    console.log(`  sweep jobs without their run row: ${sweep.withoutRun} (must be 0)`);
  } finally {
    await sandboxProcess.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
