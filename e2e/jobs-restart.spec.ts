import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

const ADMIN = { name: "Restart Admin", email: "restart-admin@example.com", password: "restart admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 11;

/** Started the way `npm start` serves it; ready once startup has written the sandbox key (health answers earlier). */
async function startConsole(dataDir: string): Promise<ConsoleServer> {
  const server = spawnConsole(port, { DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  await waitForHealthy(server);
  await expect.poll(() => existsSync(path.join(dataDir, "sandbox-api-key")), { timeout: 30_000 }).toBe(true);
  return server;
}

test("a job in flight when the server restarts is tracked again and finishes", async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-restart-"));
  let server = await startConsole(dataDir);
  try {
    const name = uniqueName("restart");
    const endpointId = await SandboxManagement.at(port + 1000, dataDir).createEndpoint(name, {
      image: WORKER_IMAGES.sleep,
      minNum: 1,
      maxNum: 1,
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, ADMIN, `${server.baseURL}/login`);
    await page.goto(`${server.baseURL}/jobs/new?endpoint=${endpointId}`);
    const editor = page.getByLabel("Job input (JSON)");
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await editor.fill('{"seconds": 6}');
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    const jobUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("status", { name: "Status: Running" })).toBeVisible({ timeout: 30_000 });
    await context.close();

    // The whole server goes down with the job running, and comes back on the same data.
    await server.stop();
    server = await startConsole(dataDir);

    const again = await (await browser.newContext()).newPage();
    await signIn(again, ADMIN, `${server.baseURL}/login`);
    await again.goto(`${server.baseURL}${jobUrl}`);
    await expect(again.getByRole("status", { name: "Status: Completed" })).toBeVisible({ timeout: 60_000 });
    await expect(again.getByRole("listitem", { name: "Completed: reached" })).toBeVisible();
    await again.context().close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
