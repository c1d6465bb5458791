/**
 * One database per process: PGlite in DATA_DIR by default, Postgres when DATABASE_URL is set.
 * Both speak the Postgres dialect through drizzle, so the rest of the code sees one `Database` type.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getConfig } from "@/lib/config";
import { processSingletonPromise } from "@/lib/utils/process-singleton";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseEngine = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  engine: DatabaseEngine;
  /**
   * LISTEN on `channel`: `onNotify` gets each NOTIFY's payload (from any process on this database; PGlite: this
   * process). Returns how to stop. Postgres listens on a connection of its own, re-established after a drop.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { engine: "postgres"; url: string }
  /** `dataDir` undefined means in memory (tests). */
  | { engine: "pglite"; dataDir: string | undefined };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib", "db", "migrations");
/** Any constant works; it only has to be the same for every console process sharing one Postgres. */
const MIGRATION_LOCK_KEY = 7_318_201;

/** Opens a database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === "postgres") {
    await migratePostgresOnce(target.url);
    // While the database is down, a query fails at once (lib/db/availability.ts answers 503): a host that does not
    // answer within 5 s (not 30), and reconnects at most 1 s apart (postgres.js's own pause grows to 20 s, and a
    // query waits for it: a request hung for 10–20 s after a short outage, bench/faults/db-trouble.ts).
    const client = postgres(target.url, {
      max: 10,
      connect_timeout: 5,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema });
    return {
      db: db as unknown as Database,
      engine: "postgres",
      async listen(channel, onNotify) {
        const { unlisten } = await client.listen(channel, onNotify);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = new PGlite(target.dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    engine: "pglite",
    async listen(channel, onNotify) {
      const unlisten = await client.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

/** Several console processes may start against one Postgres at once: they migrate one at a time. */
async function migratePostgresOnce(url: string): Promise<void> {
  const connection = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(connection, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await connection.end({ timeout: 5 });
  }
}

/** Where this process's database lives, from the configuration. */
export function configuredDatabaseTarget(): DatabaseTarget {
  const config = getConfig();
  return config.databaseUrl
    ? { engine: "postgres", url: config.databaseUrl }
    : { engine: "pglite", dataDir: path.join(config.dataDir, "pglite") };
}

/**
 * The process's database, opened and migrated on first use (and tried again after a failure). One per process, so
 * that `next dev` module reloads reuse the open database instead of opening it again (PGlite allows one opener per
 * data folder).
 */
export function getDatabase(): Promise<DatabaseHandle> {
  return processSingletonPromise("database", () => openDatabase(configuredDatabaseTarget()));
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** A cheap round trip, for `/api/health`. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
