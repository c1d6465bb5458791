/**
 * An output store that cannot be written (here: a file where DATA_DIR/outputs should be, as a full or read-only disk
 * refuses writes) leaves a completed job's outputs "Archive pending" with the reason on its page; once the store
 * takes writes again the archive resumes by itself and the outputs appear, archived. Its own console: the store of
 * the shared one must stay writable.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";
import { spawnConsole, waitForHealthy } from "./support/server";

const ADMIN = { name: "Store Admin", email: "store-admin@example.com", password: "store admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 13;
/** A 1×1 PNG: the echo worker returns its input, so the job "produces" this image. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

test("a job whose outputs cannot be stored shows 'Archive pending' with why, and archives once the store is back", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-store-"));
  const store = path.join(dataDir, "outputs");
  writeFileSync(store, "not a folder");
  const server = spawnConsole(port, { DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  try {
    await waitForHealthy(server);
    await expect.poll(() => existsSync(path.join(dataDir, "sandbox-api-key")), { timeout: 30_000 }).toBe(true);
    const endpointId = await SandboxManagement.at(port + 1000, dataDir).createEndpoint(uniqueName("store"), {
      image: WORKER_IMAGES.echo,
      minNum: 1,
      maxNum: 1,
    });

    const page = await (await browser.newContext()).newPage();
    await signIn(page, ADMIN, `${server.baseURL}/login`);
    await page.goto(`${server.baseURL}/jobs/new?endpoint=${endpointId}`);
    const editor = page.getByLabel("Job input (JSON)");
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await editor.fill(JSON.stringify({ images: [{ filename: "dot.png", type: "base64", data: PNG }] }));
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(page.getByRole("status", { name: "Status: Completed" })).toBeVisible({ timeout: 60_000 });

    const notice = page.getByRole("status").filter({ has: page.getByRole("heading", { name: "Archive pending" }) });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toContainText("Waiting for the output store");
    await expect(notice).toContainText("a file stands where a folder should be (ENOTDIR)");
    await expect(notice).toContainText("resumes on its own");
    await forEachScreen(page, async (scheme, width) => {
      await page.screenshot({
        path: `test-results/screens/job-archive-pending-${width}-${scheme}.png`,
        fullPage: true,
      });
    });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The store takes writes again: within the archiver's pause (10 s) the outputs are archived, without a reload.
    rmSync(store);
    mkdirSync(store);
    await expect(page.getByText("Archived by the console")).toBeVisible({ timeout: 40_000 });
    await expect(page.getByRole("heading", { name: "Archive pending" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Output images" }).getByRole("listitem")).toHaveCount(1);
    await page.context().close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
