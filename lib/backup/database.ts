/**
 * The database part of a backup, one consistent snapshot per engine:
 * - PGlite: the console is stopped (see running-console.ts), so the folder is quiet; PGlite's own `dumpDataDir()`
 *   writes it as a tarball, and `loadDataDir` brings it back.
 * - Postgres: a read-only repeatable-read transaction exports its snapshot; the counts are read in it and `pg_dump
 *   --snapshot` dumps exactly that state while the console may go on running. `pg_restore --single-transaction`
 *   restores it all or nothing.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, openAsBlob, readdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { BackupError, type BackupCounts, type BackupManifest } from "./manifest";

export interface DatabaseSnapshot {
  method: string;
  migrations: BackupManifest["migrations"];
  counts: BackupCounts;
}

const COUNTS = `select (select count(*) from jobs)::int as jobs, (select count(*) from outputs)::int as outputs,
  (select count(*) from output_blobs)::int as "outputBlobs", (select count(*) from users)::int as users`;
const MIGRATIONS = `select count(*)::int as applied, max(created_at)::text as newest from drizzle.__drizzle_migrations`;

type Query = (text: string) => Promise<Record<string, unknown>[]>;

async function describeDatabase(query: Query): Promise<Omit<DatabaseSnapshot, "method">> {
  const [counts] = (await query(COUNTS)) as BackupCounts[];
  const [migrations] = (await query(MIGRATIONS)) as { applied: number; newest: string | null }[];
  return {
    counts: counts!,
    migrations: {
      applied: migrations!.applied,
      newest: migrations!.newest === null ? null : Number(migrations!.newest),
    },
  };
}

function pgliteQuery(client: PGlite): Query {
  return async (text) => (await client.query<Record<string, unknown>>(text)).rows;
}

export async function snapshotPglite(folder: string, file: string): Promise<DatabaseSnapshot> {
  const client = new PGlite(folder);
  try {
    await client.waitReady;
    const described = await describeDatabase(pgliteQuery(client));
    const dump = await client.dumpDataDir("none");
    await pipeline(
      Readable.fromWeb(dump.stream() as import("node:stream/web").ReadableStream),
      createWriteStream(file),
    );
    return { method: "PGlite dumpDataDir() of the stopped console's database", ...described };
  } finally {
    await client.close();
  }
}

/** Unpacks a PGlite dump into `folder` (which must not hold a database yet) and reads its counts back. */
export async function restorePglite(file: string, folder: string): Promise<BackupCounts> {
  const client = new PGlite(folder, { loadDataDir: await openAsBlob(file) });
  try {
    await client.waitReady;
    return (await describeDatabase(pgliteQuery(client))).counts;
  } finally {
    await client.close();
  }
}

/** A libpq URL without its password (that goes in PGPASSWORD, never on a command line anyone can `ps`). */
function libpqTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** pg_dump / pg_restore: the newest Debian PostgreSQL's (never older than the server, usually), else PATH's. */
function postgresTool(name: string): string {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((version) => existsSync(path.join(root, version, "bin", name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin", name);
  }
  return name;
}

function runTool(name: string, args: string[], env: NodeJS.ProcessEnv, secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgresTool(name), args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError("internal", `${name} is not installed: install the PostgreSQL client (postgresql-client)`)
          : error,
      ),
    );
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const said = (secret ? stderr.split(secret).join("***") : stderr).trim().split("\n").slice(-3).join(" ");
      reject(new BackupError("internal", `${name} failed (exit ${code}): ${said}`));
    });
  });
}

export async function snapshotPostgres(url: string, file: string): Promise<DatabaseSnapshot> {
  const target = libpqTarget(url);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await client.begin("isolation level repeatable read read only", async (tx) => {
      const [{ snapshot }] = (await tx`select pg_export_snapshot() as snapshot`) as unknown as [{ snapshot: string }];
      const described = await describeDatabase((text) => tx.unsafe(text));
      await runTool(
        "pg_dump",
        ["--format=custom", `--snapshot=${snapshot}`, "--file", file, "--dbname", target.url],
        target.env,
        target.env.PGPASSWORD ?? "",
      );
      return { method: "pg_dump --snapshot of a repeatable-read transaction, the console may run", ...described };
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Refuses a database that already has tables: restore never mixes a backup into live data. */
export async function assertEmptyPostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client`select count(*)::int as tables from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    if ((row?.tables as number) > 0) {
      throw new BackupError(
        "conflict",
        "the database at DATABASE_URL already has tables: restore only into an empty database (nothing was changed)",
      );
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function restorePostgres(file: string, url: string): Promise<BackupCounts> {
  const target = libpqTarget(url);
  await runTool(
    "pg_restore",
    ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--dbname", target.url, file],
    target.env,
    target.env.PGPASSWORD ?? "",
  );
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await describeDatabase((text) => client.unsafe(text))).counts;
  } finally {
    await client.end({ timeout: 5 });
  }
}
