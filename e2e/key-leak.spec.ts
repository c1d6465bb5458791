import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { signIn } from "./support/accounts";
import { SandboxManagement } from "./support/endpoints-sandbox";
import { spawnSandbox, type SandboxProcess } from "./support/sandbox-process";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

/**
 * The key string never reaches anything but Novita: not an HTML page, a JS chunk, a server-action result, an API
 * or SSE message, a log line or an error message. Each case runs a console of its own against a sandbox that
 * plays Novita with a distinctive key.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const BOOT_ADMIN = { name: "Lee Leakcheck", email: "leak@example.com", password: "leak check pass 1" };
const CONSOLE_PAGES = [
  "/",
  "/endpoints",
  "/endpoints/new",
  "/jobs",
  "/jobs/new",
  "/workflows",
  "/gallery",
  "/settings",
  "/settings/members",
  "/settings/audit",
  "/settings/connection",
];
const API_ROUTES = [
  "/api/me",
  "/api/endpoints",
  "/api/endpoints/options",
  "/api/jobs",
  "/api/health",
  "/api/audit/export",
];

/** Every response body the browser receives (but streams), gathered while the test runs. */
function recordResponses(page: Page): () => Promise<{ url: string; body: string }[]> {
  const pending: Promise<{ url: string; body: string } | undefined>[] = [];
  page.on("response", (response) => {
    if ((response.headers()["content-type"] ?? "").includes("text/event-stream")) return;
    pending.push(
      response.text().then(
        (body) => ({ url: response.url(), body }),
        () => undefined,
      ),
    );
  });
  return async () => (await Promise.all(pending)).filter((entry) => entry !== undefined);
}

/** Reads the live event stream for a while, as the signed-in browser would. */
async function readEvents(page: Page, base: string, whileReading: () => Promise<void>): Promise<string> {
  const cookie = (await page.context().cookies(base)).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const controller = new AbortController();
  const response = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = "";
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted
    }
  })();
  await whileReading();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  controller.abort();
  await reading;
  return text;
}

function staticChunks(): { file: string; text: string }[] {
  const root = path.resolve(__dirname, "..", ".next", "static");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(root);
  return files.map((file) => ({ file, text: readFileSync(file, "latin1") }));
}

function expectNowhere(key: string, places: { where: string; text: string }[]) {
  const last4 = key.slice(-4);
  const leaks = places.filter((place) => place.text.includes(key) || place.text.includes(key.slice(0, -4)));
  expect(leaks.map((leak) => leak.where)).toEqual([]);
  // Sanity: the places were really searched (pages rendered, the fingerprint is there).
  expect(places.length).toBeGreaterThan(10);
  expect(places.some((place) => place.text.includes(`…${last4}`))).toBe(true);
}

async function crawl(page: Page, base: string, extra: string[]): Promise<{ where: string; text: string }[]> {
  const places: { where: string; text: string }[] = [];
  for (const route of [...CONSOLE_PAGES, ...extra]) {
    await page.goto(`${base}${route}`);
    await page.waitForLoadState("networkidle");
    places.push({ where: `html ${route}`, text: await page.content() });
  }
  for (const route of API_ROUTES)
    places.push({ where: `api ${route}`, text: await (await page.request.get(`${base}${route}`)).text() });
  return places;
}

/** A job through the UI: a server action result, ledger rows, SSE job events, the job page. */
async function sendJob(page: Page, base: string, endpointId: string): Promise<string> {
  await page.goto(`${base}/jobs/new?endpoint=${endpointId}`);
  await page.getByLabel("Job input (JSON)").fill('{"prompt": "leak check"}');
  await page.getByRole("button", { name: "Send job" }).click();
  await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
  await expect(page.getByRole("status", { name: /^Status:/ })).toHaveAccessibleName("Status: Completed", {
    timeout: 30_000,
  });
  return new URL(page.url()).pathname;
}

