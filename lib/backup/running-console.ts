/**
 * PGlite takes no lock on its folder, and a second process opening it while the console runs would read a torn
 * database. So a console on PGlite keeps `DATA_DIR/console.lock` fresh, and backup/restore refuse while it is: a
 * heartbeat works across containers sharing the volume, where a pid alone means nothing.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export const LOCK_FILE = "console.lock";
const HEARTBEAT_MS = 5_000;
/** A lock not refreshed for this long belongs to a console that stopped. */
export const STALE_AFTER_MS = 15_000;

interface LockBody {
  pid: number;
  host: string;
  startedAt: string;
}

function write(file: string, body: LockBody): void {
  writeFileSync(file, JSON.stringify(body) + "\n");
}

/** Called once at console startup (PGlite only); the heartbeat never keeps the process alive. */
export function markConsoleRunning(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  const body = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const refresh = () => {
    try {
      mkdirSync(dataDir, { recursive: true });
      write(file, body);
    } catch {
      // DATA_DIR missing or read-only: opening the database says so, in a clearer line than this could.
    }
  };
  refresh();
  setInterval(refresh, HEARTBEAT_MS).unref();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A sentence naming the console that looks alive on `dataDir`, or undefined when none does. */
export function runningConsole(dataDir: string, now = Date.now()): string | undefined {
  const file = path.join(dataDir, LOCK_FILE);
  let age: number;
  try {
    age = now - statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  let body: Partial<LockBody> = {};
  try {
    body = JSON.parse(readFileSync(file, "utf8")) as Partial<LockBody>;
  } catch {
    // Half written: judged by its age alone.
  }
  if (age > STALE_AFTER_MS) return undefined;
  if (body.host === hostname() && typeof body.pid === "number" && !alive(body.pid)) return undefined;
  return `a console (process ${body.pid ?? "?"} on ${body.host ?? "?"}) refreshed ${file} ${Math.round(age / 1000)} s ago`;
}
