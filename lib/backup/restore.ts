/**
 * `npm run restore`: a backup into an empty DATA_DIR. Everything is unpacked into `DATA_DIR/.restoring` and checked
 * against the manifest's checksums first; only a whole, verified backup is moved into place. Any failure removes
 * what restore made, so a refused restore changes nothing.
 */
import { createHash } from "node:crypto";
import { chmod, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { Config } from "@/lib/config";
import { assertEmptyPostgres, restorePglite, restorePostgres } from "./database";
import {
  BackupError,
  MANIFEST_ENTRY,
  newestKnownMigration,
  parseManifest,
  type BackupCounts,
  type BackupManifest,
} from "./manifest";
import { readTar, TarFormatError, type TarSink } from "./tar";

export type RestoreConfig = Pick<Config, "dataDir" | "databaseUrl" | "consoleSecret">;

export interface RestoreResult {
  manifest: BackupManifest;
  /** What a person must still do (e.g. set CONSOLE_SECRET); never a secret. */
  notes: string[];
}

const STAGING = ".restoring";

function damaged(detail: string): BackupError {
  return new BackupError("invalid", `the backup is damaged: ${detail}. Nothing was changed.`);
}

/** Absent, or an empty folder. */
async function dataDirState(dataDir: string): Promise<"absent" | "empty"> {
  let entries: string[];
  try {
    if (!(await stat(dataDir)).isDirectory()) throw new BackupError("invalid", `DATA_DIR ${dataDir} is not a folder`);
    entries = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw error;
  }
  if (entries.length > 0) {
    throw new BackupError(
      "conflict",
      `DATA_DIR ${dataDir} is not empty (${entries.length} ${entries.length === 1 ? "entry" : "entries"}): restore only into an empty or new folder. ` +
        "Nothing was changed.",
    );
  }
  return "empty";
}

function checkFits(manifest: BackupManifest, config: RestoreConfig): void {
  const wanted = config.databaseUrl ? "postgres" : "pglite";
  if (manifest.engine !== wanted) {
    throw new BackupError(
      "invalid",
      `this is a ${manifest.engine} backup, and this console is set up for ${wanted}` +
        (manifest.engine === "postgres" ? ": set DATABASE_URL to an empty database" : ": unset DATABASE_URL") +
        ". Nothing was changed.",
    );
  }
  if ((manifest.migrations.newest ?? 0) > newestKnownMigration()) {
    throw new BackupError("invalid", "this backup comes from a newer console: restore it with that version or newer");
  }
  if (manifest.entries.filter((entry) => entry.kind === "database").length !== 1) throw damaged("no database");
}

/** Unpacks into `staging`, checking each entry's size and sha256 against the manifest (the archive's first entry). */
async function unpack(file: string, staging: string, config: RestoreConfig): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  const seen = new Set<string>();
  let open: WriteStream | undefined;

  const manifestSink = (): TarSink => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => void chunks.push(Buffer.from(chunk)),
      end: () => {
        manifest = parseManifest(Buffer.concat(chunks));
        checkFits(manifest, config);
      },
    };
  };

  const fileSink = async (name: string, size: number): Promise<TarSink> => {
    const expected = manifest!.entries.find((entry) => entry.path === name);
    if (!expected || seen.has(name)) throw damaged(`it holds ${name.slice(0, 120)}, which its manifest does not list`);
    if (expected.bytes !== size) throw damaged(`${name} has another size than its manifest says`);
    seen.add(name);
    const target = path.join(staging, ...name.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    const out = (open = createWriteStream(target, { mode: expected.kind === "secret" ? 0o600 : 0o644 }));
    const hash = createHash("sha256");
    let failure: Error | undefined;
    out.on("error", (error) => (failure ??= error));
    return {
      write: async (chunk) => {
        if (failure) throw failure;
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, "drain");
      },
      end: async () => {
        out.end();
        await once(out, "close");
        if (failure) throw failure;
        if (hash.digest("hex") !== expected.sha256) throw damaged(`${name} does not match its checksum`);
      },
    };
  };

  // The reader's own error, not the abort that stopping the pipeline for it causes upstream.
  let refusal: unknown;
  try {
    await pipeline(createReadStream(file), createGunzip(), (source: AsyncIterable<Buffer>) =>
      readTar(source, (entry) => {
        if (manifest) return fileSink(entry.name, entry.size);
        if (entry.name !== MANIFEST_ENTRY || seen.size > 0) {
          throw new BackupError("invalid", "this file is not a console backup");
        }
        seen.add(MANIFEST_ENTRY);
        return manifestSink();
      }).catch((error: unknown) => {
        refusal = error;
        throw error;
      }),
    );
  } catch (caught) {
    open?.destroy();
    const error = refusal ?? caught;
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (error instanceof TarFormatError || code.startsWith("Z_")) throw damaged((error as Error).message);
    throw error;
  }
  if (!manifest) throw new BackupError("invalid", "this file is not a console backup");
  const missing = manifest.entries.filter((entry) => !seen.has(entry.path));
  if (missing.length) throw damaged(`${missing.length} of its files are missing (${missing[0]!.path} …)`);
  return manifest;
}

function sameCounts(a: BackupCounts, b: BackupCounts): boolean {
  return a.jobs === b.jobs && a.outputs === b.outputs && a.outputBlobs === b.outputBlobs && a.users === b.users;
}

export async function restoreBackup(config: RestoreConfig, archive: string): Promise<RestoreResult> {
  const file = path.resolve(archive);
  const dataDir = path.resolve(config.dataDir);
  try {
    if (!(await stat(file)).isFile()) throw new Error();
  } catch {
    throw new BackupError("not_found", `no backup file at ${file}`);
  }
  const state = await dataDirState(dataDir);
  const staging = path.join(dataDir, STAGING);
  await mkdir(staging, { recursive: true });
  try {
    const manifest = await unpack(file, staging, config);
    if (config.databaseUrl) await assertEmptyPostgres(config.databaseUrl);
    const dump = path.join(staging, ...manifest.entries.find((entry) => entry.kind === "database")!.path.split("/"));
    await mkdir(path.join(staging, "data"), { recursive: true });
    const counts = config.databaseUrl
      ? await restorePostgres(dump, config.databaseUrl)
      : await restorePglite(dump, path.join(staging, "data", "pglite"));
    if (!sameCounts(counts, manifest.counts)) throw damaged("the restored database holds other counts than it says");

    for (const name of await readdir(path.join(staging, "data"))) {
      await rename(path.join(staging, "data", name), path.join(dataDir, name));
    }
    for (const entry of manifest.entries.filter((entry) => entry.kind === "secret")) {
      await chmod(path.join(dataDir, entry.path.slice("data/".length)), 0o600);
    }
    return { manifest, notes: notesFor(manifest, config) };
  } catch (error) {
    await rm(state === "absent" ? dataDir : staging, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function notesFor(manifest: BackupManifest, config: RestoreConfig): string[] {
  const notes: string[] = [];
  if (manifest.consoleSecret === "environment" && !config.consoleSecret) {
    notes.push(
      "The backed-up console took CONSOLE_SECRET from its environment, so it is not in the backup: start the " +
        "restored console with the same CONSOLE_SECRET, or its sessions end and the stored Novita key must be pasted again.",
    );
  }
  if (manifest.outputStore === "s3") {
    notes.push("Archived outputs were in the S3 bucket (OUTPUT_S3_BUCKET), not in this backup: keep that bucket.");
  }
  return notes;
}
