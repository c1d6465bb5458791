/**
 * `npm run restore -- FILE`: brings a backup of `npm run backup` into an empty DATA_DIR (and, for a Postgres
 * backup, an empty DATABASE_URL database). Exit code: 0 restored, 1 refused or failed (nothing changed), 2 bad usage.
 */
import { parseArgs } from "node:util";
import { describeManifest, runBackupCommand } from "@/lib/backup/cli";
import { restoreBackup } from "@/lib/backup/restore";

const USAGE = `Usage: npm run restore -- FILE

Restores a backup made by npm run backup into DATA_DIR, which must be empty or not exist yet (for a Postgres backup,
DATABASE_URL must point at an empty database). Checksums are verified before anything is put in place.`;

let file: string | undefined;
try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean" } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new Error("name one backup file");
  file = positionals[0];
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

void runBackupCommand(async (config) => {
  const { manifest, notes } = await restoreBackup(config, file!);
  console.log(`Restored ${file} into ${config.dataDir}${config.databaseUrl ? " and the DATABASE_URL database" : ""}`);
  for (const line of describeManifest(manifest)) console.log(line);
  for (const note of notes) console.log(`note: ${note}`);
  console.log("Start the console (npm start): the same jobs, outputs and sign-ins are there.");
});
