import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

/** `url` is set on Postgres: a second process of the same cluster opens its own handle with it. */
export type TestDatabase = DatabaseHandle & { url?: string };

/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new database created on the
 * throwaway Postgres server that scripts/test.mjs starts (TEST_DATABASE_URL).
 */
export async function openTestDatabase(engine: "pglite" | "postgres"): Promise<TestDatabase | undefined> {
  if (engine === "pglite") return openDatabase({ engine: "pglite", dataDir: undefined });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: "postgres", url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * The database of one `describe.each` block over engines: opened before its tests, closed after. `skip` is true for
 * Postgres when no server is configured; `database()` is the open handle.
 */
export function testDatabaseFor(engine: "pglite" | "postgres") {
  const skip = engine === "postgres" && !process.env.TEST_DATABASE_URL;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (!skip) database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    skip,
    database: (): TestDatabase => {
      if (!database) throw new Error(`the ${engine} test database is not open`);
      return database;
    },
  };
}
