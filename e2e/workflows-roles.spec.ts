import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { signIn } from "./support/accounts";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";
import { insertMember, OPERATOR, VIEWER, type TestMember } from "./support/users";
import { guideWorkflow } from "./support/workflows";

const serverUrl = process.env.TEST_DATABASE_URL;
const BOOT_ADMIN = { name: "Flow Admin", email: "flow-admin@example.com", password: "flow admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 9;

test.describe("who may do what with workflows", () => {
  test.skip(
    !serverUrl,
    "TEST_DATABASE_URL is not set: viewers and operators are inserted into Postgres (npm test starts one when its binaries are installed)",
  );
  test.describe.configure({ mode: "serial" });

  let server: ConsoleServer;
  let dataDir: string;
  let databaseName: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    databaseName = `e2e_workflow_roles_${Date.now()}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    dataDir = mkdtempSync(path.join(tmpdir(), "console-workflow-roles-"));
    server = spawnConsole(port, {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: BOOT_ADMIN.email,
      ADMIN_PASSWORD: BOOT_ADMIN.password,
    });
    await waitForHealthy(server);
    const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await insertMember(database, VIEWER);
    await insertMember(database, OPERATOR);
    await database.end();
  });

  test.afterAll(async () => {
    await server?.stop();
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(browser: Browser, member: Pick<TestMember, "email" | "password" | "name">): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, { ...member }, `${server.baseURL}/login`);
    return page;
  }

  test("an operator imports a workflow; a viewer sees its form and graph but cannot import, curate, save or run", async ({
    browser,
  }) => {
    // A console of its own: its library and gallery start empty, and say what will appear there.
    const operator = await signedIn(browser, OPERATOR);
    await operator.goto(`${server.baseURL}/gallery`);
    await expect(operator.getByText("No outputs yet", { exact: true })).toBeVisible();
    await operator.goto(`${server.baseURL}/workflows`);
    await expect(operator.getByText("No workflows yet", { exact: true })).toBeVisible();
    await operator.getByLabel("Workflow JSON").fill(JSON.stringify(guideWorkflow()));
    await operator.getByLabel("Name", { exact: true }).fill("Team apple");
    await operator.getByRole("button", { name: "Save workflow" }).click();
    await operator.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const url = operator.url();
    await expect(operator.getByRole("button", { name: "Run", exact: true })).toBeVisible();
    await operator.context().close();

    const viewer = await signedIn(browser, VIEWER);
    await viewer.goto(`${server.baseURL}/workflows`);
    await expect(viewer.getByRole("link", { name: /Team apple/ })).toBeVisible();
    await expect(viewer.getByRole("form", { name: "Import a workflow" })).toHaveCount(0);
    await viewer.goto(url);
    await expect(viewer.getByLabel("Prompt", { exact: true })).toHaveValue("a red apple on a table");
    await expect(viewer.getByRole("group", { name: /Workflow graph: 7 nodes/ })).toBeVisible();
    await expect(viewer.getByText("Viewers can look at the form; running needs the operator role.")).toBeVisible();
    await expect(viewer.getByRole("button", { name: /^Run/ })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Customize form" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save a new version…" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Make default" })).toHaveCount(0);
    await viewer.context().close();
  });
});
