/**
 * The "Check connection" server action for real: the guard, the local-mode connection (a sandbox this test
 * starts where the console's configuration says the sandbox is), the check, the audit row. Only the session
 * lookup and the database handle are replaced, as in guards.test.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createNovitaClient } from "@/lib/novita/client";
import { auditLog } from "@/lib/db/schema";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

const SANDBOX_KEY = "sk_action_check_CANARY_0123456789abcdef";
const ADMIN: SessionUser = { id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" };

const state = vi.hoisted(() => ({ user: null as SessionUser | null, db: undefined as unknown }));

vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => state.user,
}));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getDb: async () => state.db,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.1" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
}));

let sandbox: RunningSandbox;
let database: TestDatabase;

async function quirks(method: "POST" | "DELETE", body?: unknown) {
  const response = await fetch(`${sandbox.origin}/_sandbox/quirks`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

async function lastAudit() {
  const [row] = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "connection.check"))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    apiKey: SANDBOX_KEY,
    dataDir: undefined,
    coldStartMs: 50,
    endpointStartupMs: 50,
    tickMs: 10,
  });
  // Local mode, with the console's sandbox being the one just started.
  delete process.env.NOVITA_API_KEY;
  process.env.SANDBOX_PORT = String(sandbox.port);
  process.env.SANDBOX_API_KEY = SANDBOX_KEY;
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "connection-check-"));
  forgetProcessSingleton("config");
  database = (await openTestDatabase("pglite"))!;
  state.db = database.db;
  const client = createNovitaClient({
    apiKey: SANDBOX_KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: `${sandbox.origin}/gpus/v2`,
  });
  const { id } = await client.management.createEndpoint(makeEndpointSpec({ appName: "" }));
  while ((await client.management.getEndpoint(id)).status.state !== "serving")
    await new Promise((resolve) => setTimeout(resolve, 20));
});

afterAll(async () => {
  await sandbox?.close();
  await database?.close();
});

afterEach(async () => {
  await quirks("DELETE");
});

describe("checkNovitaConnection", () => {
  it("checks the connection in use (here the sandbox), returns the report without the key and audits ok + mismatch count", async () => {
    const { checkNovitaConnectionAction: checkNovitaConnection } = await import("@/lib/custody/actions");
    state.user = ADMIN;
    const result = await checkNovitaConnection({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.ok).toBe(true);
    expect(result.data.rows.filter((row) => row.verdict === "mismatch")).toEqual([]);
    expect(result.data.rows.some((row) => row.surface === "jobs" && row.status === 200)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SANDBOX_KEY);

    const audit = await lastAudit();
    expect(audit).toMatchObject({
      actorId: "ADMIN",
      targetType: "novita-connection",
      targetId: "novita",
      result: "ok",
      after: { ok: true, mismatches: 0 },
    });
    expect(JSON.stringify(audit)).not.toContain(SANDBOX_KEY);
  });

  it("reports a renamed field as a mismatch, and the audit row counts it", async () => {
    const { checkNovitaConnectionAction: checkNovitaConnection } = await import("@/lib/custody/actions");
    state.user = ADMIN;
    await quirks("POST", { renameFields: [{ operation: "endpoints.list", from: "state", to: "status" }] });
    const result = await checkNovitaConnection({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.ok).toBe(false);
    const list = result.data.rows.find((row) => row.call === "List endpoints")!;
    expect(list).toMatchObject({ verdict: "mismatch", missing: ["endpoints[].state.state"] });
    expect(list.extra).toContain("endpoints[].status");
    expect(await lastAudit()).toMatchObject({ result: "ok", after: { ok: false, mismatches: 1 } });
  });
});
