import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { spawnConsole, waitForHealthy } from "./support/server";

const serverUrl = process.env.TEST_DATABASE_URL;
const BOOT_ADMIN = { email: "ops@example.com", password: "unattended install 1" };

test.describe("on a real Postgres (DATABASE_URL)", () => {
  test.skip(
    !serverUrl,
    "TEST_DATABASE_URL is not set: npm test starts a throwaway Postgres when its binaries are installed",
  );

  test("the console starts, migrates, creates the ADMIN_EMAIL admin, and signs in the same as on PGlite", async ({
    page,
  }) => {
    const name = `e2e_${Date.now()}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    // DATA_DIR still holds the generated CONSOLE_SECRET that signs sessions, so the restart below keeps it.
    const dataDir = mkdtempSync(path.join(tmpdir(), "console-pg-data-"));
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: BOOT_ADMIN.email,
      ADMIN_PASSWORD: BOOT_ADMIN.password,
    };

    let server = spawnConsole(3104, env);
    try {
      expect(await waitForHealthy(server)).toEqual({ status: "ok", db: "ok" });
      expect(server.output()).toContain('"engine":"postgres"');

      // No setup page: the unattended admin exists, so the console asks for a sign-in.
      await page.goto(`${server.baseURL}/`);
      await expect(page).toHaveURL(/\/login$/);
      await page.getByLabel("Email").fill(BOOT_ADMIN.email);
      await page.getByLabel("Password").fill(BOOT_ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();

      const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const rows = await database`select email, role from users`;
      expect(rows.map((row) => ({ ...row }))).toEqual([{ email: BOOT_ADMIN.email, role: "admin" }]);
      await database.end();

      // A restart finds the schema in place and the session still valid.
      await server.stop();
      server = spawnConsole(3104, env);
      await waitForHealthy(server);
      await page.goto(`${server.baseURL}/settings`);
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    } finally {
      await server.stop();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
