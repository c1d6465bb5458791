// `npm start`: builds when the production build is missing or older than the sources, then serves on PORT.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestChange(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child.endsWith(".test.ts") || child.endsWith(".test.tsx")) continue;
    newest = Math.max(newest, newestChange(path.join(entry, child)));
  }
  return newest;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourcesChangedAt = Math.max(...SOURCES.map((source) => newestChange(path.join(root, source))));

if (builtAt < sourcesChangedAt) {
  console.log(builtAt ? "Sources changed since the last build: building…" : "No production build yet: building…");
  const build = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT || "3000";
const server = spawnSync(process.execPath, [next, "start", "-p", port], { cwd: root, stdio: "inherit", env });
process.exit(server.status ?? 0);
