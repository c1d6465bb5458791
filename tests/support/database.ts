import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import postgres from "postgres";

export type TestDatabase = DatabaseHandle;

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
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
