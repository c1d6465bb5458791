/**
 * Issue 16: a backup restores. A PGlite DATA_DIR with a signed-in admin, a stored Novita key, a job and an archived
 * output is backed up, restored into a new folder and opened: the same rows, bytes, secret and session.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/client";
import { blobKey } from "@/lib/outputs/store";
import { expectSameConsoleData, OUTPUT_SHA, seedConsoleData } from "@/tests/support/console-data";
import { createBackup } from "./backup";
import { restoreBackup } from "./restore";
import { LOCK_FILE } from "./running-console";

const work = mkdtempSync(path.join(tmpdir(), "console-backup-test-"));
const configFor = (dataDir: string) => parseConfig({ DATA_DIR: dataDir });
let sourceDir: string;
let archive: string;
let sessionCookie: string;

beforeAll(async () => {
  sourceDir = path.join(work, "source");
  const database = await openDatabase({ engine: "pglite", dataDir: path.join(sourceDir, "pglite") });
  try {
    sessionCookie = await seedConsoleData(sourceDir, database.db);
  } finally {
    await database.close();
  }
  archive = path.join(work, "backups", "console.tar.gz");
  await createBackup(configFor(sourceDir), archive);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("backup and restore (PGlite)", () => {
  it("writes one owner-only archive whose manifest counts the jobs, outputs and users, with no secret in it", async () => {
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const tar = gunzipSync(readFileSync(archive));
    const manifest = JSON.parse(tar.subarray(512, tar.indexOf("\n}\n", 512) + 2).toString("utf8"));
    expect(manifest).toMatchObject({
      format: "novita-console-backup",
      engine: "pglite",
      counts: { jobs: 1, outputs: 1, outputBlobs: 1, users: 1 },
      consoleSecret: "file",
    });
    expect(manifest.migrations.applied).toBeGreaterThan(0);
    expect(manifest.entries.map((entry: { path: string }) => entry.path)).toEqual(
      expect.arrayContaining(["database/pglite.tar", "data/console-secret", `data/outputs/${blobKey(OUTPUT_SHA)}`]),
    );
    const secret = readFileSync(path.join(sourceDir, "console-secret"), "utf8").trim();
    expect(JSON.stringify(manifest)).not.toContain(secret);
  });

  it("restores into a new DATA_DIR: same jobs, output bytes, secret, stored key, password and session", async () => {
    const target = path.join(work, "restored");
    const { manifest } = await restoreBackup(configFor(target), archive);
    expect(manifest.counts.jobs).toBe(1);
    expect(readdirSync(target).sort()).toEqual(["console-secret", "outputs", "pglite", "sandbox-api-key"]);

    expect(statSync(path.join(target, "console-secret")).mode & 0o777).toBe(0o600);
    const database = await openDatabase({ engine: "pglite", dataDir: path.join(target, "pglite") });
    try {
      await expectSameConsoleData(sourceDir, target, database.db, sessionCookie);
    } finally {
      await database.close();
    }
  }, 120_000);

  it("refuses a DATA_DIR that is not empty, and changes nothing in it", async () => {
    const target = path.join(work, "occupied");
    seedFile(target, "notes.txt", "mine");
    await expect(restoreBackup(configFor(target), archive)).rejects.toThrow(/is not empty.*Nothing was changed/);
    expect(readdirSync(target)).toEqual(["notes.txt"]);
    expect(readFileSync(path.join(target, "notes.txt"), "utf8")).toBe("mine");
  });

  it("refuses a damaged archive (gzip broken, or one file's bytes changed) and leaves no DATA_DIR behind", async () => {
    const bytes = readFileSync(archive);
    const truncated = path.join(work, "truncated.tar.gz");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = path.join(work, "from-truncated");
    await expect(restoreBackup(configFor(target), truncated)).rejects.toThrow(/damaged/);
    expect(existsSync(target)).toBe(false);

    const tar = gunzipSync(bytes);
    const at = tar.indexOf("not really a picture");
    expect(at).toBeGreaterThan(0);
    tar.write("NOT", at, "latin1");
    const tampered = path.join(work, "tampered.tar.gz");
    writeFileSync(tampered, gzipSync(tar));
    const emptyTarget = path.join(work, "from-tampered");
    seedFile(emptyTarget);
    await expect(restoreBackup(configFor(emptyTarget), tampered)).rejects.toThrow(
      new RegExp(`damaged: data/outputs/${blobKey(OUTPUT_SHA)} does not match its checksum`),
    );
    expect(readdirSync(emptyTarget)).toEqual([]);
  });

  it("refuses a PGlite backup for a Postgres console, and one from a newer console, before unpacking", async () => {
    const postgresConsole = parseConfig({
      DATA_DIR: path.join(work, "wrong-engine"),
      DATABASE_URL: "postgres://x@127.0.0.1:1/none",
    });
    await expect(restoreBackup(postgresConsole, archive)).rejects.toThrow(/a pglite backup.*unset DATABASE_URL/);
    expect(existsSync(postgresConsole.dataDir)).toBe(false);

    const tar = gunzipSync(readFileSync(archive));
    const newest = /"newest": (\d)/.exec(tar.subarray(0, 4096).toString("latin1"))!;
    tar.write("9", newest.index + newest[0].length - 1, "latin1");
    const future = path.join(work, "future.tar.gz");
    writeFileSync(future, gzipSync(tar));
    const target = path.join(work, "from-future");
    await expect(restoreBackup(configFor(target), future)).rejects.toThrow(/comes from a newer console/);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses to back up while a console keeps DATA_DIR's lock fresh, and writes nothing", async () => {
    writeFileSync(
      path.join(sourceDir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: "another-container", startedAt: new Date().toISOString() }),
    );
    const refused = path.join(work, "backups", "refused.tar.gz");
    try {
      await expect(createBackup(configFor(sourceDir), refused)).rejects.toThrow(/stop the console first/);
      expect(existsSync(refused)).toBe(false);
    } finally {
      rmSync(path.join(sourceDir, LOCK_FILE));
    }
  });
});

function seedFile(folder: string, name?: string, content = ""): void {
  mkdirSync(folder, { recursive: true });
  if (name) writeFileSync(path.join(folder, name), content);
}
