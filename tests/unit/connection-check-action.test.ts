/**
 * The "Check connection" server action for real: the guard, the local-mode connection (a sandbox this test
 * starts where the console's configuration says the sandbox is), the check, the audit row. Only the session
 * lookup and the database handle are replaced, as in guards.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createNovitaClient } from "@/lib/novita/client";
import { consoleDatabaseForTestFile, lastAuditRow, localModeSandboxForTestFile } from "@/tests/support/console";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";

const SANDBOX_KEY = "sk_action_check_CANARY_0123456789abcdef";
const ADMIN: SessionUser = { id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" };

const { mocked: state, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/auth/session", mocks.sessionModule);
vi.mock("@/lib/db/client", mocks.databaseModule);
vi.mock("next/headers", mocks.nextHeadersModule);
vi.mock("next/cache", mocks.nextCacheModule);

// Local mode, with the console's sandbox being the one this file starts.
const sandbox = localModeSandboxForTestFile(SANDBOX_KEY);
const database = consoleDatabaseForTestFile("connection-check-");

async function quirks(method: "POST" | "DELETE", body?: unknown) {
  const response = await fetch(`${sandbox.origin}/_sandbox/quirks`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

const lastAudit = () => lastAuditRow(database.db, "connection.check");

beforeAll(async () => {
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

afterEach(async () => {
  await quirks("DELETE");
});

describe("checkNovitaConnection", () => {
  it("checks the connection in use (the sandbox), answers without the key, audits ok + mismatch count", async () => {
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
