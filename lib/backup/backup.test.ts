/**
 * Issue 16: a backup restores. A PGlite DATA_DIR with a signed-in admin, a stored Novita key, a job and an archived
 * output is backed up, restored into a new folder and opened: the same rows, bytes, secret and session.
 */
import { createHash } from "node:crypto";
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
import { createAuth } from "@/lib/auth/auth";
import { createFirstAdmin } from "@/lib/auth/users";
import { parseConfig, readOrCreateSecretFile } from "@/lib/config";
import { readStoredKey, writeStoredKey } from "@/lib/custody/store";
import { openDatabase } from "@/lib/db/client";
import { jobs, outputBlobs, outputs } from "@/lib/db/schema";
import { blobKey, LocalOutputStore } from "@/lib/outputs/store";
import { createBackup } from "./backup";
import { restoreBackup } from "./restore";
import { LOCK_FILE } from "./running-console";

const BASE_URL = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const NOVITA_KEY = "sk_backup_test_0123456789abcdef";
const OUTPUT_BYTES = Buffer.from("\x89PNG\r\n\x1a\n not really a picture, but these exact bytes");
const OUTPUT_SHA = createHash("sha256").update(OUTPUT_BYTES).digest("hex");

const work = mkdtempSync(path.join(tmpdir(), "console-backup-test-"));
const configFor = (dataDir: string) => parseConfig({ DATA_DIR: dataDir });
let sourceDir: string;
let archive: string;
let sessionCookie: string;

/** A console's DATA_DIR as it is after some use: an admin signed in, a key stored, one job with one output. */
async function seedConsole(dataDir: string): Promise<string> {
  const secret = readOrCreateSecretFile(dataDir, "console-secret");
  readOrCreateSecretFile(dataDir, "sandbox-api-key");
  const database = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    const { db } = database;
    const auth = createAuth(db, { secret, baseURL: BASE_URL });
    const admin = await createFirstAdmin(db, auth, { email: "ada@example.com", name: "Ada", password: PASSWORD });
    const { headers } = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: PASSWORD },
      returnHeaders: true,
    });
    await writeStoredKey(db, secret, NOVITA_KEY, admin.id);
    await db.insert(jobs).values({
      id: "job-1",
      endpointId: "ep-1",
      routeName: "run",
      status: "COMPLETED",
      finished: true,
      input: { prompt: "a lighthouse" },
      submittedBy: admin.id,
    });
    await new LocalOutputStore(path.join(dataDir, "outputs")).put(blobKey(OUTPUT_SHA), OUTPUT_BYTES);
    await db.insert(outputBlobs).values({
      sha256: OUTPUT_SHA,
      mime: "image/png",
      bytes: OUTPUT_BYTES.length,
      storageKey: blobKey(OUTPUT_SHA),
    });
    await db.insert(outputs).values({
      id: "out-1",
      jobId: "job-1",
      position: 0,
      kind: "image",
      filename: "lighthouse.png",
      sha256: OUTPUT_SHA,
      source: "base64",
      endpointId: "ep-1",
    });
    return headers
      .getSetCookie()
      .find((cookie) => /session_token=/.test(cookie))!
      .split(";")[0]!;
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  sourceDir = path.join(work, "source");
  sessionCookie = await seedConsole(sourceDir);
  archive = path.join(work, "backups", "console.tar.gz");
  await createBackup(configFor(sourceDir), archive);
}, 60_000);

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

    const secret = readFileSync(path.join(target, "console-secret"), "utf8").trim();
    expect(secret).toBe(readFileSync(path.join(sourceDir, "console-secret"), "utf8").trim());
    expect(statSync(path.join(target, "console-secret")).mode & 0o777).toBe(0o600);
    const stored = await new LocalOutputStore(path.join(target, "outputs")).get(blobKey(OUTPUT_SHA));
    expect(Buffer.from(await new Response(stored!.stream()).arrayBuffer())).toEqual(OUTPUT_BYTES);

    const database = await openDatabase({ engine: "pglite", dataDir: path.join(target, "pglite") });
    try {
      const { db } = database;
      expect((await db.select().from(jobs)).map((job) => [job.id, job.status, job.input])).toEqual([
        ["job-1", "COMPLETED", { prompt: "a lighthouse" }],
      ]);
      expect((await db.select().from(outputs)).map((output) => [output.id, output.sha256])).toEqual([
        ["out-1", OUTPUT_SHA],
      ]);
      expect(await readStoredKey(db, secret)).toMatchObject({ state: "ok", apiKey: NOVITA_KEY });
      const auth = createAuth(db, { secret, baseURL: BASE_URL });
      const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie }) });
      expect(session?.user.email).toBe("ada@example.com");
      const signedIn = await auth.api.signInEmail({ body: { email: "ada@example.com", password: PASSWORD } });
      expect(signedIn.token).toBeTruthy();
    } finally {
      await database.close();
    }
  }, 60_000);

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
