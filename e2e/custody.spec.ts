import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { signIn } from "./support/accounts";
import { SandboxManagement } from "./support/endpoints-sandbox";
import { spawnSandbox, type SandboxProcess } from "./support/sandbox-process";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

/**
 * "Novita" is a sandbox of its own (its key chosen here); the console under test is a server of its own that
 * starts in local mode and has NOVITA_API_BASE_URL pointing at that sandbox, with no key in its environment.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const CONSOLE_PORT = E2E_PORT + 41;
const NOVITA_PORT = E2E_PORT + 51;
const BOOT_ADMIN = { name: "Kim Keeper", email: "keeper@example.com", password: "custody story 1" };
const NOVITA_KEY = `sk_custody_${randomBytes(12).toString("hex")}`;
const last4 = NOVITA_KEY.slice(-4);

let novita: SandboxProcess;
let server: ConsoleServer;
let dataDir: string;

function consoleEnv() {
  return {
    DATA_DIR: dataDir,
    ADMIN_EMAIL: BOOT_ADMIN.email,
    ADMIN_PASSWORD: BOOT_ADMIN.password,
    NOVITA_API_BASE_URL: novita.managementBaseUrl,
    NOVITA_JOBS_BASE_URL: novita.jobsBaseUrl,
  };
}

test.beforeAll(async () => {
  novita = await spawnSandbox(NOVITA_PORT, NOVITA_KEY);
  await new SandboxManagement(novita.origin, NOVITA_KEY).createEndpoint("on-the-novita-side");
  dataDir = mkdtempSync(path.join(tmpdir(), "console-custody-"));
  server = spawnConsole(CONSOLE_PORT, consoleEnv());
  await waitForHealthy(server);
});

test.afterAll(async () => {
  await server?.stop();
  await novita?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Settings → Connection at 1440 and 390 px, light and dark (the theme follows the system by default). */
async function shoot(page: Page, state: string) {
  for (const width of [1440, 390]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      await page.emulateMedia({ colorScheme });
      await page.reload();
      await expect(page.getByRole("heading", { name: /^In use:/ })).toBeVisible();
      await page.screenshot({
        path: `test-results/screens/connection-${state}-${width}-${colorScheme}.png`,
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

async function expectMode(page: Page, mode: "Local sandbox" | "Novita") {
  await expect(page.getByTestId("connection-status")).toHaveText(mode);
  await expect(page.getByRole("heading", { name: `In use: ${mode}`, level: 2 })).toBeVisible();
}

test("an admin connects the sandbox's key, sees only its fingerprint, rotates it, and returns to the sandbox", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const base = server.baseURL;
  await signIn(page, BOOT_ADMIN, `${base}/login`);
  await page.goto(`${base}/settings/connection`);
  await expectMode(page, "Local sandbox");
  await expect(page.getByTestId("connection-in-use")).toContainText("no key");
  await shoot(page, "sandbox");

  // A wrong key is refused with Novita's reason, and nothing is stored.
  const keyField = page.getByLabel("Novita API key");
  await keyField.fill("sk_wrong_key_0000000000000000");
  await page.getByRole("button", { name: "Test and save key" }).click();
  await expect(page.getByText(/Novita refused this key \(INVALID_API_KEY\).*Nothing was saved/)).toBeVisible();
  await page.reload();
  await expectMode(page, "Local sandbox");

  // Bad input never reaches Novita.
  await page.getByLabel("Novita API key").fill("has spaces in it");
  await page.getByRole("button", { name: "Test and save key" }).click();
  await expect(page.getByText("An API key has no spaces or line breaks: check what you pasted.")).toBeVisible();

  // The right key: tested, stored, in use at once — everywhere, without a restart.
  await page.getByLabel("Novita API key").fill(NOVITA_KEY);
  await page.getByRole("button", { name: "Test and save key" }).click();
  await expect(page.getByText(/Connected: the console now uses sk_…/)).toBeVisible();
  await expectMode(page, "Novita");
  await expect(page.getByTestId("key-fingerprint")).toHaveText(`sk_…${last4}`);
  await expect(page.getByLabel("New Novita API key")).toHaveValue("");
  expect(await page.content()).not.toContain(NOVITA_KEY);
  await shoot(page, "stored");
  await page.goto(`${base}/`);
  await expect(page.getByTestId("local-mode-notice")).toHaveCount(0);
  await page.goto(`${base}/endpoints`);
  await expect(page.getByText("on-the-novita-side").first()).toBeVisible();

  // Rotate: a key that fails the test leaves the old one in use.
  await page.goto(`${base}/settings/connection`);
  await page.getByLabel("New Novita API key").fill(`${NOVITA_KEY}x`);
  await page.getByRole("button", { name: "Test and replace key" }).click();
  await expect(page.getByText(/Novita refused this key/)).toBeVisible();
  await expect(page.getByText(NOVITA_KEY)).toHaveCount(0);
  await page.reload();
  await expectMode(page, "Novita");
  await expect(page.getByTestId("key-fingerprint")).toHaveText(`sk_…${last4}`);
  await page.getByLabel("New Novita API key").fill(NOVITA_KEY);
  await page.getByRole("button", { name: "Test and replace key" }).click();
  await expect(page.getByText(/Rotated: the console now uses sk_…/)).toBeVisible();

  // The stored key survives a restart (sealed with the CONSOLE_SECRET generated into DATA_DIR).
  await server.stop();
  server = spawnConsole(CONSOLE_PORT, consoleEnv());
  await waitForHealthy(server);
  await page.goto(`${base}/settings/connection`);
  await expectMode(page, "Novita");
  expect(server.output()).toContain('"key":"stored"');

  // Remove: back to the local sandbox at once, and the overview says so.
  await page.getByRole("button", { name: "Remove stored key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove key" }).click();
  await expect(page.getByText(/back on the local sandbox/)).toBeVisible();
  await expectMode(page, "Local sandbox");
  await page.goto(`${base}/`);
  await expect(page.getByTestId("local-mode-notice")).toBeVisible();
  await page.goto(`${base}/endpoints`);
  await expect(page.getByRole("heading", { name: "Endpoints", level: 1 })).toBeVisible();
  await expect(page.getByText("on-the-novita-side")).toHaveCount(0);

  expect(server.output()).not.toContain(NOVITA_KEY);
});

test("with NOVITA_API_KEY in the environment the page says it wins and the form is disabled", async ({ page }) => {
  const envServer = spawnConsole(CONSOLE_PORT + 1, {
    ADMIN_EMAIL: BOOT_ADMIN.email,
    ADMIN_PASSWORD: BOOT_ADMIN.password,
    NOVITA_API_KEY: NOVITA_KEY,
    NOVITA_API_BASE_URL: novita.managementBaseUrl,
    NOVITA_JOBS_BASE_URL: novita.jobsBaseUrl,
  });
  try {
    await waitForHealthy(envServer);
    await signIn(page, BOOT_ADMIN, `${envServer.baseURL}/login`);
    await page.goto(`${envServer.baseURL}/settings/connection`);
    await expect(page.getByTestId("connection-status")).toHaveText("Novita");
    await expect(page.getByTestId("connection-in-use")).toContainText("key from environment");
    await expect(page.getByTestId("key-fingerprint")).toHaveText(`sk_…${last4}`);
    await expect(page.getByTestId("env-key-notice")).toContainText("NOVITA_API_KEY is set in the server's environment");
    await expect(page.getByLabel("Novita API key")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Test and save key" })).toBeDisabled();
    await shoot(page, "env");
  } finally {
    await envServer.stop();
  }
});
