// The Docker image, without Docker: lays out .next/standalone + .next/static + public exactly as the Dockerfile
// copies them, starts `node server.js` there against a real PostgreSQL (TEST_DATABASE_URL, or a throwaway server),
// and checks /api/health, the security headers, and that the ADMIN_EMAIL admin can sign in in a real browser.
// Run after `next build`. Exits 0 when every check passed.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { findPostgresBinaries, freePort, startThrowawayPostgres } from "./throwaway-postgres.mjs";

const root = path.resolve(import.meta.dirname, "..");
const ADMIN = { email: "docker-admin@example.com", password: "standalone check 1" };

function fail(message) {
  console.error(`standalone check FAILED: ${message}`);
  process.exitCode = 1;
}

async function waitForHealth(url, child, output, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node server.js exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`not healthy after ${timeoutMs} ms:\n${output()}`);
}

const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error('No .next/standalone/server.js: run `next build` first (next.config.ts sets output: "standalone").');
  process.exit(1);
}

// 1. The image's /app: the standalone folder, then static assets and public/ beside it (Dockerfile, stage "run").
const work = mkdtempSync(path.join(tmpdir(), "console-standalone-"));
const app = path.join(work, "app");
const dataDir = path.join(work, "data");
cpSync(standalone, app, { recursive: true, verbatimSymlinks: true });
cpSync(path.join(root, ".next", "static"), path.join(app, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public")))
  cpSync(path.join(root, "public"), path.join(app, "public"), { recursive: true });

// 2. A database of its own on a real PostgreSQL.
let throwaway;
let serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  const bin = findPostgresBinaries();
  if (!bin) {
    console.error("PostgreSQL binaries not found (apt-get install postgresql) and TEST_DATABASE_URL unset.");
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  }
  throwaway = await startThrowawayPostgres(bin);
  serverUrl = throwaway.url;
}
const databaseName = `standalone_${Date.now()}`;
const adminSql = postgres(serverUrl, { max: 1, onnotice: () => {} });
await adminSql.unsafe(`create database ${databaseName}`);
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;

// 3. `node server.js`, with the environment the image sets (HOSTNAME: Docker sets it to the container id).
const port = await freePort();
const sandboxPort = await freePort();
const child = spawn(process.execPath, ["server.js"], {
  cwd: app,
  env: {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl.toString(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SANDBOX_PORT: String(sandboxPort),
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let log = "";
child.stdout.on("data", (chunk) => (log += chunk));
child.stderr.on("data", (chunk) => (log += chunk));
const base = `http://127.0.0.1:${port}`;

try {
  const health = await (await waitForHealth(`${base}/api/health`, child, () => log)).json();
  if (health.status !== "ok" || health.db !== "ok") fail(`/api/health answered ${JSON.stringify(health)}`);
  else console.log(`ok   /api/health ${JSON.stringify(health)}`);
  if (!log.includes('"engine":"postgres"')) fail("the server did not report the postgres engine");

  const login = await fetch(`${base}/login`);
  const csp = login.headers.get("content-security-policy") ?? "";
  if (login.status !== 200) fail(`/login answered ${login.status}`);
  else if (!/script-src 'self' 'nonce-/.test(csp) || login.headers.get("x-frame-options") !== "DENY")
    fail(`/login lacks the security headers: ${csp}`);
  else console.log("ok   /login with CSP nonce and X-Frame-Options");

  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor({ timeout: 30_000 });
    console.log("ok   the ADMIN_EMAIL admin signed in and sees the overview");
    if (problems.length) fail(`browser errors: ${problems.join(" | ")}`);
  } finally {
    await browser.close();
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
  console.error(log);
} finally {
  child.kill("SIGTERM");
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  await adminSql.unsafe(`drop database if exists ${databaseName} with (force)`);
  await adminSql.end();
  await throwaway?.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(process.exitCode ? "standalone check: FAILED" : "standalone check: passed");
