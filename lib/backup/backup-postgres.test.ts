/**
 * Issue 16 on Postgres: pg_dump of an exported repeatable-read snapshot, restored with pg_restore into an empty
 * database of the throwaway server (TEST_DATABASE_URL, started by scripts/test.mjs); skipped without one.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/client";
import { expectSameConsoleData, seedConsoleData } from "@/tests/support/console-data";
import { openTestDatabase } from "@/tests/support/database";
import { createBackup } from "./backup";
import { restoreBackup } from "./restore";

const serverUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(path.join(tmpdir(), "console-backup-pg-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A new database on the test server with nothing in it (not even migrations). */
async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `restore_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = postgres(serverUrl!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

describe.skipIf(!serverUrl)("backup and restore (Postgres)", () => {
  it("dumps while the database is open, refuses a database with tables, restores into an empty one", async () => {
    const source = (await openTestDatabase("postgres"))!;
    const target = await emptyDatabase();
    try {
      const sourceDir = path.join(work, "source");
      const cookie = await seedConsoleData(sourceDir, source.db);
      const archive = path.join(work, "console.tar.gz");
      const { manifest } = await createBackup(parseConfig({ DATA_DIR: sourceDir, DATABASE_URL: source.url }), archive);
      expect(manifest).toMatchObject({
        engine: "postgres",
        counts: { jobs: 1, outputs: 1, outputBlobs: 1, users: 1 },
      });
      expect(manifest.entries.map((entry) => entry.path)).toContain("database/postgres.dump");

      const refusedDir = path.join(work, "refused");
      await expect(
        restoreBackup(parseConfig({ DATA_DIR: refusedDir, DATABASE_URL: source.url }), archive),
      ).rejects.toThrow(/already has tables.*nothing was changed/);
      expect(existsSync(refusedDir)).toBe(false);

      const restoredDir = path.join(work, "restored");
      await restoreBackup(parseConfig({ DATA_DIR: restoredDir, DATABASE_URL: target.url }), archive);
      expect(readdirSync(restoredDir).sort()).toEqual(["console-secret", "outputs", "sandbox-api-key"]);
      const restored = await openDatabase({ engine: "postgres", url: target.url });
      try {
        await expectSameConsoleData(sourceDir, restoredDir, restored.db, cookie);
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
      await target.drop();
    }
  }, 120_000);
});
