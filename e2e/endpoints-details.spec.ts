import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

const settingsEditorExists = existsSync(path.resolve(__dirname, "..", "components/endpoints/settings-editor.tsx"));
const workersCount = (page: Page) => page.getByTestId("workers-count");

test.describe("endpoint details", () => {
  let sandbox: SandboxManagement;
  let name: string;
  let id: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    name = uniqueName("details");
    id = await sandbox.createEndpoint(name, { maxNum: 2 });
  });

  test.afterAll(async () => {
    if (await sandbox.getEndpoint(id)) await sandbox.deleteEndpoint(id);
  });

  test("header facts, quick scale up and to zero, the chart, the workers and the API snippets", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page);
    await page.goto(`/endpoints/${id}`);

    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByLabel(/^Status: Serving/)).toBeVisible();
    await expect(page.getByText("RTX 4090 24GB × 1")).toBeVisible();
    await expect(workersCount(page)).toHaveText("0 / 0");
    await expect(page.getByTestId("jobs-count")).toHaveText("0 / 0");
    await expect(page.getByTestId("cost-now")).toHaveText("$0.00");
    const routeName = (await page.getByTestId("route-name").textContent())!;
    expect(routeName).toContain(id);
    await page.getByRole("button", { name: "Copy route name" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(routeName);

    // Quick scale: a minimum of 1 starts a worker (2 s cold start), and the header follows without a reload.
    await page.getByLabel("Min workers").fill("3");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Min: Minimum cannot exceed maximum.")).toBeVisible();
    await page.getByLabel("Min workers").fill("1");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Scaled to 1–2 workers.")).toBeVisible();
    expect((await sandbox.getEndpoint(id))?.workerConfig.minNum).toBe(1);
    await expect(workersCount(page)).toHaveText(/^[01] \/ 1$/);
    await expect(workersCount(page)).toHaveText("1 / 1", { timeout: 15_000 });
    await expect(page.getByTestId("cost-now")).toHaveText("$0.35");
    await expect(page.getByTestId("scaling-sentence")).toContainText("1 worker always stays up");

    // Overview: the chart draws the samples taken while the page is open.
    const chart = page.getByTestId("health-chart");
    await expect
      .poll(async () => Number(await chart.getAttribute("data-samples")), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    await expect(chart.locator(".recharts-line")).toHaveCount(4);
    for (const series of ["Workers running", "Workers total", "Jobs in queue", "Jobs in progress"]) {
      await expect(chart.getByText(series, { exact: true })).toBeVisible();
    }
    await expect(page.getByText("this page adds one every 3 seconds while it is open")).toBeVisible();

    // Workers tab lists the worker, and the tab is kept in the URL.
    await page.getByRole("tab", { name: "Workers" }).click();
    await expect(page).toHaveURL(/tab=workers/);
    const worker = page.getByRole("table", { name: "Workers" }).getByRole("row").nth(1);
    await expect(worker).toContainText("running");
    await expect(worker).toContainText("Yes");

    // Scale to zero: the minimum goes back to 0 (the idle worker stops after its idle timeout).
    await page.getByRole("button", { name: "Scale to zero" }).click();
    await expect(page.getByText(/Scaled to zero/)).toBeVisible();
    await expect(page.getByLabel("Min workers")).toHaveValue("0");
    expect((await sandbox.getEndpoint(id))?.workerConfig.minNum).toBe(0);

    // API tab: the curl snippet calls this route through the console with a console token, and copies; the
    // direct-to-Novita snippet uses $NOVITA_API_KEY and says what it loses.
    await page.getByRole("tab", { name: "API" }).click();
    const curl = page.getByLabel("curl snippet", { exact: true });
    const origin = new URL(page.url()).origin;
    await expect(curl).toContainText(`${origin}/api/novita/v1/${routeName}/run`);
    await expect(curl).toContainText("Authorization: Bearer $CONSOLE_TOKEN");
    await expect(curl).not.toContainText("NOVITA_API_KEY");
    const direct = page.getByLabel("curl snippet, straight to Novita", { exact: true });
    await expect(direct).toContainText(`/v1/${routeName}/run`);
    await expect(direct).toContainText("Authorization: Bearer $NOVITA_API_KEY");
    await expect(page.getByText(/do not appear in the console's job history/)).toBeVisible();
    await expect(page.getByText("DATA_DIR/sandbox-api-key")).toBeVisible();
    await page.getByRole("button", { name: "Copy curl snippet", exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`/api/novita/v1/${routeName}/run`);
    await page.getByRole("tablist", { name: "Language", exact: true }).getByRole("tab", { name: "Python" }).click();
    await expect(page.getByLabel("Python snippet", { exact: true })).toContainText("import os, time, requests");

    // Jobs: send one to this endpoint right from the tab, then find it among the endpoint's latest jobs.
    await page.getByRole("tab", { name: "Jobs" }).click();
    await expect(page.getByText("No job has been sent to this endpoint from the console yet.")).toBeVisible();
    await expect(page.getByLabel("Endpoint", { exact: true })).toContainText(name);
    await page.getByLabel("Job input (JSON)").fill('{"from": "the jobs tab"}');
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    const jobId = page.url().split("/").pop()!;
    await page.goto(`/endpoints/${id}?tab=jobs`);
    await expect(
      page.getByRole("list", { name: "Latest jobs" }).getByRole("link", { name: jobId.slice(0, 8) }),
    ).toHaveAttribute("href", `/jobs/${jobId}`);
    await expect(page.getByRole("link", { name: "All of this endpoint's jobs" })).toHaveAttribute(
      "href",
      `/jobs?endpoint=${id}`,
    );
  });

  test("settings: changing max workers shows the diff, saves, and Novita has it", async ({ page }) => {
    test.skip(!settingsEditorExists, "components/endpoints/settings-editor.tsx is not there yet");
    await signIn(page);
    await page.goto(`/endpoints/${id}?tab=settings`);
    const settings = page.getByRole("form", { name: "Endpoint settings" });
    await settings.getByLabel("Max workers").fill("4");
    await settings.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog", { name: "Save these changes?" });
    await expect(dialog.getByRole("list", { name: "Changes" })).toContainText("Max workers");
    await expect(dialog.getByRole("list", { name: "Changes" })).toContainText("→ 4");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await sandbox.getEndpoint(id))?.workerConfig.maxNum, { timeout: 10_000 }).toBe(4);
    // The header's quick scale follows the saved settings.
    await expect(page.getByRole("form", { name: "Quick scale" }).getByLabel("Max workers")).toHaveValue("4");
  });

  test("screenshots of every tab: light and dark, 1440 and 390 px", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page);
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1440, 390]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        for (const tab of ["overview", "workers", "settings", "api", "jobs", "danger"]) {
          await page.goto(`/endpoints/${id}?tab=${tab}`);
          await expect(
            page.getByRole("tab", {
              name: tab === "danger" ? "Danger zone" : tab === "api" ? "API" : new RegExp(`^${tab}$`, "i"),
            }),
          ).toHaveAttribute("data-state", "active");
          if (tab === "overview")
            await expect
              .poll(async () => Number(await page.getByTestId("health-chart").getAttribute("data-samples")))
              .toBeGreaterThanOrEqual(2);
          await page.screenshot({
            path: `test-results/screens/endpoints-details-${tab}-${width}-${scheme}.png`,
            fullPage: true,
          });
        }
      }
    }
  });

  test("delete: the button waits for the exact name, then the endpoint is gone from the list and from Novita", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto(`/endpoints/${id}`);
    await page.getByRole("tab", { name: "Danger zone" }).click();
    const confirm = page.getByLabel(`Type ${name} to confirm`);
    const remove = page.getByRole("button", { name: "Delete endpoint" });
    await expect(remove).toBeDisabled();
    await confirm.fill(`${name}-typo`);
    await expect(remove).toBeDisabled();
    await confirm.fill(name);
    await expect(remove).toBeEnabled();
    await remove.click();
    await expect(page).toHaveURL(/\/endpoints$/);
    await expect(page.getByText(`Deleted ${name}.`)).toBeVisible();
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
    expect(await sandbox.getEndpoint(id)).toBeUndefined();

    await page.goto(`/endpoints/${id}`);
    await expect(page.getByRole("heading", { name: "This endpoint does not exist (any more)" })).toBeVisible();
    await page.getByRole("link", { name: "Back to endpoints" }).click();
    await expect(page).toHaveURL(/\/endpoints$/);
  });
});
