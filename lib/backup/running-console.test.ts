import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK_FILE, runningConsole, STALE_AFTER_MS } from "./running-console";

function lockIn(body: object, ageMs = 0): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-lock-"));
  const file = path.join(dataDir, LOCK_FILE);
  writeFileSync(file, JSON.stringify(body));
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(file, at, at);
  return dataDir;
}

describe("runningConsole", () => {
  it("sees a console whose lock is fresh, on this host or another one", () => {
    expect(runningConsole(lockIn({ pid: process.pid, host: hostname() }))).toMatch(/process \d+ on /);
    expect(runningConsole(lockIn({ pid: 1, host: "another-container" }))).toMatch(/another-container/);
  });

  it("sees none without a lock, with a stale one, or when the lock's process on this host is gone", () => {
    expect(runningConsole(mkdtempSync(path.join(tmpdir(), "console-lock-")))).toBeUndefined();
    expect(runningConsole(lockIn({ pid: 1, host: "another-container" }, STALE_AFTER_MS + 1000))).toBeUndefined();
    expect(runningConsole(lockIn({ pid: 2 ** 22 + 12345, host: hostname() }))).toBeUndefined();
  });
});
