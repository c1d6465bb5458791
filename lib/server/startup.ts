import { ConfigError, getConfig, type Config } from "@/lib/config";
import { getAuth } from "@/lib/auth/auth";
import { capturePeerAddresses } from "@/lib/auth/peer-address";
import { recordAudit } from "@/lib/audit/record";
import { markConsoleRunning } from "@/lib/backup/running-console";
import { bootstrapAdminFromEnvironment } from "@/lib/auth/users";
import { getDatabase } from "@/lib/db/client";
import { activeConnection, loadStoredKey } from "@/lib/connection";
import { listenForChanges } from "@/lib/cluster/changes";
import { logger } from "@/lib/logger";
import { forgetVerifiedTokens } from "@/lib/tokens/verified";
import { forgetSharedReads } from "@/lib/utils/shared-read";
import { ensureLocalSandbox } from "@/lib/sandbox/local";
import { startJobTracker } from "@/lib/tracker/process";
import { startWebhookDeliverer } from "@/lib/webhooks/process";

/** Startup problems end the process with one line that says what is wrong. */
function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs once per server process before the first request (from instrumentation.ts): stamps connection addresses on
 * requests (peer-address.ts), validates the configuration, opens and migrates the database, creates the ADMIN_EMAIL
 * admin when asked to, reads the key stored in Settings, in local mode starts the Novita sandbox, and starts the job
 * tracker (which resumes every unfinished job in the ledger).
 */
export async function startConsoleServer(): Promise<void> {
  // First, before any request: the sign-in limit and the audit log need each connection's own address.
  capturePeerAddresses();
  let config: Config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) stop(error.message);
    throw error;
  }

  let engine: string;
  // Before the database opens, so that a backup starting now sees the console too.
  if (!config.databaseUrl) markConsoleRunning(config.dataDir);
  try {
    const database = await getDatabase();
    engine = database.engine;
    if (await bootstrapAdminFromEnvironment(database.db, await getAuth(), config.bootstrapAdmin)) {
      logger.info({ email: config.bootstrapAdmin?.email }, "created the first admin from ADMIN_EMAIL");
      await recordAudit({
        actor: null,
        action: "auth.setup",
        targetType: "user",
        targetId: config.bootstrapAdmin?.email,
        after: { email: config.bootstrapAdmin?.email, role: "admin", source: "ADMIN_EMAIL" },
        result: "ok",
      });
    }
  } catch (error) {
    stop(
      `Could not open the database (${config.databaseUrl ? "DATABASE_URL" : "PGlite in DATA_DIR"}): ${describe(error)}`,
    );
  }

  try {
    await loadStoredKey();
  } catch (error) {
    stop(`Could not read the stored Novita key: ${describe(error)}`);
  }
  const connection = activeConnection();

  if (connection.mode === "local") {
    try {
      await ensureLocalSandbox(config);
    } catch (error) {
      stop(`Could not start the local sandbox: ${describe(error)}`);
    }
  }

  await listenForChanges({
    "stored-key": async () => {
      await loadStoredKey();
      forgetSharedReads("endpoints:");
      if (activeConnection().mode === "local") await ensureLocalSandbox(config);
    },
    endpoints: () => forgetSharedReads("endpoints:"),
    tokens: () => forgetVerifiedTokens(),
  });
  await startJobTracker();
  await startWebhookDeliverer();
  logger.info(
    { engine, dataDir: config.dataDir, mode: connection.mode, key: connection.source, port: config.port },
    "console ready",
  );
}
