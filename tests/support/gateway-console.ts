/**
 * The console's process as the gateway sees it, without Next.js or vitest mocks: local mode pointed at a sandbox
 * (SANDBOX_PORT, SANDBOX_API_KEY), a migrated PGlite database in place of the process's one, better-auth's real
 * instance, an admin with a console token, optionally the process's tracker, and the gateway served over HTTP.
 * For bench/gateway.ts (tsx) and tests/contract/gateway-runpod-client.test.ts (vitest).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getAuth } from "@/lib/auth/auth";
import { createUserWithPassword } from "@/lib/auth/users";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { getOutputArchiver } from "@/lib/outputs/process";
import type { RunningSandbox } from "@/lib/sandbox";
import { createToken } from "@/lib/tokens/service";
import { startJobTracker } from "@/lib/tracker/process";
import { forgetProcessSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";
import { serveGateway } from "./gateway-http";

export interface GatewayConsole {
  database: DatabaseHandle;
  /** The gateway's base URL (`…/api/novita/v1`). */
  baseUrl: string;
  /** An admin's console token (`nvc_…`). */
  token: string;
  close(): Promise<void>;
}

/** Singletons the process makes on first use from the configuration: forgotten so they are made again for us. */
const PROCESS_KEYS = [
  "config",
  "database",
  "auth",
  "novita-client",
  "stored-key",
  "tracker",
  "event-bus",
  "output-store",
  "output-archiver",
];

export async function startGatewayConsole(
  sandbox: RunningSandbox,
  options: { sandboxKey: string; tracker: boolean; database?: DatabaseHandle },
): Promise<GatewayConsole> {
  delete process.env.NOVITA_API_KEY;
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "gateway-console-"));
  process.env.SANDBOX_PORT = String(sandbox.port);
  process.env.SANDBOX_API_KEY = options.sandboxKey;
  for (const key of PROCESS_KEYS) forgetProcessSingleton(key);

  const database = options.database ?? (await openDatabase({ engine: "pglite", dataDir: undefined }));
  replaceProcessSingleton("database", Promise.resolve(database));
  const auth = await getAuth();
  const email = `admin-${Date.now()}@example.com`;
  const admin = await createUserWithPassword(auth, {
    email,
    name: "Bench Admin",
    password: "long password 1",
    role: "admin",
  });
  const { key } = await createToken(
    auth,
    { id: admin.id, email, name: "Bench Admin", role: "admin" },
    { name: "gateway", role: "admin", expires: "never" },
  );
  const tracker = options.tracker ? await startJobTracker() : undefined;
  const server = await serveGateway();
  return {
    database,
    baseUrl: server.baseUrl,
    token: key,
    async close() {
      tracker?.stop();
      // The tracker started the archive loop: it finishes what it holds before the database closes.
      if (tracker) await (await getOutputArchiver()).stop();
      await server.close();
      await database.close();
      for (const key of PROCESS_KEYS) forgetProcessSingleton(key);
    },
  };
}
