// A throwaway PostgreSQL server from Debian's `postgresql` package, for tests: trust auth on 127.0.0.1,
// a temporary data folder, no durability. initdb refuses to run as root, so as root it runs as `postgres`.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The newest installed PostgreSQL's bin folder, or undefined when the `postgresql` package is not installed. */
export function findPostgresBinaries() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asPostgresUser(command, args) {
  const isRoot = process.getuid?.() === 0;
  return isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/** Starts a server; resolves to `{ url, stop() }`. */
export async function startThrowawayPostgres(bin) {
  const dir = mkdtempSync(path.join(tmpdir(), "console-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, "data");
  const [initCommand, initArgs] = asPostgresUser(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  execFileSync(initCommand, initArgs, { stdio: "ignore" });

  const port = await freePort();
  const [command, args] = asPostgresUser(path.join(bin, "postgres"), [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=200",
  ]);

  let server;
  let log = "";
  async function startServer() {
    server = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    server.stderr.on("data", (chunk) => (log += chunk));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        execFileSync(path.join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres"], {
          stdio: "ignore",
        });
        return;
      } catch {
        if (server.exitCode !== null || Date.now() > deadline) {
          throw new Error(`PostgreSQL did not start:\n${log}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
  /**
   * Stops the server and keeps its data, through pg_ctl (a signal to `runuser` would reach postgres as SIGTERM, the
   * "smart" shutdown that waits for every client to leave): "fast" (clients cut off, a clean shutdown) or
   * "immediate" (no shutdown checkpoint: recovery on the next start, as after a crash).
   */
  async function stopServer(mode = "fast") {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    const [stopCommand, stopArgs] = asPostgresUser(path.join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", mode]);
    try {
      execFileSync(stopCommand, stopArgs, { stdio: "ignore" });
    } catch {
      server.kill("SIGINT");
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await startServer();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** The server down with its data kept (a database restart, for fault tests), and up again on the same port. */
    stopServer,
    startServer,
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
