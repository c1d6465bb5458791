/** What a backup says about itself: the archive's first entry, `manifest.json`. It holds no secret. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConsoleError, type ErrorCode } from "@/lib/errors";

export const BACKUP_FORMAT = "novita-console-backup";
export const BACKUP_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";

/** The only error backup and restore throw for an expected failure; its message is the one line a person reads. */
export class BackupError extends ConsoleError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = "BackupError";
  }
}

export const entryKinds = ["database", "secret", "output", "data"] as const;

const countsSchema = z.object({
  jobs: z.number().int(),
  outputs: z.number().int(),
  outputBlobs: z.number().int(),
  users: z.number().int(),
});
export type BackupCounts = z.infer<typeof countsSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  consoleVersion: z.string(),
  engine: z.enum(["pglite", "postgres"]),
  /** How the database snapshot was made, for people reading the manifest. */
  method: z.string(),
  /** Migrations applied to the database (drizzle's journal `when` of the newest). */
  migrations: z.object({ applied: z.number().int(), newest: z.number().nullable() }),
  counts: countsSchema,
  outputStore: z.enum(["local", "s3"]),
  /** Where CONSOLE_SECRET came from: a file in DATA_DIR (inside this backup) or the environment (not inside). */
  consoleSecret: z.enum(["file", "environment"]),
  entries: z.array(
    z.object({
      path: z.string().regex(/^(database|data)\/(?!.*(^|\/)\.\.?(\/|$))[^\0\\]+$/),
      kind: z.enum(entryKinds),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = BackupManifest["entries"][number];

export function parseManifest(bytes: Buffer): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new BackupError("invalid", "the backup's manifest.json is not JSON: the file is damaged");
  }
  const format = (raw as { format?: unknown; version?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT) throw new BackupError("invalid", "this file is not a console backup");
  if (format.version !== BACKUP_VERSION) {
    throw new BackupError("invalid", `backup format ${String(format.version)} is not known to this console`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError("invalid", "the backup's manifest.json is damaged");
  return parsed.data;
}

/** The newest migration this checkout knows (a backup from a newer console cannot be restored by an older one). */
export function newestKnownMigration(): number {
  const journal = JSON.parse(
    readFileSync(path.join(process.cwd(), "lib", "db", "migrations", "meta", "_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

export function consoleVersion(): string {
  try {
    return String(
      (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: unknown }).version,
    );
  } catch {
    return "unknown";
  }
}
