/**
 * `npm run backup`: one `.tar.gz` holding `manifest.json`, a consistent database snapshot (database.ts) and every
 * other file of DATA_DIR: archived outputs and the generated secrets (console-secret, sandbox-api-key), without
 * which the restored console could neither honour its sessions nor open the stored Novita key.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Config } from "@/lib/config";
import { snapshotPglite, snapshotPostgres } from "./database";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  consoleVersion,
  MANIFEST_ENTRY,
  type BackupManifest,
  type ManifestEntry,
} from "./manifest";
import { LOCK_FILE, runningConsole } from "./running-console";
import { writeTar, type TarSource } from "./tar";

export type BackupConfig = Pick<Config, "dataDir" | "databaseUrl" | "consoleSecret" | "outputS3">;

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** Files generated into DATA_DIR that the console cannot work without (config.ts `readOrCreateSecretFile`). */
const SECRET_FILES = new Set(["console-secret", "sandbox-api-key"]);

/** The PGlite folder is dumped on its own; the lock and a restore's leftovers are not data. */
const SKIPPED = new Set(["pglite", LOCK_FILE, ".restoring"]);

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** DATA_DIR's files but SKIPPED and half-written temporary files. */
async function dataFiles(root: string, folder = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (SKIPPED.has(relative) || entry.name.endsWith(".tmp")) continue;
    if (entry.isDirectory()) found.push(...(await dataFiles(root, relative)));
    else if (entry.isFile()) found.push(relative);
  }
  return found.sort();
}

function kindOf(relative: string): ManifestEntry["kind"] {
  if (SECRET_FILES.has(relative)) return "secret";
  return relative.startsWith("outputs/") ? "output" : "data";
}

async function describeFile(
  source: string,
  entryPath: string,
  kind: ManifestEntry["kind"],
): Promise<ManifestEntry & { source: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { path: entryPath, kind, bytes, sha256: hash.digest("hex"), source };
}

function refuseUnlessQuiet(config: BackupConfig): void {
  if (config.databaseUrl) return;
  if (!existsSync(path.join(config.dataDir, "pglite", "PG_VERSION"))) {
    throw new BackupError(
      "not_found",
      `no console database in ${config.dataDir}: nothing to back up (set DATA_DIR to the console's data folder)`,
    );
  }
  const running = runningConsole(config.dataDir);
  if (running) {
    throw new BackupError(
      "conflict",
      `stop the console first: ${running}. A PGlite database can only be backed up consistently while no console ` +
        "has it open (with Postgres, backups run while the console does). Nothing was written.",
    );
  }
}

export async function createBackup(config: BackupConfig, target: string, now = new Date()): Promise<BackupResult> {
  const file = path.resolve(target);
  const dataDir = path.resolve(config.dataDir);
  if (isInside(file, dataDir)) {
    throw new BackupError("invalid", `write the backup outside DATA_DIR (${dataDir}): it would back itself up`);
  }
  if (existsSync(file)) throw new BackupError("conflict", `${file} already exists: choose another name`);
  refuseUnlessQuiet(config);

  const engine = config.databaseUrl ? "postgres" : "pglite";
  const staging = await mkdtemp(path.join(tmpdir(), "console-backup-"));
  const partial = `${file}.partial`;
  try {
    const dump = path.join(staging, "database");
    const snapshot = config.databaseUrl
      ? await snapshotPostgres(config.databaseUrl, dump)
      : await snapshotPglite(path.join(dataDir, "pglite"), dump);
    const entries = [
      await describeFile(dump, `database/${engine === "pglite" ? "pglite.tar" : "postgres.dump"}`, "database"),
    ];
    for (const relative of existsSync(dataDir) ? await dataFiles(dataDir) : []) {
      entries.push(await describeFile(path.join(dataDir, relative), `data/${relative}`, kindOf(relative)));
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      consoleVersion: consoleVersion(),
      engine,
      method: snapshot.method,
      migrations: snapshot.migrations,
      counts: snapshot.counts,
      outputStore: config.outputS3 ? "s3" : "local",
      consoleSecret: config.consoleSecret ? "environment" : "file",
      entries: entries.map(({ path: entryPath, kind, bytes, sha256 }) => ({ path: entryPath, kind, bytes, sha256 })),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n");
    const sources: TarSource[] = [
      {
        name: MANIFEST_ENTRY,
        size: manifestBytes.length,
        body: async function* () {
          yield manifestBytes;
        },
      },
      ...entries.map((entry) => ({
        name: entry.path,
        size: entry.bytes,
        mode: entry.kind === "secret" ? 0o600 : 0o644,
        body: () => createReadStream(entry.source) as AsyncIterable<Buffer>,
      })),
    ];
    await mkdir(path.dirname(file), { recursive: true });
    // Owner-only: the archive holds CONSOLE_SECRET, which opens every session and the stored Novita key.
    await pipeline(Readable.from(writeTar(sources)), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
