/**
 * `npm run backup -- [--out FILE]`: writes one .tar.gz snapshot of the console (database, archived outputs,
 * generated secrets) for `npm run restore`. Reads DATA_DIR / DATABASE_URL like the console. Exit code: 0 written,
 * 1 refused or failed (nothing written), 2 bad usage.
 */
import { parseArgs } from "node:util";
import { createBackup } from "@/lib/backup/backup";
import { describeManifest, runBackupCommand } from "@/lib/backup/cli";
import { formatBytes } from "@/lib/format/bytes";

const USAGE = `Usage: npm run backup -- [--out FILE]

Writes a consistent snapshot of the console into one owner-only .tar.gz: the database (PGlite: the console must be
stopped; Postgres via pg_dump: it may run), DATA_DIR's archived outputs and generated secrets. Keep it as safe as
CONSOLE_SECRET itself: it opens every session and the stored Novita key.

  --out FILE   where to write it; default backups/console-<time>.tar.gz (outside DATA_DIR)`;

let out: string | undefined;
try {
  const { values } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean" } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  out = values.out;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

void runBackupCommand(async (config) => {
  const file = out ?? `backups/console-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`;
  const { manifest, bytes, file: written } = await createBackup(config, file);
  console.log(
    `Backed up ${config.databaseUrl ? "the Postgres database" : config.dataDir} to ${written} (${formatBytes(bytes)})`,
  );
  for (const line of describeManifest(manifest)) console.log(line);
});
