/**
 * First-load JavaScript per page, as a browser receives it (issue 15, item 7): the production build served by
 * `next start` (gzip, as `compress: true` serves it), Chromium with a cold cache per page, every script's body bytes
 * on the wire until the network is quiet after the load event.
 *
 * Steps: builds when there is no production build (or with `--build`), starts `next start` on a throwaway DATA_DIR
 * in local mode (its own sandbox), creates the administrator through /setup, adds a ComfyUI endpoint in the sandbox
 * and imports the guide's workflow, then opens each page in a fresh browser context (signed in, empty cache).
 *
 * Prints one row per page: JS kB gzipped (kB = 1,000 bytes), the number of script files, the target (≤ 180 kB on
 * list pages, ≤ 300 kB on editor pages) and PASS/MISS. `--verbose` lists every script of every page.
 * Env: BENCH_BUNDLE_PORT (3300; its sandbox on port + 1000), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { SandboxManagement } from "@/e2e/support/endpoints-sandbox";
import { spawnConsole, waitForHealthy } from "@/e2e/support/server";
import { guideWorkflow } from "@/lib/comfyui/examples";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.BENCH_BUNDLE_PORT ?? 3300);
const sandboxPort = port + 1000;
const baseURL = `http://127.0.0.1:${port}`;
const verbose = process.argv.includes("--verbose");
const LIST_TARGET = 180_000;
const EDITOR_TARGET = 300_000;
const ADMIN = { name: "Bench Admin", email: "bench@example.com", password: "bench password 1" };
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

interface Script {
  url: string;
  bytes: number;
  encoding: string;
}

function ensureBuild() {
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && !process.argv.includes("--build")) return;
  console.log("bundle: building (next build)…");
  const build = spawnSync(process.execPath, [next, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
}

/** The first administrator, through the setup page as the first-run e2e creates them; returns the signed-in state. */
async function setUp(browser: Browser) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/setup");
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator and sign in" }).click();
  await page.waitForURL(`${baseURL}/`);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** A ComfyUI endpoint straight in the sandbox (Novita's wire format); its id. */
function createEndpoint(dataDir: string): Promise<string> {
  return SandboxManagement.at(sandboxPort, dataDir).createEndpoint("bench-comfyui", {
    image: "novitalabs/comfyui-worker:v0.0.1",
    minNum: 0,
    maxNum: 1,
  });
}

/** The guide's workflow, imported by pasting it on /workflows as a person would; its page's path. */
async function importWorkflow(browser: Browser, state: Awaited<ReturnType<typeof setUp>>): Promise<string> {
  const context = await browser.newContext({ baseURL, storageState: state });
  const page = await context.newPage();
  await page.goto("/workflows");
  await page.getByLabel("Workflow JSON").fill(JSON.stringify(guideWorkflow()));
  await page.getByLabel("Name", { exact: true }).fill("Bench workflow");
  await page.getByRole("button", { name: "Save workflow" }).click();
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  const workflowPath = new URL(page.url()).pathname;
  await context.close();
  return workflowPath;
}

/** Every script the page downloads, in a context of its own (cold cache), until the network is quiet after load. */
async function measure(context: BrowserContext, route: string): Promise<{ scripts: Script[]; status: number }> {
  const page = await context.newPage();
  const scripts: Script[] = [];
  const pending: Promise<void>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        scripts.push({
          url: request.url(),
          bytes: sizes.responseBodySize,
          encoding: (await response?.headerValue("content-encoding")) ?? "identity",
        });
      })(),
    );
  });
  const response = await page.goto(route, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  await page.close();
  return { scripts, status: response?.status() ?? 0 };
}

async function main() {
  ensureBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-bundle-"));
  // As playwright.config.ts's webServer starts it, in its own process group so stopping reaches the forked server.
  const server = spawnConsole(port, { DATA_DIR: dataDir, PORT: String(port), SANDBOX_PORT: String(sandboxPort) });
  let browser: Browser | undefined;
  try {
    await waitForHealthy(server, 90_000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    const state = await setUp(browser);
    const endpointId = await createEndpoint(dataDir);
    const workflowPath = await importWorkflow(browser, state);

    const routes: { route: string; kind: "list" | "editor" }[] = [
      ...["/", "/endpoints", "/jobs", "/gallery", "/workflows", "/settings", "/api-reference"].map((route) => ({
        route,
        kind: "list" as const,
      })),
      ...["/jobs/new", "/endpoints/new", workflowPath, `/endpoints/${endpointId}`].map((route) => ({
        route,
        kind: "editor" as const,
      })),
    ];

    const rows: string[][] = [];
    let misses = 0;
    const encodings = new Set<string>();
    for (const { route, kind } of routes) {
      const context = await browser.newContext({
        baseURL,
        storageState: state,
        viewport: { width: 1440, height: 900 },
      });
      const { scripts, status } = await measure(context, route);
      await context.close();
      const bytes = scripts.reduce((sum, script) => sum + script.bytes, 0);
      const target = kind === "list" ? LIST_TARGET : EDITOR_TARGET;
      const pass = bytes <= target;
      if (!pass) misses += 1;
      for (const script of scripts) encodings.add(script.encoding);
      const label =
        route === workflowPath
          ? "/workflows/[id]"
          : route.startsWith("/endpoints/") && route !== "/endpoints/new"
            ? "/endpoints/[id]"
            : route;
      rows.push([
        label,
        status === 200 ? kind : `${kind} (HTTP ${status})`,
        (bytes / 1000).toFixed(1),
        String(scripts.length),
        `≤ ${target / 1000}`,
        pass ? "PASS" : "MISS",
      ]);
      if (verbose) {
        for (const script of [...scripts].sort((a, b) => b.bytes - a.bytes))
          console.log(
            `  ${label}  ${(script.bytes / 1000).toFixed(1).padStart(6)} kB  ${script.encoding.padEnd(8)}  ${new URL(script.url).pathname}`,
          );
      }
    }

    const header = ["route", "kind", "JS kB gz", "files", "target kB", "result"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, column) =>
          column >= 2 && column <= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join("  ");
    console.log(
      `bundle: first-load JavaScript per page (next start, Chromium, cold cache, bytes on the wire; content-encoding: ${[...encodings].join(", ")})`,
    );
    console.log(line(header));
    console.log(widths.map((width) => "-".repeat(width)).join("  "));
    for (const row of rows) console.log(line(row));
    console.log(`bundle: ${rows.length - misses} of ${rows.length} pages within their target`);
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