test.describe("the Novita key never leaks", () => {
  test.describe.configure({ timeout: 240_000 });

  let novita: SandboxProcess | undefined;
  let server: ConsoleServer | undefined;
  test.afterEach(async () => {
    await server?.stop();
    await novita?.stop();
  });

  /**
   * A console of its own on `port` (with `env`) against a sandbox on port + 10 that plays Novita with `key` and has
   * an echo endpoint, signed in on `page`, whose responses are recorded from then on.
   */
  async function consoleAgainstSandbox(
    page: Page,
    key: string,
    options: { port: number; endpointName: string; env?: Record<string, string> },
  ) {
    novita = await spawnSandbox(options.port + 10, key);
    const endpointId = await new SandboxManagement(novita.origin, key).createEndpoint(options.endpointName, {
      image: "example/echo-worker:1",
    });
    server = spawnConsole(options.port, {
      ADMIN_EMAIL: BOOT_ADMIN.email,
      ADMIN_PASSWORD: BOOT_ADMIN.password,
      ...options.env,
      NOVITA_API_BASE_URL: novita.managementBaseUrl,
      NOVITA_JOBS_BASE_URL: novita.jobsBaseUrl,
    });
    await waitForHealthy(server);
    const base = server.baseURL;
    const responses = recordResponses(page);
    await signIn(page, BOOT_ADMIN, `${base}/login`);
    return { base, endpointId, responses };
  }

  /** Where the key must not be: pages, API answers, the SSE text, every response, static chunks, the server log. */
  async function placesToSearch(
    page: Page,
    { base, endpointId, responses }: Awaited<ReturnType<typeof consoleAgainstSandbox>>,
    events: string,
  ) {
    const places = await crawl(page, base, [
      `/endpoints/${endpointId}`,
      `/endpoints/${endpointId}?tab=api`,
      "/endpoints/no-such-endpoint",
    ]);
    places.push({ where: "sse", text: events });
    for (const entry of await responses()) places.push({ where: `response ${entry.url}`, text: entry.body });
    for (const chunk of staticChunks()) places.push({ where: `static ${chunk.file}`, text: chunk.text });
    places.push({ where: "server log", text: server!.output() });
    return places;
  }

  test("a key stored in Settings", async ({ page }) => {
    const key = `sk_storedleak_${randomBytes(16).toString("hex")}`;
    const leakCheck = await consoleAgainstSandbox(page, key, { port: E2E_PORT + 42, endpointName: "leak-stored" });
    const { base, endpointId } = leakCheck;

    // Refused keys that contain the key (error messages), then the key itself (action results).
    await page.goto(`${base}/settings/connection`);
    await page.getByLabel("Novita API key").fill(`${key}-wrong`);
    await page.getByRole("button", { name: "Test and save key" }).click();
    await expect(page.getByText(/Novita refused this key/)).toBeVisible();
    await page.getByLabel("Novita API key").fill(key);
    await page.getByRole("button", { name: "Test and save key" }).click();
    await expect(page.getByText(/Connected: the console now uses/)).toBeVisible();
    await page.getByLabel("New Novita API key").fill(`x${key}`);
    await page.getByRole("button", { name: "Test and replace key" }).click();
    await expect(page.getByText(/Novita refused this key/)).toBeVisible();

    const events = await readEvents(page, base, async () => {
      await sendJob(page, base, endpointId);
    });
    const places = await placesToSearch(page, leakCheck, events);
    expect(events).toContain("data:");
    // The audit log recorded the connect and the refused rotation (fingerprints only; searched above).
    const audit = places.find((place) => place.where === "api /api/audit/export")!.text;
    expect(audit).toContain("connection.set");
    expect(audit).toContain("connection.rotate");
    expectNowhere(key, places);
  });

  test("a key from NOVITA_API_KEY", async ({ page }) => {
    const key = `sk_envleak_CANARY_${randomBytes(16).toString("hex")}`;
    const env = { NOVITA_API_KEY: key };
    const leakCheck = await consoleAgainstSandbox(page, key, { port: E2E_PORT + 43, endpointName: "leak-env", env });
    const { base, endpointId } = leakCheck;
    const events = await readEvents(page, base, async () => {
      await sendJob(page, base, endpointId);
    });
    // Upstream failures, whose messages end up in pages and logs.
    await fetch(`${novita!.origin}/_sandbox/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ operation: "endpoints.list", mode: "error500", count: 6 }),
    });
    expectNowhere(key, await placesToSearch(page, leakCheck, events));
  });
});
