import { ConfigError, getConfig } from "@/lib/config";
import { getAuth } from "@/lib/auth/auth";
import { bootstrapAdminFromEnvironment } from "@/lib/auth/users";
import { getDatabase } from "@/lib/db/client";
import { logger } from "@/lib/logger";

/**
 * Runs once per server process before the first request (from instrumentation.ts): validates the
 * configuration, opens and migrates the database, creates the ADMIN_EMAIL admin when asked to.
 * A bad configuration stops the process with one line naming the variable.
 */
export async function startConsoleServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  try {
    const database = await getDatabase();
    const auth = await getAuth();
    if (await bootstrapAdminFromEnvironment(database.db, auth, config.bootstrapAdmin)) {
      logger.info({ email: config.bootstrapAdmin?.email }, "created the first admin from ADMIN_EMAIL");
    }
    logger.info(
      { engine: database.engine, dataDir: config.dataDir, mode: config.mode, port: config.port },
      "console ready",
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Could not open the database (${config.databaseUrl ? "DATABASE_URL" : "PGlite in DATA_DIR"}): ${message}`);
    process.exit(1);
  }
}
