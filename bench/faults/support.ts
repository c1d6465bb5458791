/**
 * What the fault scenarios share: a sandbox process with one echo endpoint, a seeded console DATA_DIR (an admin,
 * their console token, one workflow), starting `next start` on it, reading its ledger while it is stopped, and
 * waiting for its jobs to settle. Every scenario gets a `FaultsBench` and prints its own figures.
 */
import path from "node:path";
import sharp from "sharp";
import { createAuth } from "@/lib/auth/auth";
import { createUserWithPassword } from "@/lib/auth/users";
import { guideWorkflow } from "@/lib/comfyui/examples";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { createToken } from "@/lib/tokens/service";
import { createWorkflow } from "@/lib/workflows/service";
import type { SandboxManagement } from "@/e2e/support/endpoints-sandbox";
import { spawnConsole, type ConsoleServer } from "@/e2e/support/server";

export const SANDBOX_KEY = "sk_faults_bench_sandbox_key_00000000";
export const SECRET = "faults-bench-console-secret-0123456789abcdef";
/** Other ports through the environment (benches run side by side), e.g. BENCH_FAULTS_CONSOLE_PORT=3591. */
export const SANDBOX_PORT = Number(process.env.BENCH_FAULTS_SANDBOX_PORT ?? 3293);
export const CONSOLE_PORT = Number(process.env.BENCH_FAULTS_CONSOLE_PORT ?? 3291);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Setup {
  dataDir: string;
  token: string;
  /** The admin's session cookie (`name=value`), for the doors a browser uses. */
  cookie: string;
  workflowId: string;
}

/** What every scenario is handed: the sandbox, its endpoint, and the console's seeded data. */
export interface FaultsBench {
  sandbox: SandboxManagement;
  sandboxOrigin: string;
  endpointId: string;
  setup: Setup;
}

/**
 * The console's data before it first starts: migrated, an admin with a console token, one workflow; in
 * `DATA_DIR/pglite`, or in the Postgres at `databaseUrl`.
 */
export async function seed(dataDir: string, databaseUrl?: string): Promise<Setup> {
  const handle = await openDatabase(
    databaseUrl
      ? { engine: "postgres", url: databaseUrl }
      : { engine: "pglite", dataDir: path.join(dataDir, "pglite") },
  );
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
  const { headers } = await auth.api.signInEmail({
    body: { email: "faults@example.com", password: "long password 1" },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .find((line) => /session_token=/.test(line))!
    .split(";")[0]!;
  await handle.close();
  return { dataDir, token: key, cookie, workflowId: workflow.id };
}

/** `next start` on the seeded data, pointed at the sandbox process; `env` adds or overrides variables. */
export function startConsole(setup: Setup, env: Record<string, string> = {}): ConsoleServer {
  return spawnConsole(CONSOLE_PORT, {
    DATA_DIR: setup.dataDir,
    CONSOLE_SECRET: SECRET,
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_API_KEY: SANDBOX_KEY,
    ...env,
  });
}

/** SIGKILL to the console's whole process group (`next start` and the server it forks). */
export function killConsole(console_: ConsoleServer): void {
  process.kill(-console_.process.pid!, "SIGKILL");
}

/** Reads the ledger with the console stopped (PGlite is one process's). */
export async function withLedger<T>(setup: Setup, read: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(setup.dataDir, "pglite") });
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}

/** A REST call with the bench's token; the answer as "HTTP 202" or "no answer (…)", never a throw. */
export function post(console_: ConsoleServer, token: string, route: string, body: unknown): Promise<string> {
  return fetch(`${console_.baseURL}/api/v1${route}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(
    (response) => `HTTP ${response.status}`,
    (error: unknown) => `no answer (${error instanceof Error ? error.message : String(error)})`,
  );
}

/** Waits until no job whose words match `marker` is queued or running (or `timeoutMs` passes). */
export async function settle(console_: ConsoleServer, token: string, marker: string, timeoutMs = 120_000) {
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

export const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

/**
 * A size×size PNG of noise seeded by `index`, as base64: every job's output a different blob that does not compress
 * (about 50 kB at 128, 110 kB at 192), so storing it costs real work and real disk.
 */
export async function noisyPng(index: number, size: number): Promise<string> {
  const pixels = Buffer.alloc(size * size * 3);
  let state = index * 2_654_435_761 + 1;
  for (let offset = 0; offset < pixels.length; offset += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    pixels[offset] = state >>> 24;
  }
  const png = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
  return png.toString("base64");
}
