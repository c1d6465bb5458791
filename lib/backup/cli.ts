/**
 * What scripts/backup.ts and scripts/restore.ts share: reading the configuration, describing a manifest in a few
 * lines (counts and sizes, never a secret), and turning an expected failure into one line and exit code 1.
 */
import { ConfigError, parseConfig, type Config } from "@/lib/config";
import { isConsoleError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import type { BackupManifest } from "./manifest";

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function describeManifest(manifest: BackupManifest): string[] {
  const sizeOf = (kind: string) =>
    formatBytes(
      manifest.entries.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.bytes, 0),
    );
  const outputFiles = manifest.entries.filter((entry) => entry.kind === "output").length;
  const secrets = manifest.entries.filter((entry) => entry.kind === "secret").map((entry) => entry.path.slice(5));
  const { counts } = manifest;
  return [
    `  made         ${manifest.createdAt} by console ${manifest.consoleVersion}`,
    `  database     ${manifest.engine}, ${manifest.migrations.applied} migrations, ${sizeOf("database")} (${manifest.method})`,
    `  contents     ${count(counts.jobs, "job")}, ${count(counts.outputs, "output")} (${count(counts.outputBlobs, "blob")}), ` +
      count(counts.users, "user"),
    `  output files ${manifest.outputStore === "s3" ? "in S3, not in the backup" : `${count(outputFiles, "file")}, ${sizeOf("output")}`}`,
    `  secrets      ${secrets.length ? secrets.join(", ") : "none"}` +
      (manifest.consoleSecret === "environment" ? " (CONSOLE_SECRET came from the environment: not included)" : ""),
  ];
}

/** Runs a command's body; an expected failure prints one line (no stack, no secret) and exits 1. */
export async function runBackupCommand(body: (config: Config) => Promise<void>): Promise<void> {
  try {
    await body(parseConfig(process.env));
  } catch (error) {
    if (error instanceof ConfigError || isConsoleError(error)) {
      console.error(`error: ${(error as Error).message}`);
      process.exit(1);
    }
    throw error;
  }
}
