import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";
import { spawnConsole, waitForHealthy } from "./support/server";
import { insertMember, VIEWER } from "./support/users";

type WireEndpoint = { envs: { key: string; value: string }[]; workerConfig: { maxNum: number } };

/** Everything the browser received while on the page: documents, RSC payloads, API JSON, action results. */
function recordBodies(page: Page): () => Promise<string> {
  const pending: Promise<string>[] = [];
  page.on("response", (response) => {
    if ((response.headers()["content-type"] ?? "").includes("text/event-stream")) return;
    pending.push(response.text().catch(() => ""));
  });
  return async () => (await Promise.all(pending)).join("\n");
}

test("secret env values reach no browser; an admin reveals one on request, and saving keeps it", async ({ page }) => {
  const secret = `hf_${randomBytes(12).toString("hex")}`;
  const sandbox = SandboxManagement.ofTestServer();
  const id = await sandbox.createEndpoint(uniqueName("secret-env"), {
    env: [
      { key: "HF_TOKEN", value: secret },
      { key: "MODEL", value: "sdxl" },
    ],
  });
  try {
    const bodies = recordBodies(page);
    await signIn(page);
    await page.goto(`/endpoints/${id}?tab=settings`);
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Variable 1 name")).toHaveValue("HF_TOKEN");
    await expect(editor.getByLabel("Variable 1 value")).toHaveAttribute("type", "password");
    await expect(editor.getByLabel("Variable 2 value")).toHaveValue("sdxl");
    const api = await (await page.request.get(`/api/endpoints/${id}`)).text();
    expect(api).toContain("sdxl");
    expect(api).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
    expect(await bodies()).not.toContain(secret);

    // Reveal: one value, on request (an audited action).
    await editor.getByRole("button", { name: "Reveal saved value of HF_TOKEN" }).click();
    await expect(
      editor.getByRole("status", { name: "Saved value of HF_TOKEN" }).or(editor.getByLabel("Saved value of HF_TOKEN")),
    ).toHaveText(secret);
    await editor.getByText("Environment variables").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/endpoint-secret-revealed-1440-light.png" });
    await editor.getByRole("button", { name: "Hide saved value of HF_TOKEN" }).click();
    await expect(editor.getByLabel("Saved value of HF_TOKEN")).toHaveCount(0);

    // Saving other changes keeps the hidden value as it was.
    await editor.getByRole("spinbutton", { name: "Max workers", exact: true }).fill("3");
    await editor.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog", { name: "Save these changes?" });
    await expect(dialog).not.toContainText("Env HF_TOKEN");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect
      .poll(async () => ((await sandbox.getEndpoint(id)) as unknown as WireEndpoint | undefined)?.workerConfig.maxNum)
      .toBe(3);
    expect(((await sandbox.getEndpoint(id)) as unknown as WireEndpoint).envs).toEqual([
      { key: "HF_TOKEN", value: secret },
      { key: "MODEL", value: "sdxl" },
    ]);

    // A hidden value moved to another name cannot be kept: the person is asked to type it.
    await page.reload();
    await editor.getByLabel("Variable 1 name").fill("HF_TOKEN_RENAMED");
    await editor.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(
      editor.getByText(
        "HF_TOKEN_RENAMED has no saved value to keep: type its value (the hidden one belonged to another name).",
      ),
    ).toBeVisible();
    expect(((await sandbox.getEndpoint(id)) as unknown as WireEndpoint).envs[0]).toEqual({
      key: "HF_TOKEN",
      value: secret,
    });
  } finally {
    await sandbox.deleteEndpoint(id).catch(() => undefined);
  }
});

test("a viewer sees that a value is hidden, without a way to reveal it", async ({ page }) => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  test.skip(
    !serverUrl,
    "TEST_DATABASE_URL is not set: the viewer is inserted into Postgres " +
      "(npm test starts one when its binaries are installed)",
  );
  const port = Number(process.env.E2E_PORT ?? 3100) + 44;
  const databaseName = `e2e_secrets_${Date.now()}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${databaseName}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-secrets-"));
  const server = spawnConsole(port, {
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: "secrets-admin@example.com",
    ADMIN_PASSWORD: "secrets admin pass",
  });
  try {
    await waitForHealthy(server);
    const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await insertMember(database, VIEWER);
    await database.end();
    const secret = `hf_${randomBytes(12).toString("hex")}`;
    const id = await SandboxManagement.at(port + 1000, dataDir).createEndpoint("viewer-secret", {
      env: [{ key: "HF_TOKEN", value: secret }],
    });
    const bodies = recordBodies(page);
    await signIn(page, VIEWER, `${server.baseURL}/login`);
    await page.goto(`${server.baseURL}/endpoints/${id}?tab=settings`);
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Variable 1 name")).toHaveValue("HF_TOKEN");
    await expect(editor.getByText("Saved value hidden (an administrator can reveal it)")).toBeVisible();
    await expect(editor.getByRole("button", { name: /saved value of HF_TOKEN/ })).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await editor.getByText("Environment variables").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/endpoint-secret-viewer-390-dark.png" });
    expect(await (await page.request.get(`${server.baseURL}/api/endpoints/${id}`)).text()).not.toContain(secret);
    expect(await bodies()).not.toContain(secret);
  } finally {
    await server.stop();
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
