/**
 * The console's own process for a test file that calls its actions and route handlers for real (with the modules of
 * next-mocks.ts replaced): a database, the local-mode sandbox, the upstream that must not be called, row counts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, desc, eq, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { RunningSandbox } from "@/lib/sandbox";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";
import { openTestDatabase, type TestDatabase } from "./database";
import { mocked } from "./next-mocks";

/**
 * A PGlite database that `getDb()` answers (through `mocked.db`), opened before the file's tests and closed after
 * them, with DATA_DIR in a new folder named `<dataDirPrefix>…` (the configuration read again).
 */
export function consoleDatabaseForTestFile(dataDirPrefix: string): { readonly db: Database } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), dataDirPrefix));
    forgetProcessSingleton("config");
    database = (await openTestDatabase("pglite"))!;
    mocked.db = database.db;
  });
  afterAll(() => database?.close());
  return {
    get db() {
      return database!.db;
    },
  };
}

/**
 * Local mode for the file's tests: a sandbox with `apiKey` and short timings, and the console configured to find it
 * where its own sandbox would be (SANDBOX_PORT, SANDBOX_API_KEY; no NOVITA_API_KEY).
 */
export function localModeSandboxForTestFile(apiKey: string): RunningSandbox {
  const sandbox = sandboxForTestFile({ apiKey, coldStartMs: 50, endpointStartupMs: 50, tickMs: 10 });
  beforeAll(() => {
    delete process.env.NOVITA_API_KEY;
    process.env.SANDBOX_PORT = String(sandbox.port);
    process.env.SANDBOX_API_KEY = apiKey;
    forgetProcessSingleton("config");
  });
  return sandbox;
}

/**
 * Puts a counting double in place of fetch for the file's tests (every call answers 500): the Novita and sandbox
 * clients go through fetch, so `calls` is how many requests went upstream.
 */
export function countUpstreamCalls(): { readonly calls: number } {
  const realFetch = globalThis.fetch;
  let calls = 0;
  beforeAll(() => {
    globalThis.fetch = (async () => {
      calls += 1;
      return new Response(JSON.stringify({ message: "test double" }), {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });
  return {
    get calls() {
      return calls;
    },
  };
}

/** How many rows each table of the schema holds, by table name. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    const [row] = await db.select({ value: count() }).from(table);
    counts[name] = row!.value;
  }
  return counts;
}

/** The newest audit row for `action`, if any. */
export async function lastAuditRow(db: Database, action: string) {
  const [row] = await db
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.action, action))
    .orderBy(desc(schema.auditLog.id))
    .limit(1);
  return row;
}
