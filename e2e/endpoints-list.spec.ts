import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";

const table = (page: Page) => page.getByRole("table", { name: "Endpoints" });
const rowOf = (page: Page, name: string) =>
  table(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });

test.describe("endpoints list", () => {
  let sandbox: SandboxManagement;
  let prefix: string;
  const created: string[] = [];

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    prefix = uniqueName("list");
    created.push(await sandbox.createEndpoint(`${prefix}-alpha`, { maxNum: 3 }));
    created.push(await sandbox.createEndpoint(`${prefix}-beta`, { image: "example/sleep:1", maxNum: 2 }));
  });

  test.afterAll(async () => {
    for (const id of created) await sandbox.deleteEndpoint(id);
  });

  test("shows each endpoint with its fields, and search and status filter narrow it and survive a reload", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, undefined, "/login?next=/endpoints");
    await page.goto("/endpoints");
    await expect(page.getByRole("heading", { name: "Endpoints", level: 1 })).toBeVisible();
    // Made behind the console's back just now: they show within one refresh (every viewer shares one read per 5 s).
    const alpha = rowOf(page, `${prefix}-alpha`);
    await expect(alpha).toContainText(created[0]!);
    await expect(page.getByRole("link", { name: "Create endpoint" })).toBeVisible();
    await expect(alpha.getByLabel(/^Status: Serving/)).toBeVisible(); // starting for 1.5 s, then serving
    await expect(alpha).toContainText("RTX 4090 24GB × 1");
    await expect(alpha).toContainText("0 / 0");
    await expect(alpha).toContainText("min 0 – max 3");
    await expect(alpha).toContainText("0 / 0"); // queue / in progress
    await expect(alpha).toContainText("example/echo:latest");
    await expect(alpha.getByTitle("Created outside this console")).toHaveText("—");
    await expect(rowOf(page, `${prefix}-beta`)).toContainText("example/sleep:1");

    // Search by name narrows to one row, and the URL keeps it.
    await page.getByLabel("Search endpoints by name or id").fill(`${prefix}-alpha`);
    await expect(rowOf(page, `${prefix}-beta`)).toHaveCount(0);
    await expect(alpha).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`q=${prefix}-alpha`));
    await page.reload();
    await expect(page.getByLabel("Search endpoints by name or id")).toHaveValue(`${prefix}-alpha`);
    await expect(rowOf(page, `${prefix}-beta`)).toHaveCount(0);
    await expect(rowOf(page, `${prefix}-alpha`)).toBeVisible();

    // Search by id.
    await page.getByLabel("Search endpoints by name or id").fill(created[1]!);
    await expect(rowOf(page, `${prefix}-beta`)).toBeVisible();
    await expect(rowOf(page, `${prefix}-alpha`)).toHaveCount(0);

    // Status: both serve, so "Failed or other" leaves nothing, and that survives a reload.
    await page.getByLabel("Search endpoints by name or id").fill(prefix);
    await expect(table(page).getByRole("row")).toHaveCount(3);
    await page.getByRole("combobox", { name: "Filter by status" }).click();
    await page.getByRole("option", { name: "Serving" }).click();
    await expect(table(page).getByRole("row")).toHaveCount(3);
    await page.getByRole("combobox", { name: "Filter by status" }).click();
    await page.getByRole("option", { name: "Failed or other" }).click();
    await expect(page.getByRole("heading", { name: "No endpoint matches" })).toBeVisible();
    await expect(page).toHaveURL(/status=other/);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Filter by status" })).toHaveText("Failed or other");
    await expect(page.getByRole("heading", { name: "No endpoint matches" })).toBeVisible();

    // A row leads to the details page.
    await page.goto(`/endpoints?q=${prefix}-alpha`);
    await rowOf(page, `${prefix}-alpha`)
      .getByRole("link", { name: `${prefix}-alpha` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/${created[0]}$`));
    await expect(page.getByRole("heading", { name: `${prefix}-alpha`, level: 1 })).toBeVisible();
  });

  test("an endpoint created behind the console's back appears without reloading", async ({ page }) => {
    await signIn(page);
    await page.goto(`/endpoints?q=${prefix}`);
    await expect(table(page).getByRole("row")).toHaveCount(3);
    const name = `${prefix}-gamma`;
    created.push(await sandbox.createEndpoint(name));
    await expect(rowOf(page, name)).toBeVisible({ timeout: 12_000 });
    await expect(page.getByText(/3 of \d+ endpoints|^3 endpoints$/)).toBeVisible();
  });

  test("a search that matches nothing says so", async ({ page }) => {
    await signIn(page);
    await page.goto("/endpoints?q=no-such-endpoint-anywhere");
    await expect(page.getByRole("heading", { name: "No endpoint matches" })).toBeVisible();
    await expect(page.getByText("Nothing matches this search and status.")).toBeVisible();
  });

  test("screenshots: light and dark, 1440 and 390 px", async ({ page }) => {
    await signIn(page);
    await forEachScreen(page, async (scheme, width) => {
      await page.goto(`/endpoints?q=${prefix}`);
      // Wide screens get the table, phones one card per endpoint.
      const shown =
        width < 640
          ? page.getByRole("list", { name: "Endpoints" }).getByRole("listitem")
          : table(page).getByRole("row");
      await expect(shown.filter({ hasText: `${prefix}-alpha` })).toContainText("RTX 4090 24GB × 1");
      await page.screenshot({ path: `test-results/screens/endpoints-list-${width}-${scheme}.png`, fullPage: true });
    });
  });
});
